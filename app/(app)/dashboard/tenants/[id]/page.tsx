import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { MonthPicker } from "@/components/dashboard/month-picker";
import { TurnoverChart } from "@/components/dashboard/turnover-chart";
import { PageTitle } from "@/components/layout/page-title";
import { PlainTable, plainRow } from "@/components/tables/plain-table";
import { getDb } from "@/db/client";
import { organizationCurrency } from "@/db/queries/members";
import { requirePageContext } from "@/lib/auth/session";
import { chooseMonth } from "@/lib/dashboard/month";
import { formatFixed, formatPercentTenths } from "@/lib/dashboard/percent";
import { tenantDashboard } from "@/lib/dashboard/tenant";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { isUuid } from "@/lib/validations/identifiers";
import { Kpi } from "@/components/dashboard/kpi";


/** One tenant's month: turnover and its history, registers, contracts and statements, occupancy cost and sales per m². */
export default async function TenantDashboardPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("dashboard.read");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const t = await getTranslations("dashboard");
  const tr = await getTranslations("rent");
  const tg = await getTranslations("registers");
  const locale = await getLocale();
  const currency = await organizationCurrency(await getDb(), ctx.actor.orgId);
  const m = chooseMonth((await searchParams).month, new Date());
  const d = await tenantDashboard(await getDb(), ctx.actor, id, m).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const money = (v: bigint | null) => (v === null ? "—" : formatMoney(v, currency, locale));
  const csv = `/exports/turnover?${new URLSearchParams({ from: m.from, to: m.to, groupBy: "day", tenantId: id })}`;
  return (
    <>
      <p className="mb-2 text-sm"><Link className="text-blue-800 underline" href={`/dashboard?month=${m.month}`}>{t("backToDashboard")}</Link></p>
      <PageTitle title={d.tenant.name} description={t("tenantInn", { inn: d.tenant.inn, kpp: d.tenant.kpp ?? "—" })} />
      <MonthPicker month={m.month} max={m.current} invalid={m.invalid} />
      <div className="space-y-8">
        <dl className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="tenant-kpis">
          <Kpi label={t("netTurnover", { month: m.month })} value={money(d.net)} testId="kpi-net" />
          <Kpi label={t("rentDue", { month: m.month })} value={money(d.total)} testId="kpi-rent" note={d.rent === null ? t("noStatements") : t("rentBeforeVat", { rent: money(d.rent) })} />
          <Kpi label={t("occupancyCost")} value={formatPercentTenths(d.occupancyCostTenths, locale)} testId="kpi-ocr" note={t("occupancyCostHelp")} />
          <Kpi label={t("netPerM2")} value={money(d.netPerM2)} testId="kpi-density" note={d.areaHundredths === null ? t("noPremises") : t("leasedArea", { area: formatFixed(d.areaHundredths, 2, locale) })} />
        </dl>
        <section aria-labelledby="chart-h" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="chart-h" className="mb-2 font-semibold">{t("byMonth")}</h2>
          <TurnoverChart label={t("byMonth")} data={d.history.map((h) => ({ month: h.month, roubles: Number(h.net / 100n) }))} />
        </section>
        <section aria-labelledby="months-h" className="space-y-2">
          <h2 id="months-h" className="font-semibold">{t("tenantMonths")}</h2>
          <PlainTable
            testId="tenant-months"
            labelledBy="months-h"
            head={[{ label: t("month") }, { label: t("net"), right: true }, { label: t("rentExVat"), right: true }, { label: t("rentIncVat"), right: true }, { label: t("occupancyCostShort"), right: true }, { label: t("statements") }]}
          >
            {d.months.map((x) => (
              <tr key={x.month} className={plainRow}>
                <td className="px-4 py-2 tabular-nums"><Link className="text-blue-800 underline" href={`/dashboard/tenants/${id}?month=${x.month}`}>{x.month}</Link></td>
                <td className="px-4 py-2 text-right tabular-nums">{money(x.net)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(x.rent)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(x.total)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatPercentTenths(x.occupancyCostTenths, locale)}</td>
                <td className="px-4 py-2">{x.statements === 0 ? "—" : <Link className="text-blue-800 underline" href={`/rent/${x.month}`}>{t("issuedOf", { issued: x.issued, total: x.statements })}</Link>}</td>
              </tr>
            ))}
          </PlainTable>
        </section>
        <div className="grid gap-6 xl:grid-cols-2">
          <section aria-labelledby="regs-h" className="space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="regs-h" className="font-semibold">{t("byRegister", { month: m.month })}</h2>
              <a className="text-sm text-blue-800 underline" href={csv} download>{t("downloadDaysCsv")}</a>
            </div>
            <PlainTable testId="tenant-registers" labelledBy="regs-h" head={[{ label: t("rnm") }, { label: t("net"), right: true }, { label: t("daysWithTurnover"), right: true }]} empty={d.registers.length === 0 && t("noTurnover")}>
              {d.registers.map((r) => (
                <tr key={r.id} className={plainRow}>
                  <td className="px-4 py-2 font-mono text-xs"><Link className="text-blue-800 underline" href={`/dashboard/registers/${r.id}?month=${m.month}`} title={tg("registerLink", { rnm: r.rnm })}>{r.rnm}</Link></td><td className="px-4 py-2 text-right tabular-nums">{money(r.net)}</td><td className="px-4 py-2 text-right tabular-nums">{r.days}</td>
                </tr>
              ))}
            </PlainTable>
          </section>
          <section aria-labelledby="contracts-h" className="space-y-2">
            <h2 id="contracts-h" className="font-semibold">{t("tenantContracts", { month: m.month })}</h2>
            <PlainTable
              testId="tenant-contracts"
              labelledBy="contracts-h"
              head={[{ label: t("contract") }, { label: t("units") }, { label: t("statement") }, { label: t("total"), right: true }]}
              empty={d.contracts.length === 0 && t("noContracts")}
            >
              {d.contracts.map((c) => (
                <tr key={c.id} className={plainRow}>
                  <td className="px-4 py-2"><Link className="text-blue-800 underline" href={`/contracts/${c.id}`}>{c.number}</Link></td>
                  <td className="px-4 py-2">{c.premises.join(", ")}</td>
                  <td className="px-4 py-2">
                    {c.statement ? (
                      <Link className="text-blue-800 underline" href={`/rent/statements/${c.statement.id}`}>{tr(`statuses.${c.statement.needsRevision ? "needs_revision" : c.statement.status === "issued" ? "issued" : "draft"}`)}</Link>
                    ) : (
                      <Link className="text-blue-800 underline" href={`/rent/${m.month}`}>{tr("statuses.not_computed")}</Link>
                    )}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{c.statement ? money(c.statement.total) : "—"}</td>
                </tr>
              ))}
            </PlainTable>
          </section>
        </div>
      </div>
    </>
  );
}
