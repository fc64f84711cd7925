import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ContractsTable, type ContractRow } from "@/components/contracts/contracts-table";
import { PageTitle } from "@/components/layout/page-title";
import { getDb } from "@/db/client";
import { listPremises, listTenants } from "@/db/queries/tenancy";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { listContractDtos } from "@/lib/contracts/contracts";

export default async function ContractsPage() {
  const ctx = await requirePageContext("contracts.read");
  const t = await getTranslations("contracts");
  const db = await getDb();
  const [contracts, tenants, premises] = await Promise.all([listContractDtos(db, ctx.actor), listTenants(db, ctx.actor.orgId), listPremises(db, ctx.actor.orgId)]);
  const tenantById = new Map(tenants.map((x) => [x.id, x]));
  const premisesCode = new Map(premises.map((p) => [p.id, p.code]));
  const today = new Date().toISOString().slice(0, 10);
  const rows: ContractRow[] = contracts.map((c) => {
    const current = [...c.terms].reverse().find((x) => x.effectiveFrom <= today) ?? c.terms[0];
    const tenant = tenantById.get(c.tenantId);
    return {
      id: c.id, number: c.number, tenant: tenant?.name ?? "—", inn: tenant?.inn ?? "", start: c.start, end: c.end,
      mode: current ? t(`modes.${current.mode}`) : "—", registers: c.kkts.length, rnms: c.kkts.map((k) => k.rnm),
      premises: c.premisesIds.map((id) => premisesCode.get(id) ?? ""), status: c.status === "ended" || c.end < today ? "ended" : "active",
    };
  });
  return (
    <>
      <PageTitle
        title={t("title")}
        description={t("description")}
        actions={
          can(ctx.actor.role, "contracts.write") ? (
            <div className="flex items-center gap-4">
              <Link href="/contracts/import" className="text-sm text-blue-800 underline">{t("importLink")}</Link>
              <Link href="/contracts/new" className="rounded-md bg-blue-800 px-4 py-2 text-sm font-medium text-white hover:bg-blue-900">{t("new")}</Link>
            </div>
          ) : null
        }
      />
      <ContractsTable rows={rows} />
    </>
  );
}
