import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { getDb } from "@/db/client";
import { listTenants } from "@/db/queries/tenancy";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { listContractDtos } from "@/lib/contracts/contracts";

export default async function ContractsPage() {
  const ctx = await requirePageContext("contracts.read");
  const t = await getTranslations("contracts");
  const db = await getDb();
  const [contracts, tenants] = await Promise.all([listContractDtos(db, ctx.actor), listTenants(db, ctx.actor.orgId)]);
  const tenantName = new Map(tenants.map((x) => [x.id, x.name]));
  const today = new Date().toISOString().slice(0, 10);
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="contracts-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">{t("number")}</th><th className="px-4 py-2">{t("tenant")}</th><th className="px-4 py-2">{t("term")}</th>
              <th className="px-4 py-2">{t("mode")}</th><th className="px-4 py-2">{t("registers")}</th><th className="px-4 py-2">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {contracts.length === 0 && <tr><td colSpan={6} className="px-4 py-6 text-center text-slate-500">{t("empty")}</td></tr>}
            {contracts.map((c) => {
              const current = [...c.terms].reverse().find((x) => x.effectiveFrom <= today) ?? c.terms[0];
              return (
                <tr key={c.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2 font-medium"><Link className="text-blue-800 underline" href={`/contracts/${c.id}`}>{c.number}</Link></td>
                  <td className="px-4 py-2">{tenantName.get(c.tenantId) ?? "—"}</td>
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums">{c.start} – {c.end}</td>
                  <td className="px-4 py-2">{current ? t(`modes.${current.mode}`) : "—"}</td>
                  <td className="px-4 py-2 tabular-nums">{c.kkts.length}</td>
                  <td className="px-4 py-2">{c.status === "ended" || c.end < today ? t("ended") : t("active")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
