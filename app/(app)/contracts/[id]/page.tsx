import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ContractEditor } from "@/components/forms/contract-editor";
import { ContractEndForm } from "@/components/forms/contract-end-form";
import { PageTitle } from "@/components/layout/page-title";
import { getDb } from "@/db/client";
import { listKkts, listPremises, listTenants } from "@/db/queries/tenancy";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { getContractDto } from "@/lib/contracts/contracts";
import { contractToDraft } from "@/lib/contracts/form-draft";
import { AppError } from "@/lib/errors";
import { formatMoney, minorToDecimalString, type CurrencyCode } from "@/lib/money";
import { listContractStatements } from "@/lib/statements/statements";
import { isUuid } from "@/lib/validations/identifiers";


export default async function ContractPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("contracts.read");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const t = await getTranslations("contracts");
  const db = await getDb();
  const orgId = ctx.actor.orgId;
  const contract = await getContractDto(db, orgId, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const [tenants, premises, kkts, statements] = await Promise.all([
    listTenants(db, orgId),
    listPremises(db, orgId),
    listKkts(db, orgId),
    can(ctx.actor.role, "statements.read") ? listContractStatements(db, ctx.actor, id) : Promise.resolve([]),
  ]);
  const tr = await getTranslations("rent");
  const locale = await getLocale();
  const tenant = tenants.find((x) => x.id === contract.tenantId);
  const rnms = kkts.filter((k) => k.tenantId === contract.tenantId).map((k) => k.rnm);
  const money = (v: bigint | undefined) => (v === undefined ? "—" : minorToDecimalString(v));
  const yearlyText = (y: (typeof contract.terms)[number]["yearly"]) => {
    if (!y) return t("yearlyDefault");
    const parts = [
      ...(y.tiers ? [y.tiers.map((tier) => `${money(tier.from)}+: ${tier.rate} %`).join("; ")] : []),
      ...(y.breakpoint !== undefined ? [`${t("yearlyBreakpoint")}: ${money(y.breakpoint)}`] : []),
      ...(y.pctFloor !== undefined ? [`${t("yearlyFloor")}: ${money(y.pctFloor)}`] : []),
      ...(y.pctCap !== undefined ? [`${t("yearlyCap")}: ${money(y.pctCap)}`] : []),
    ];
    return parts.join(" · ");
  };
  return (
    <>
      <PageTitle title={t("contractTitle", { number: contract.number })} description={`${tenant?.name ?? ""} · ${contract.start} – ${contract.end}${contract.status === "ended" ? ` · ${t("ended")}` : ""}`} />
      <section className="mb-8 overflow-x-auto rounded-lg border border-slate-200 bg-white" aria-label={t("terms")}>
        <table className="w-full text-left text-sm" data-testid="terms-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">{t("effectiveFrom")}</th><th className="px-4 py-2">{t("mode")}</th><th className="px-4 py-2">{t("baseAmount")}</th>
              <th className="px-4 py-2">{t("tiers")}</th><th className="px-4 py-2">{t("vatOnRent")}</th><th className="px-4 py-2">{t("indexPercent")}</th>
              {contract.leaseYearReconciliation && <th className="px-4 py-2">{t("yearly")}</th>}
            </tr>
          </thead>
          <tbody>
            {contract.terms.map((x) => {
              const [kind, amount] = Object.entries(x.baseRent)[0] as [string, bigint];
              return (
                <tr key={x.effectiveFrom} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2 tabular-nums">{x.effectiveFrom}</td>
                  <td className="px-4 py-2">{t(`modes.${x.mode}`)}</td>
                  <td className="px-4 py-2 tabular-nums">{money(amount)} ({t(`baseKinds.${kind}`)})</td>
                  <td className="px-4 py-2 tabular-nums">{x.tiers.map((tier) => `${money(tier.from)}+: ${tier.rate} %`).join("; ")}</td>
                  <td className="px-4 py-2">{x.vatOnRent ? `${x.vatOnRent} %${x.vatInclusive ? ` (${t("vatInclusive").toLowerCase()})` : ""}` : t("noVat")}</td>
                  <td className="px-4 py-2">{x.indexation ? `${x.indexation.percent} % (${x.indexation.on})` : "—"}</td>
                  {contract.leaseYearReconciliation && <td className="px-4 py-2 tabular-nums">{yearlyText(x.yearly)}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="mb-8" aria-labelledby="contract-statements-h">
        <h2 id="contract-statements-h" className="mb-2 text-lg font-semibold">{t("statements")}</h2>
        {statements.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noStatements")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="contract-statements">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
                <tr><th className="px-4 py-2">{t("period")}</th><th className="px-4 py-2">{tr("status")}</th><th className="px-4 py-2">{t("revisions")}</th><th className="px-4 py-2 text-right">{tr("total")}</th></tr>
              </thead>
              <tbody>
                {statements.map((s) => (
                  <tr key={s.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-4 py-2 tabular-nums"><Link className="text-blue-800 underline" href={`/rent/statements/${s.id}`}>{s.period}</Link></td>
                    <td className="px-4 py-2">{tr(`statuses.${s.needsRevision ? "needs_revision" : s.status}`)}</td>
                    <td className="px-4 py-2 tabular-nums">{s.revisions}</td>
                    <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">{formatMoney(s.total, s.currency as CurrencyCode, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {can(ctx.actor.role, "contracts.write") && (
        <ContractEditor
          contractId={contract.id}
          initial={contractToDraft(contract as never, rnms)}
          tenants={tenants.map((x) => ({ id: x.id, label: `${x.name} (${x.inn})` }))}
          premises={premises.map((p) => ({ id: p.id, label: `${p.code} · ${p.areaM2} m²` }))}
          kkts={kkts.map((k) => ({ rnm: k.rnm, tenantId: k.tenantId }))}
        />
      )}
      {can(ctx.actor.role, "contracts.write") && contract.status === "active" && <ContractEndForm contractId={contract.id} currentEnd={contract.end} />}
    </>
  );
}
