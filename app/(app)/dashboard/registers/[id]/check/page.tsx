import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { CheckFailure, isShownCheckFailure } from "@/components/registers/check-failure";
import { RegisterFacts } from "@/components/registers/register-header";
import { PlainTable, plainRow } from "@/components/tables/plain-table";
import { getDb } from "@/db/client";
import { requirePageContext } from "@/lib/auth/session";
import { chooseMonth } from "@/lib/dashboard/month";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { todayUtc } from "@/lib/rent/calendar";
import { checkRegisterMonth, registerInfo, type MonthCheck } from "@/lib/turnover/register-day";
import { isUuid } from "@/lib/validations/identifiers";

/** A register's month checked against its receipts, day by day, read live from the provider. */
export default async function RegisterMonthCheckPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("turnover.check");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const t = await getTranslations("registers");
  const locale = await getLocale();
  const now = new Date();
  const m = chooseMonth((await searchParams).month, now);
  const db = await getDb();
  const reg = await registerInfo(db, ctx.actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const back = <p className="mb-2 text-sm"><Link className="text-blue-800 underline" href={`/dashboard/registers/${id}?month=${m.month}`}>{t("backToMonth", { rnm: reg.rnm, month: m.month })}</Link></p>;
  let c: MonthCheck;
  try {
    c = await checkRegisterMonth(db, ctx.actor, id, m.month, todayUtc(now));
  } catch (e) {
    if (!isShownCheckFailure(e)) throw e;
    return (
      <>
        {back}
        <PageTitle title={t("monthCheckTitle", { rnm: reg.rnm, month: m.month })} />
        <CheckFailure error={e} />
      </>
    );
  }
  const money = (v: bigint | number | null) => (v === null ? "—" : typeof v === "number" ? String(v) : formatMoney(v, "RUB", locale));
  const signed = (v: bigint | number | null) => (v !== null && v > 0 ? `+${money(v)}` : money(v));
  return (
    <>
      {back}
      <PageTitle title={t("monthCheckTitle", { rnm: c.register.rnm, month: m.month })} />
      <RegisterFacts register={c.register} />
      <p role="status" data-testid="month-check-summary" className={`mb-6 rounded-md border px-4 py-3 text-sm ${c.differing === 0 ? "border-green-200 bg-green-50 text-green-900" : "border-amber-200 bg-amber-50 text-amber-900"}`}>
        {c.from === null ? t("monthCheckNone") : t("monthCheckSummary", { matching: c.matching, total: c.days.length, from: c.from, to: c.to ?? "" })}
      </p>
      {c.days.length > 0 && (
        <section aria-labelledby="mc-h" className="space-y-2">
          <h2 id="mc-h" className="font-semibold">{t("monthCheckDays")}</h2>
          <PlainTable testId="month-check" labelledBy="mc-h" head={[{ label: t("day") }, { label: t("receiptsShort"), right: true }, { label: t("state") }]}>
            {c.days.map((d) => (
              <tr key={d.day} className={`${plainRow} ${d.matches ? "" : "bg-amber-50"}`} data-day={d.day} data-matches={d.matches}>
                <td className="px-4 py-2 tabular-nums"><Link className="text-blue-800 underline" href={`/dashboard/registers/${id}/${d.day}`}>{d.day}</Link></td>
                <td className="px-4 py-2 text-right tabular-nums">{d.receipts}</td>
                <td className="px-4 py-2">
                  {d.matches ? (
                    <span className="text-green-800">{t("dayMatches")}</span>
                  ) : d.nothingStored ? (
                    <span className="text-amber-800">{t("dayNothingStored")}</span>
                  ) : (
                    <span className="text-amber-800">{d.differences.map((f) => `${t(`fields.${f.field}`)} ${signed(f.difference)}`).join("; ")}</span>
                  )}
                </td>
              </tr>
            ))}
          </PlainTable>
        </section>
      )}
    </>
  );
}
