import { getFormatter, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { requirePageContext } from "@/lib/auth/session";

const ENTITY_TYPES = ["organization", "membership", "invitation", "api_key", "connection", "tenant", "premises", "store", "contract", "statement", "turnover_adjustment", "kkt"];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("audit.read");
  const t = await getTranslations("audit");
  const fmt = await getFormatter();
  const sp = await searchParams;
  const entityType = ENTITY_TYPES.includes(sp.entity ?? "") ? sp.entity : undefined;
  const q = (sp.q ?? "").slice(0, 100) || undefined;
  const events = await listAuditEvents(await getDb(), ctx.actor.orgId, { entityType, q });
  return (
    <>
      <PageTitle title={t("title")} description={t("description")} />
      <form className="mb-4 flex flex-wrap items-end gap-3" method="get">
        <label className="text-sm">
          <span className="mb-1 block text-slate-700">{t("filterEntity")}</span>
          <select name="entity" defaultValue={entityType ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">{t("filterAll")}</option>
            {ENTITY_TYPES.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-slate-700">{t("search")}</span>
          <input name="q" defaultValue={q} className="rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <button className="rounded-md bg-blue-800 px-3 py-1.5 text-sm text-white">{t("apply")}</button>
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="audit-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr><th className="px-4 py-2">{t("at")}</th><th className="px-4 py-2">{t("actor")}</th><th className="px-4 py-2">{t("action")}</th><th className="px-4 py-2">{t("entity")}</th><th className="px-4 py-2">{t("details")}</th></tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top last:border-0">
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">{fmt.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}</td>
                <td className="px-4 py-2">{e.actorLabel}</td>
                <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
                <td className="px-4 py-2 text-xs">{e.entityType}{e.entityId ? ` ${e.entityId.slice(0, 8)}` : ""}</td>
                <td className="px-4 py-2 font-mono text-xs text-slate-600">
                  {e.before ? <div>− {JSON.stringify(e.before)}</div> : null}
                  {e.after ? <div>+ {JSON.stringify(e.after)}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
