import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { BreakdownTable, type BreakdownRow, type Figure } from "@/components/dashboard/breakdown-tables";
import { MonthPicker } from "@/components/dashboard/month-picker";
import { TurnoverChart } from "@/components/dashboard/turnover-chart";
import { PageTitle } from "@/components/layout/page-title";
import { MissingRegistersTable, type MissingRow } from "@/components/registers/register-tables";
import { PlainTable, plainRow } from "@/components/tables/plain-table";
import { getDb } from "@/db/client";
import { organizationCurrency } from "@/db/queries/members";
import { contractTenants } from "@/db/queries/contracts";
import { listTenants } from "@/db/queries/tenancy";
import { requirePageContext } from "@/lib/auth/session";
import { expiringContracts } from "@/lib/dashboard/expiring";
import { missingDays } from "@/lib/dashboard/missing";
import { chooseMonth } from "@/lib/dashboard/month";
import { tenantOverview } from "@/lib/dashboard/overview";
import { formatPercentTenths, shareTenths } from "@/lib/dashboard/percent";
import { formatMoney } from "@/lib/money";
import { todayUtc } from "@/lib/rent/calendar";
import { listStatements } from "@/lib/statements/statements";
import { turnoverReport } from "@/lib/turnover/report";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("dashboard.read");
  const t = await getTranslations();
  const locale = await getLocale();
  const db = await getDb();
  const currency = await organizationCurrency(db, ctx.actor.orgId);
  const sp = await searchParams;
  const { month, current, invalid, chosen, from, to, historyFrom, yearBefore } = chooseMonth(sp.month, new Date());
  /** One store category's tenants ("" for stores without one), when a category was chosen. */
  const category = sp.category !== undefined && sp.category.length <= 200 ? sp.category : undefined;
  const orgId = ctx.actor.orgId;
  const today = todayUtc();
  const [months, categories, categoriesBefore, byTenant, byTenantBefore, shown, shownBefore, statements, tenants, contractTenant, expiring, missing] = await Promise.all([
    turnoverReport(db, ctx.actor, { from: historyFrom, to, groupBy: "month" }),
    turnoverReport(db, ctx.actor, { from, to, groupBy: "category" }),
    turnoverReport(db, ctx.actor, { from: yearBefore.from, to: yearBefore.to, groupBy: "category" }),
    turnoverReport(db, ctx.actor, { from, to, groupBy: "tenant" }),
    turnoverReport(db, ctx.actor, { from: yearBefore.from, to: yearBefore.to, groupBy: "tenant" }),
    category === undefined ? null : turnoverReport(db, ctx.actor, { from, to, groupBy: "tenant", category }),
    category === undefined ? null : turnoverReport(db, ctx.actor, { from: yearBefore.from, to: yearBefore.to, groupBy: "tenant", category }),
    listStatements(db, ctx.actor, month),
    listTenants(db, orgId),
    contractTenants(db, orgId),
    expiringContracts(db, ctx.actor, today),
    missingDays(db, ctx.actor, { from, to }, today),
  ]);
  // A mall whose turnover began this month (a new connection, a PRRO polled since today) opens on this month.
  if (months.length === 0 && !chosen && (await turnoverReport(db, ctx.actor, { from: `${current}-01`, to: today, groupBy: "month" })).length > 0) redirect(`/dashboard?month=${current}`);
  const mall = tenantOverview({ byTenant, yearBefore: byTenantBefore, statements, contractTenant, tenants });
  // One category: its tenants' turnover there, against the same category a year before; rent against all their turnover.
  const overview = shown ? tenantOverview({ byTenant: shown, yearBefore: shownBefore ?? [], statements, contractTenant, tenants, wholeNet: new Map(byTenant.map((r) => [r.key.tenantId, r.net])) }) : mall;
  const money = (v: bigint) => formatMoney(v, currency, locale);
  const monthNet = mall.net;
  const categoryName = (c: string) => c || t("dashboard.noCategory");
  const rentTotal = statements.reduce((s, x) => s + x.total, 0n);
  const issued = statements.filter((s) => s.status === "issued").length;
  const amount = (v: bigint | null): Figure => (v === null ? { text: "—" } : { text: money(v), key: v.toString() });
  const percent = (tenths: bigint | null, signed = false): Figure =>
    tenths === null ? { text: "—" } : { text: `${signed && tenths > 0n ? "+" : ""}${formatPercentTenths(tenths, locale)}`, key: tenths.toString() };
  const categoryBefore = new Map(categoriesBefore.map((c) => [c.key.category, c.net]));
  const categoryRows: BreakdownRow[] = categories.map((c) => {
    const before = categoryBefore.get(c.key.category);
    return {
      id: c.key.category || "-",
      name: categoryName(c.key.category),
      href: `/dashboard?${new URLSearchParams({ month, category: c.key.category })}#tenant-h`,
      net: amount(c.net),
      share: percent(shareTenths(c.net, monthNet)),
      change: percent(before === undefined ? null : shareTenths(c.net - before, before), true),
    };
  });
  const tenantRows: BreakdownRow[] = overview.rows.map((r) => ({
    id: r.tenantId,
    name: r.name,
    inn: r.inn,
    href: `/dashboard/tenants/${r.tenantId}?month=${month}`,
    net: amount(r.net),
    share: percent(r.shareTenths),
    change: percent(r.changeTenths, true),
    total: amount(r.total),
    occupancyCost: percent(r.occupancyCostTenths),
  }));
  const missingRows: MissingRow[] = missing.map((r) => ({
    id: r.kktId,
    rnm: r.rnm,
    href: `/dashboard/registers/${r.kktId}?month=${month}`,
    tenant: r.tenantName,
    tenantHref: `/dashboard/tenants/${r.tenantId}?month=${month}`,
    missing: { text: String(r.missing), key: String(r.missing) },
    days: r.days.length > 8 ? `${r.days.slice(0, 8).join(", ")}, …` : r.days.join(", "),
  }));
  const csv = (groupBy: string, extra: Record<string, string> = {}) => `/exports/turnover?${new URLSearchParams({ from, to, groupBy, ...extra })}`;
  return (
    <>
      <PageTitle title={t("dashboard.title")} description={t("dashboard.description")} />
      <p className="mb-4 text-sm text-slate-600" data-testid="welcome">
        {t("dashboard.welcome", { email: ctx.actor.email, role: t(`roles.${ctx.actor.role}`), org: ctx.actor.orgName })}
      </p>
      <MonthPicker month={month} max={current} invalid={invalid} keep={category === undefined ? {} : { category }} />
      {months.length === 0 && !chosen ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">{t("dashboard.empty")}</div>
      ) : (
        <div className="space-y-8">
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="dashboard-kpis">
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.netTurnover", { month })}</dt><dd className="mt-1 text-xl font-semibold tabular-nums" data-testid="kpi-net">{money(monthNet)}</dd><dd className="mt-1 text-xs text-slate-500" data-testid="kpi-net-change">{mall.changeTenths === null ? t("dashboard.noYearBefore", { month: yearBefore.month }) : t("dashboard.versusValue", { change: percent(mall.changeTenths, true).text, month: yearBefore.month })}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.rentDue", { month })}</dt><dd className="mt-1 text-xl font-semibold tabular-nums">{statements.length ? money(rentTotal) : "—"}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.statements")}</dt><dd className="mt-1 text-xl font-semibold"><Link className="text-blue-800 underline" href={`/rent/${month}`}>{t("dashboard.issuedOf", { issued, total: statements.length })}</Link></dd></div>
          </dl>
          <section aria-labelledby="chart-h" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="chart-h" className="mb-2 font-semibold">{t("dashboard.byMonth")}</h2>
            <TurnoverChart label={t("dashboard.byMonth")} data={months.map((m) => ({ month: m.key.month, roubles: Number(m.net / 100n) }))} />
          </section>
          <div className="space-y-8">
            <BreakdownTable kind="category" title={t("dashboard.byCategory", { month })} csvHref={csv("category")} yearBefore={yearBefore.month} rows={categoryRows} />
            <BreakdownTable
              key={category ?? "all"}
              kind="tenant"
              title={category === undefined ? t("dashboard.byTenant", { month }) : t("dashboard.byTenantIn", { month, category: categoryName(category) })}
              csvHref={csv("tenant", category === undefined ? {} : { category })}
              yearBefore={yearBefore.month}
              rows={tenantRows}
              aside={category === undefined ? undefined : <Link className="text-sm text-blue-800 underline" href={`/dashboard?month=${month}#tenant-h`}>{t("dashboard.allCategories")}</Link>}
            />
          </div>
          <section aria-labelledby="missing-h" className="space-y-2">
            <h2 id="missing-h" className="font-semibold">{t("registers.missingTitle", { month })}</h2>
            {missingRows.length === 0 ? (
              <p className="text-sm text-slate-600" data-testid="missing-none">{t("registers.missingNone", { month })}</p>
            ) : (
              <>
                <p className="text-sm text-slate-600">{t("registers.missingIntro")}</p>
                <MissingRegistersTable rows={missingRows} labelledBy="missing-h" />
              </>
            )}
          </section>
          <section aria-labelledby="expiring-h" className="space-y-2">
            <h2 id="expiring-h" className="font-semibold">{t("dashboard.expiring")}</h2>
            {expiring.length === 0 ? (
              <p className="text-sm text-slate-600">{t("dashboard.expiringNone")}</p>
            ) : (
              <PlainTable
                testId="expiring"
                labelledBy="expiring-h"
                head={[{ label: t("dashboard.contract") }, { label: t("dashboard.tenant") }, { label: t("dashboard.lastDay") }, { label: t("dashboard.daysLeft"), right: true }]}
              >
                {expiring.map((c) => (
                  <tr key={c.id} className={plainRow}>
                    <td className="px-4 py-2"><Link className="text-blue-800 underline" href={`/contracts/${c.id}`}>{c.number}</Link></td>
                    <td className="px-4 py-2"><Link className="text-blue-800 underline" href={`/dashboard/tenants/${c.tenantId}?month=${month}`}>{c.tenant}</Link></td>
                    <td className="px-4 py-2 tabular-nums">{c.end}</td>
                    <td className={`px-4 py-2 text-right tabular-nums ${c.daysLeft <= 30 ? "font-medium text-red-700" : ""}`}>{c.daysLeft}</td>
                  </tr>
                ))}
              </PlainTable>
            )}
          </section>
        </div>
      )}
    </>
  );
}
