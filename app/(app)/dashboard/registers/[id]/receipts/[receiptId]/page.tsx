import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { RegisterFacts } from "@/components/registers/register-header";
import { PlainTable, plainRow } from "@/components/tables/plain-table";
import { getDb } from "@/db/client";
import { requirePageContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { registerReceipt } from "@/lib/turnover/register-day";
import { isUuid } from "@/lib/validations/identifiers";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One receipt of a register with its items, read live from the provider. */
export default async function ReceiptPage({ params, searchParams }: { params: Promise<{ id: string; receiptId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("turnover.check");
  const { id, receiptId } = await params;
  if (!isUuid(id)) notFound();
  const t = await getTranslations("registers");
  const locale = await getLocale();
  const asked = (await searchParams).day;
  let d;
  try {
    d = await registerReceipt(await getDb(), ctx.actor, id, decodeURIComponent(receiptId), {}, asked);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    if (!(e instanceof AppError) || e.code !== "provider") throw e;
    return (
      <>
        <PageTitle title={t("items")} />
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="check-error">{t("providerFailed", { message: e.message })}</p>
      </>
    );
  }
  const r = d.receipt;
  const day = asked && DAY.test(asked) ? asked : r.time.slice(0, 10);
  const money = (v: bigint) => formatMoney(v, "RUB", locale);
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const itemsTotal = r.items.reduce((a, i) => a + i.total, 0n);
  const forms = [["cash", r.cash], ["cashless", r.cashless], ["prepaid", r.prepaid], ["credit", r.credit]] as const;
  return (
    <>
      <p className="mb-2 text-sm"><Link className="text-blue-800 underline" href={`/dashboard/registers/${id}/${day}`}>{t("backToDay", { day })}</Link></p>
      <PageTitle title={t("receiptTitle", { time: r.time.replace("T", " ") })} description={[t(`operations.${r.operation}`), r.correction ? t("correction") : "", r.bso ? t("bso") : ""].filter(Boolean).join(", ")} />
      <RegisterFacts register={d.register} />
      <div className="space-y-6">
        <dl className="grid gap-3 sm:grid-cols-3 xl:grid-cols-6" data-testid="receipt-figures">
          {[["total", r.total] as const, ...forms, ["vat", r.vat] as const].map(([k, v]) => (
            <div key={k} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs uppercase text-slate-500">{t(k)}</dt>
              <dd className="mt-1 font-semibold tabular-nums" data-testid={`receipt-${k}`}>{money(v)}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-600">{t("seller", { name: r.tenant.name, inn: r.tenant.inn })}</p>
        <section aria-labelledby="items-h" className="space-y-2">
          <h2 id="items-h" className="font-semibold">{t("items")}</h2>
          <PlainTable
            testId="receipt-items"
            labelledBy="items-h"
            head={[{ label: t("item") }, { label: t("price"), right: true }, { label: t("quantity"), right: true }, { label: t("total"), right: true }, { label: t("vatRate") }, { label: t("vat"), right: true }]}
          >
            {r.items.map((i, n) => (
              <tr key={n} className={plainRow}>
                <td className="px-4 py-2">{i.name}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(i.price)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{quantity.format(i.quantity)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(i.total)}</td>
                <td className="px-4 py-2">{i.vatRate === null ? "—" : i.vatRate === "no VAT" ? t("noVat") : i.vatRate}</td>
                <td className="px-4 py-2 text-right tabular-nums">{i.vat === null ? "—" : money(i.vat)}</td>
              </tr>
            ))}
            <tr className={`${plainRow} font-semibold`}>
              <td className="px-4 py-2" colSpan={3}>{t("itemsTotal")}</td>
              <td className="px-4 py-2 text-right tabular-nums" data-testid="items-total">{money(itemsTotal)}</td>
              <td colSpan={2} />
            </tr>
          </PlainTable>
        </section>
      </div>
    </>
  );
}
