import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { CheckFailure, isShownCheckFailure } from "@/components/registers/check-failure";
import { RegisterFacts } from "@/components/registers/register-header";
import { ResyncDay } from "@/components/registers/resync-day";
import { ReceiptsTable, type Amount, type ReceiptRow } from "@/components/registers/register-tables";
import { PlainTable, plainRow } from "@/components/tables/plain-table";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { todayUtc } from "@/lib/rent/calendar";
import { checkRegisterDay, registerInfo, type DayCheck } from "@/lib/turnover/register-day";
import { isUuid } from "@/lib/validations/identifiers";


/** A register's day checked against its receipts, read live from the provider. */
export default async function RegisterDayPage({ params }: { params: Promise<{ id: string; day: string }> }) {
  const ctx = await requirePageContext("turnover.check");
  const { id, day } = await params;
  if (!isUuid(id)) notFound();
  const t = await getTranslations("registers");
  const locale = await getLocale();
  const db = await getDb();
  const reg = await registerInfo(db, ctx.actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const back = (
    <p className="mb-2 text-sm"><Link className="text-blue-800 underline" href={`/dashboard/registers/${id}?month=${day.slice(0, 7)}`}>{t("backToMonth", { rnm: reg.rnm, month: day.slice(0, 7) })}</Link></p>
  );
  let c: DayCheck;
  try {
    c = await checkRegisterDay(db, ctx.actor, id, day, todayUtc());
  } catch (e) {
    if (!isShownCheckFailure(e)) throw e;
    return (
      <>
        {back}
        <PageTitle title={t("dayTitle", { rnm: reg.rnm, day })} />
        <CheckFailure error={e} />
      </>
    );
  }
  const money = (v: bigint | null | undefined) => (v === null || v === undefined ? "—" : formatMoney(v, "RUB", locale));
  const amount = (v: bigint): Amount => ({ text: money(v), key: v.toString() });
  const figure = (v: bigint | number | null) => (v === null ? t("notGiven") : typeof v === "number" ? String(v) : money(v));
  const diff = (v: bigint | number | null) => (v === null ? "" : typeof v === "number" ? (v > 0 ? `+${v}` : String(v)) : v > 0n ? `+${money(v)}` : money(v));
  const rows: ReceiptRow[] = c.receipts.map((r) => ({
    id: r.id,
    time: r.time,
    operation: r.operation,
    operationText: [t(`operations.${r.operation}`), r.correction ? t("correction") : "", r.bso ? t("bso") : ""].filter(Boolean).join(", "),
    number: `${r.shift ?? "—"} / ${r.number ?? "—"}`,
    total: amount(r.total),
    cash: amount(r.cash),
    cashless: amount(r.cashless),
    prepaid: amount(r.prepaid),
    credit: amount(r.credit),
    vat: amount(r.vat),
    // Yandex OFD's report holds no items: its receipts lead nowhere further.
    href: c.register.provider?.kind === "yandex" ? null : `/dashboard/registers/${id}/receipts/${encodeURIComponent(r.id)}?day=${day}`,
  }));
  const verdict = c.stored === null ? "nothingStored" : c.comparison.matches ? "matches" : "differs";
  const tone = verdict === "matches" ? "border-green-200 bg-green-50 text-green-900" : "border-amber-200 bg-amber-50 text-amber-900";
  return (
    <>
      {back}
      <PageTitle title={t("dayTitle", { rnm: c.register.rnm, day })} />
      <RegisterFacts register={c.register} />
      <div className="space-y-8">
        <div className="space-y-2">
          <p role="status" className={`rounded-md border px-4 py-3 text-sm ${tone}`} data-testid="check-verdict" data-verdict={verdict}>
            {t(verdict, { count: c.receipts.length })}
          </p>
          {c.countedSource && c.countedSource !== c.storedSource && <p className="text-sm text-slate-700">{t("countedOther", { source: c.countedSource === "manual" || c.countedSource === "tenant-reported" ? t(`sources.${c.countedSource}`) : c.countedSource })}</p>}
          {c.summary.otherOperations > 0 && <p className="text-sm text-slate-600">{t("otherOperations", { count: c.summary.otherOperations })}</p>}
          {verdict !== "matches" && c.register.provider && can(ctx.actor.role, "sync.run") && <ResyncDay connectionId={c.register.provider.connectionId} day={day} />}
        </div>
        <section aria-labelledby="cmp-h" className="space-y-2">
          <h2 id="cmp-h" className="font-semibold">{t("comparison")}</h2>
          <PlainTable testId="day-comparison" labelledBy="cmp-h" head={[{ label: t("figure") }, { label: t("stored"), right: true }, { label: t("fromReceipts"), right: true }, { label: t("difference"), right: true }]}>
            {c.comparison.fields.map((f) => {
              const off = f.difference !== null && f.difference !== 0n && f.difference !== 0;
              return (
                <tr key={f.field} className={`${plainRow} ${off ? "bg-amber-50" : ""}`} data-field={f.field} data-differs={off || undefined}>
                  <td className="px-4 py-2">{t(`fields.${f.field}`)}</td>
                  <td className={`px-4 py-2 text-right tabular-nums ${f.stored === null ? "text-slate-400" : ""}`}>{figure(f.stored)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{figure(f.receipts)}</td>
                  <td className={`px-4 py-2 text-right tabular-nums ${off ? "font-semibold text-amber-800" : "text-slate-400"}`}>{diff(f.difference)}</td>
                </tr>
              );
            })}
          </PlainTable>
        </section>
        <section aria-labelledby="shifts-h" className="space-y-2">
          <h2 id="shifts-h" className="font-semibold">{t("shifts", { day })}</h2>
          <PlainTable
            testId="day-shifts"
            labelledBy="shifts-h"
            head={[{ label: t("shift") }, { label: t("opened") }, { label: t("closed") }, { label: t("income"), right: true }, { label: t("refunds"), right: true }, { label: t("receiptsShort"), right: true }]}
            empty={c.shifts.length === 0 && t("noShifts")}
          >
            {c.shifts.map((s) => (
              <tr key={`${s.shiftNumber}-${s.openedAt}`} className={plainRow}>
                <td className="px-4 py-2 tabular-nums">{s.shiftNumber}</td>
                <td className="px-4 py-2 tabular-nums">{s.openedAt.replace("T", " ").slice(0, 16)}</td>
                <td className="px-4 py-2 tabular-nums">{s.closedAt ? s.closedAt.replace("T", " ").slice(0, 16) : t("stillOpen")}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(s.income)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(s.refunds)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{s.receipts + s.refundReceipts}</td>
              </tr>
            ))}
          </PlainTable>
        </section>
        <section aria-labelledby="receipts-h" className="space-y-2">
          <h2 id="receipts-h" className="font-semibold">{t("receiptsOf", { day })}</h2>
          <ReceiptsTable rows={rows} labelledBy="receipts-h" />
        </section>
      </div>
    </>
  );
}
