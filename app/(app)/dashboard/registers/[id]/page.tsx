import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { MonthPicker } from "@/components/dashboard/month-picker";
import { PageTitle } from "@/components/layout/page-title";
import { DayEntryForm } from "@/components/registers/day-entry-form";
import { RegisterFacts } from "@/components/registers/register-header";
import { RegisterDaysTable, type Amount, type DayRow } from "@/components/registers/register-tables";
import { getDb } from "@/db/client";
import { organizationCurrency } from "@/db/queries/members";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { chooseMonth } from "@/lib/dashboard/month";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { todayUtc } from "@/lib/rent/calendar";
import { openShiftsOf } from "@/lib/sync/prro-poll";
import { registerMonth } from "@/lib/turnover/register-day";
import { isUuid } from "@/lib/validations/identifiers";
import { Kpi } from "@/components/dashboard/kpi";


/** One register's month, day by day: what is stored and counted, what is missing, and a way to each day's receipts. */
export default async function RegisterMonthPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("dashboard.read");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const t = await getTranslations("registers");
  const locale = await getLocale();
  const currency = await organizationCurrency(await getDb(), ctx.actor.orgId);
  const now = new Date();
  const m = chooseMonth((await searchParams).month, now);
  const d = await registerMonth(await getDb(), ctx.actor, id, m.month, todayUtc(now)).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const money = (v: bigint | null | undefined): Amount => (v === null || v === undefined ? { text: "—" } : { text: formatMoney(v, currency, locale), key: v.toString() });
  const count = (v: number | null | undefined): Amount => (v === null || v === undefined ? { text: "—" } : { text: String(v), key: String(v) });
  /** A person's sources by name; a provider's as stored ("renta:kkt-full-data"). */
  const sourceName = (s: string | null) => (s === "manual" || s === "tenant-reported" ? t(`sources.${s}`) : (s ?? ""));
  const canCheck = d.checkable && can(ctx.actor.role, "turnover.check");
  const canWrite = can(ctx.actor.role, "turnover.write");
  const rows: DayRow[] = d.days.map((x) => ({
    id: x.day,
    day: x.day,
    state: x.state,
    stateText: t(`states.${x.state}`),
    source: sourceName(x.source),
    otherSources: x.otherSources.map(sourceName).join(", "),
    income: money(x.figures?.income),
    refunds: money(x.figures?.refunds),
    net: money(x.net),
    receipts: count(x.figures?.receipts),
    checkHref: canCheck && (x.state === "ok" || x.state === "missing" || x.state === "pending") ? `/dashboard/registers/${id}/${x.day}` : undefined,
    removable: canWrite && (x.source === "manual" || x.source === "tenant-reported") ? { kktId: id, source: x.source } : undefined,
  }));
  const openShifts = d.register.provider?.kind === "prro" ? await openShiftsOf(await getDb(), ctx.actor, id) : [];
  // The form suggests the first day without figures (or yesterday).
  const firstMissing = d.days.find((x) => x.state === "missing")?.day;
  return (
    <>
      <p className="mb-2 text-sm"><Link className="text-blue-800 underline" href={`/dashboard/tenants/${d.register.tenant.id}?month=${m.month}`}>{t("backToTenant", { tenant: d.register.tenant.name })}</Link></p>
      <PageTitle title={t("title", { rnm: d.register.rnm })} />
      <RegisterFacts register={d.register} />
      <MonthPicker month={m.month} max={m.current} invalid={m.invalid} />
      <div className="space-y-8">
        <dl className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="register-kpis">
          <Kpi label={t("net", { month: m.month })} value={formatMoney(d.totals.net, currency, locale)} testId="kpi-net" />
          <Kpi label={t("daysWithData")} value={String(d.totals.daysWithData)} testId="kpi-days" />
          <Kpi label={t("missingDays")} value={String(d.totals.missingDays)} testId="kpi-missing" note={t("missingHelp")} />
          <Kpi label={t("receipts")} value={String(d.totals.receipts)} testId="kpi-receipts" />
        </dl>
        {openShifts.map((s) => (
          <p key={s.shiftId} className="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-950" data-testid="open-shift">
            {t("openShift", { number: s.number ?? "—", opened: s.openedAt.replace("T", " ").slice(0, 16), income: formatMoney(s.income, currency, locale), refunds: formatMoney(s.refunds, currency, locale), receipts: s.receipts })}
          </p>
        ))}
        <section aria-labelledby="days-h" className="space-y-2">
          <h2 id="days-h" className="font-semibold">{t("days", { month: m.month })}</h2>
          {canCheck && (
            <p className="flex flex-wrap gap-x-4 text-sm text-slate-600">
              <span>{t("checkHelp")}</span>
              <Link className="text-blue-800 underline" href={`/dashboard/registers/${id}/check?month=${m.month}`}>{t("checkMonth")}</Link>
            </p>
          )}
          <RegisterDaysTable rows={rows} labelledBy="days-h" />
        </section>
        {canWrite && (
          <div className="space-y-2">
            <DayEntryForm kktId={id} defaultDay={firstMissing ?? d.days.filter((x) => x.state === "ok").at(-1)?.day ?? m.from} />
            <p className="text-sm"><Link className="text-blue-800 underline" href="/contracts/import?kind=turnover">{t("importLink")}</Link></p>
          </div>
        )}
      </div>
    </>
  );
}
