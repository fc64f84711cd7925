import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { ComputeButton, MonthPicker } from "@/components/rent/month-controls";
import { RentMonthTable, type RentRow } from "@/components/rent/rent-month-table";
import { getDb } from "@/db/client";
import { listTenants } from "@/db/queries/tenancy";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { listContractDtos } from "@/lib/contracts/contracts";
import Link from "next/link";
import { listNeedingRevision, listStatements } from "@/lib/statements/statements";

export default async function RentMonthPage({ params }: { params: Promise<{ period: string }> }) {
  const ctx = await requirePageContext("statements.read");
  const { period } = await params;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) notFound();
  const t = await getTranslations("rent");
  const db = await getDb();
  const [statements, contracts, tenants, needRevision] = await Promise.all([
    listStatements(db, ctx.actor, period),
    listContractDtos(db, ctx.actor),
    listTenants(db, ctx.actor.orgId),
    listNeedingRevision(db, ctx.actor),
  ]);
  const first = `${period}-01`;
  const last = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)), 0)).toISOString().slice(0, 10);
  const active = contracts.filter((c) => c.start <= last && c.end >= first);
  const byContract = new Map(statements.map((s) => [s.contractId, s]));
  const tenantName = new Map(tenants.map((x) => [x.id, x.name]));
  const rows: RentRow[] = active.map((c) => {
    const s = byContract.get(c.id);
    return {
      contractId: c.id,
      contractNumber: c.number,
      tenant: tenantName.get(c.tenantId) ?? "",
      tenantHref: can(ctx.actor.role, "dashboard.read") ? `/dashboard/tenants/${c.tenantId}?month=${period}` : null,
      currency: c.currency,
      statementId: s?.id ?? null,
      status: s ? (s.needsRevision ? "needs_revision" : s.status) : "not_computed",
      revision: s?.revision ?? null,
      turnover: s?.turnover.toString() ?? null,
      baseRent: s?.baseRent.toString() ?? null,
      percentageRent: s?.percentageRent.toString() ?? null,
      rent: s?.rent.toString() ?? null,
      vat: s?.vat.toString() ?? null,
      total: s?.total.toString() ?? null,
      flags: (s?.flags ?? []).map((f) => (f as { code: string }).code),
    };
  });
  const canExport = can(ctx.actor.role, "statements.export") && statements.length > 0;
  return (
    <>
      <PageTitle
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex flex-wrap items-end gap-3">
            <MonthPicker period={period} />
            {can(ctx.actor.role, "statements.compute") && <ComputeButton period={period} />}
          </div>
        }
      />
      {needRevision.length > 0 && (
        <section role="note" aria-labelledby="needs-revision-h" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="needs-revision">
          <h2 id="needs-revision-h" className="font-medium">{t("needsRevisionTitle")}</h2>
          <ul className="mt-1 flex flex-wrap gap-x-4">
            {needRevision.map((m) => (
              <li key={m.period}>
                <Link className="underline" href={`/rent/${m.period}`}>{m.period}</Link>: {t("needsRevisionCount", { count: m.count })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {canExport && (
        <nav aria-label={t("exports")} className="mb-4 flex flex-wrap gap-3 text-sm">
          <span className="text-slate-600">{t("downloadMonth")}:</span>
          <a className="text-blue-800 underline" href={`/exports/statements?period=${period}&format=xlsx`}>XLSX</a>
          <a className="text-blue-800 underline" href={`/exports/statements?period=${period}&format=csv`}>CSV</a>
          <a className="text-blue-800 underline" href={`/exports/statements?period=${period}&format=zip`}>{t("zip")}</a>
        </nav>
      )}
      <RentMonthTable rows={rows} canIssue={can(ctx.actor.role, "statements.issue")} />
    </>
  );
}
