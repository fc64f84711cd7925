import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { TurnoverChart } from "@/components/dashboard/turnover-chart";
import { PageTitle } from "@/components/layout/page-title";
import { getDb } from "@/db/client";
import { listTenants } from "@/db/queries/tenancy";
import { requirePageContext } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { listStatements } from "@/lib/statements/statements";
import { turnoverReport } from "@/lib/turnover/report";

const iso = (d: Date) => d.toISOString().slice(0, 10);

export default async function DashboardPage() {
  const ctx = await requirePageContext("dashboard.read");
  const t = await getTranslations();
  const locale = await getLocale();
  const db = await getDb();
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1));
  const lastMonthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const lastMonthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const lastMonth = iso(lastMonthStart).slice(0, 7);
  const [months, categories, byTenant, tenants, statements] = await Promise.all([
    turnoverReport(db, ctx.actor, { from: iso(first), to: iso(now), groupBy: "month" }),
    turnoverReport(db, ctx.actor, { from: iso(lastMonthStart), to: iso(lastMonthEnd), groupBy: "category" }),
    turnoverReport(db, ctx.actor, { from: iso(lastMonthStart), to: iso(lastMonthEnd), groupBy: "tenant" }),
    listTenants(db, ctx.actor.orgId),
    listStatements(db, ctx.actor, lastMonth),
  ]);
  const money = (v: bigint) => formatMoney(v, "RUB", locale);
  const tenantName = new Map(tenants.map((x) => [x.id, x.name]));
  const monthNet = byTenant.reduce((s, r) => s + r.net, 0n);
  const top = [...byTenant].sort((a, b) => (b.net > a.net ? 1 : b.net < a.net ? -1 : 0)).slice(0, 10);
  const rentTotal = statements.reduce((s, x) => s + x.total, 0n);
  const issued = statements.filter((s) => s.status === "issued").length;
  const share = (v: bigint) => (monthNet > 0n ? `${(Number((v * 1000n) / monthNet) / 10).toFixed(1)} %` : "—");
  return (
    <>
      <PageTitle title={t("dashboard.title")} description={t("dashboard.description")} />
      <p className="mb-4 text-sm text-slate-600" data-testid="welcome">
        {t("dashboard.welcome", { email: ctx.actor.email, role: t(`roles.${ctx.actor.role}`), org: ctx.actor.orgName })}
      </p>
      {months.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">{t("dashboard.empty")}</div>
      ) : (
        <div className="space-y-8">
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="dashboard-kpis">
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.netTurnover", { month: lastMonth })}</dt><dd className="mt-1 text-xl font-semibold tabular-nums">{money(monthNet)}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.rentDue", { month: lastMonth })}</dt><dd className="mt-1 text-xl font-semibold tabular-nums">{statements.length ? money(rentTotal) : "—"}</dd></div>
            <div className="rounded-lg border border-slate-200 bg-white p-4"><dt className="text-xs uppercase text-slate-500">{t("dashboard.statements")}</dt><dd className="mt-1 text-xl font-semibold"><Link className="text-blue-800 underline" href={`/rent/${lastMonth}`}>{t("dashboard.issuedOf", { issued, total: statements.length })}</Link></dd></div>
          </dl>
          <section aria-labelledby="chart-h" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="chart-h" className="mb-2 font-semibold">{t("dashboard.byMonth")}</h2>
            <TurnoverChart label={t("dashboard.byMonth")} data={months.map((m) => ({ month: m.key.month, roubles: Number(m.net / 100n) }))} />
          </section>
          <div className="grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="cat-h">
              <h2 id="cat-h" className="mb-2 font-semibold">{t("dashboard.byCategory", { month: lastMonth })}</h2>
              <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="by-category">
                <tbody>
                  {categories.map((c) => (
                    <tr key={c.key.category} className="border-b border-slate-100 last:border-0">
                      <td className="px-3 py-1.5">{c.key.category || t("dashboard.noCategory")}</td><td className="px-3 py-1.5 text-right tabular-nums">{money(c.net)}</td><td className="px-3 py-1.5 text-right tabular-nums text-slate-500">{share(c.net)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="top-h">
              <h2 id="top-h" className="mb-2 font-semibold">{t("dashboard.topTenants", { month: lastMonth })}</h2>
              <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="top-tenants">
                <tbody>
                  {top.map((r) => (
                    <tr key={r.key.tenantId} className="border-b border-slate-100 last:border-0">
                      <td className="px-3 py-1.5">{tenantName.get(r.key.tenantId) ?? r.key.inn}</td><td className="px-3 py-1.5 text-right tabular-nums">{money(r.net)}</td><td className="px-3 py-1.5 text-right tabular-nums text-slate-500">{share(r.net)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </div>
      )}
    </>
  );
}
