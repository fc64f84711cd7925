import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { TenancyManager } from "@/components/forms/tenancy-manager";
import { getDb } from "@/db/client";
import { listKkts, listPremises, listStoresWithCategories, listTenants } from "@/db/queries/tenancy";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";

export default async function TenantsPage() {
  const ctx = await requirePageContext("tenancy.read");
  const t = await getTranslations("tenancy");
  const db = await getDb();
  const orgId = ctx.actor.orgId;
  const [tenants, kkts, premises, stores] = await Promise.all([listTenants(db, orgId), listKkts(db, orgId), listPremises(db, orgId), listStoresWithCategories(db, orgId)]);
  return (
    <>
      <PageTitle title={t("title")} description={t("description")} />
      <TenancyManager
        tenants={tenants}
        kkts={kkts}
        premises={premises}
        stores={stores.map((s) => {
          const provider = s.categories.map((c) => c.value).join(", ");
          return { id: s.id, name: s.name, brand: s.brand, category: s.override ?? provider, providerCategory: provider, overridden: s.override !== null };
        })}
        canWriteTenancy={can(ctx.actor.role, "tenancy.write")}
        canWritePremises={can(ctx.actor.role, "contracts.write")}
      />
    </>
  );
}
