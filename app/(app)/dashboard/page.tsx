import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { BreakdownTable, type BreakdownRow } from "@/components/dashboard/breakdown-tables";
import { MonthPicker } from "@/components/dashboard/month-picker";
import { TurnoverChart } from "@/components/dashboard/turnover-chart";
import { PageTitle } from "@/components/layout/page-title";
import { getDb } from "@/db/client";
import { requirePageContext } from "@/lib/auth/session";
import { chooseMonth } from "@/lib/dashboard/month";
import { formatPercentTenths, shareTenths } from "@/lib/dashboard/percent";
import { formatMoney } from "@/lib/money";
import { listStatements } from "@/lib/statements/statements";
import { turnoverReport } from "@/lib/turnover/report";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("dashboard.read");
  const t = await getTranslations();
  const locale = await getLocale();
  const db = await getDb();
  const { month, current, invalid, chosen, from, to, historyFrom } = chooseMonth((await searchParams).month, new Date());
  const [months, categories, byTenant, statements] = await Promise.all([
    turnoverReport(db, ctx.actor, { from: historyFrom, to, groupBy: "month" }),
    turnoverReport(db, ctx.actor, { from, to, groupBy: "category" }),
    turnoverReport(db, ctx.actor, { from, to, groupBy: "tenant" }),
    listStatements(db, ctx.actor, month),
  ]);
  const money = (v: bigint) => formatMoney(v, "RUB", locale);
  const monthNet = byTenant.reduce((s, r) => s + r.net, 0n);
  const rentTotal = statements.reduce((s, x) => s + x.total, 0n);
  const issued = statements.filter((s) => s.status === "issued").length;
  const share = (v: bigint) => formatPercentTenths(shareTenths(v, monthNet), locale);
  const row = (id: string, name: string, net: bigint, days: number, inn?: string, href?: string): BreakdownRow => ({ id, name, inn, href, net: net.toString(), netText: money(net), share: share(net), days });
  const csv = (groupBy: string) => `/exports/turnover?${new URLSearchParams({ from, to, groupBy })}`;
  return (
    <>
      <PageTitle title={t("dashboard.title")} description={t("dashboard.description")} />
      <p className="mb-4 text-sm text-slate-600" data-testid="welcome">
        {t("dashboard.welcome", { email: ctx.actor.email, role: t(`roles.${ctx.actor.role}`), org: ctx.actor.orgName })}
      </p>
      <MonthPicker month={month} max={current} invalid={invalid} />
      {months.length === 0 && !chosen ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">{t("dashboard.empty")}</div>
      ) : (
        <div className="space-y-8">
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="dashboard-kpis">
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.netTurnover", { month })}</dt><dd className="mt-1 text-xl font-semibold tabular-nums">{money(monthNet)}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.rentDue", { month })}</dt><dd className="mt-1 text-xl font-semibold tabular-nums">{statements.length ? money(rentTotal) : "—"}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.statements")}</dt><dd className="mt-1 text-xl font-semibold"><Link className="text-blue-800 underline" href={`/rent/${month}`}>{t("dashboard.issuedOf", { issued, total: statements.length })}</Link></dd></div>
          </dl>
          <section aria-labelledby="chart-h" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="chart-h" className="mb-2 font-semibold">{t("dashboard.byMonth")}</h2>
            <TurnoverChart label={t("dashboard.byMonth")} data={months.map((m) => ({ month: m.key.month, roubles: Number(m.net / 100n) }))} />
          </section>
          <div className="grid gap-6 xl:grid-cols-2">
            <BreakdownTable kind="category" title={t("dashboard.byCategory", { month })} csvHref={csv("category")} rows={categories.map((c) => row(c.key.category || "-", c.key.category || t("dashboard.noCategory"), c.net, c.days))} />
            <BreakdownTable kind="tenant" title={t("dashboard.byTenant", { month })} csvHref={csv("tenant")} rows={byTenant.map((r) => row(r.key.tenantId, r.key.name || r.key.inn, r.net, r.days, r.key.inn, `/dashboard/tenants/${r.key.tenantId}?month=${month}`))} />
          </div>
        </div>
      )}
    </>
  );
}
