import { getTranslations } from "next-intl/server";
import { ContractEditor } from "@/components/forms/contract-editor";
import { PageTitle } from "@/components/layout/page-title";
import { getDb } from "@/db/client";
import { organizationCurrency } from "@/db/queries/members";
import { listKkts, listPremises, listTenants } from "@/db/queries/tenancy";
import { requirePageContext } from "@/lib/auth/session";
import { newContractDraft } from "@/lib/contracts/form-draft";

export default async function NewContractPage() {
  const ctx = await requirePageContext("contracts.write");
  const t = await getTranslations("contracts");
  const db = await getDb();
  const orgId = ctx.actor.orgId;
  const [tenants, premises, kkts, currency] = await Promise.all([listTenants(db, orgId), listPremises(db, orgId), listKkts(db, orgId), organizationCurrency(db, orgId)]);
  return (
    <>
      <PageTitle title={t("new")} description={t("newDescription")} />
      <ContractEditor
        initial={newContractDraft(new Date().getFullYear(), currency)}
        tenants={tenants.map((x) => ({ id: x.id, label: `${x.name} (${x.inn})` }))}
        premises={premises.map((p) => ({ id: p.id, label: `${p.code} · ${p.areaM2} m²` }))}
        kkts={kkts.map((k) => ({ rnm: k.rnm, tenantId: k.tenantId }))}
      />
    </>
  );
}
