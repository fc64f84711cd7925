import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { AdjustmentForm, DeleteAdjustmentButton } from "@/components/rent/adjustments";
import { IssueButton, RecomputeButton, ReviseForm } from "@/components/rent/statement-actions";
import { getDb } from "@/db/client";
import { listAdjustmentDtos } from "@/lib/adjustments/adjustments";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatMoney, type CurrencyCode } from "@/lib/money";
import { statementView } from "@/lib/statements/view";
import { isUuid } from "@/lib/validations/identifiers";


export default async function StatementPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("statements.read");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const t = await getTranslations("statement");
  const ta = await getTranslations("adjustments");
  const tr = await getTranslations("rent");
  const locale = await getLocale();
  const db = await getDb();
  const v = await statementView(db, ctx.actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const s = v.statement;
  const adjustments = await listAdjustmentDtos(db, ctx.actor, { period: s.period, contractId: s.contractId });
  const mayAdjust = can(ctx.actor.role, "adjustments.write");
  const money = (x: bigint) => formatMoney(x, s.currency as CurrencyCode, locale);
  const label = (l: { label: string; labelRu: string }) => (locale === "ru" ? l.labelRu : l.label);
  const latest = v.revisions[v.revisions.length - 1]?.id === s.id;
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  return (
    <>
      <PageTitle
        title={t("title", { number: v.contract.number, period: s.period })}
        description={`${v.tenant?.name ?? ""} · ${t("revision", { n: s.revision })} · ${tr(`statuses.${s.status}`)}`}
        actions={<Link href={`/rent/${s.period}`} className="text-sm text-blue-800 underline">{t("backToMonth")}</Link>}
      />
      {s.needsRevision && <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("needsRevision")}</p>}
      {s.reason && <p className="mb-4 text-sm text-slate-700">{t("reason")}: {s.reason}</p>}
      <p className="mb-4 text-sm text-slate-600" data-testid="statement-times">
        {t("computedAt", { time: when(s.computedAt) })}
        {s.issuedAt && ` · ${t("issuedAt", { time: when(s.issuedAt) })}`}
      </p>

      <dl className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="statement-summary">
        {(["turnover", "baseRent", "percentageRent", "rent", "vat", "total"] as const).map((k) => (
          <div key={k} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs uppercase text-slate-500">{tr(k)}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid={`amount-${k}`}>{money(s[k])}</dd>
          </div>
        ))}
      </dl>

      <div className="mb-6 flex flex-wrap items-start gap-4">
        {can(ctx.actor.role, "statements.export") && (
          <nav aria-label={t("downloads")} className="flex flex-wrap gap-3 text-sm">
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5" href={`/exports/statements/${s.id}?format=pdf`}>{t("downloadPdf")}</a>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5" href={`/exports/statements/${s.id}?format=xlsx`}>{t("downloadXlsx")}</a>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5" href={`/exports/statements/${s.id}?format=csv`}>{t("downloadCsv")}</a>
          </nav>
        )}
        {can(ctx.actor.role, "statements.compute") && s.status === "draft" && <RecomputeButton period={s.period} contractId={s.contractId} />}
        {can(ctx.actor.role, "statements.issue") && s.status === "draft" && <IssueButton id={s.id} />}
      </div>

      <section className="mb-6" aria-labelledby="kkt-h">
        <h2 id="kkt-h" className="mb-2 text-lg font-semibold">{t("byRegister")}</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="kkt-turnover">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr><th className="px-4 py-2">РНМ / RNM</th><th className="px-4 py-2">{t("days")}</th><th className="px-4 py-2">{t("income")}</th><th className="px-4 py-2">{t("refunds")}</th><th className="px-4 py-2">{t("counted")}</th></tr>
            </thead>
            <tbody>
              {v.turnoverByKkt.map((k) => (
                <tr key={k.rnm} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2 font-mono">
                    {/* The register's month, day by day (and, for a provider's register, each day's receipts). */}
                    {k.kktId ? <Link className="text-blue-800 underline" href={`/dashboard/registers/${k.kktId}?month=${s.period}`}>{k.rnm}</Link> : k.rnm}
                  </td>
                  <td className="px-4 py-2 tabular-nums">{k.days}</td>
                  <td className="px-4 py-2 tabular-nums">{money(k.income)}</td><td className="px-4 py-2 tabular-nums">{money(k.refunds)}</td><td className="px-4 py-2 tabular-nums">{money(k.turnover)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="mb-6" aria-labelledby="calc-h">
        <h2 id="calc-h" className="mb-2 text-lg font-semibold">{t("calculation")}</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="statement-lines">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr><th className="px-4 py-2">{t("line")}</th><th className="px-4 py-2">{t("formula")}</th><th className="px-4 py-2 text-right">{t("amount")}</th></tr>
            </thead>
            <tbody>
              {s.lines.map((l, i) => (
                <tr key={`${l.key}-${i}`} className="border-b border-slate-100 align-top last:border-0">
                  <td className="px-4 py-2">{label(l)}</td>
                  <td className="px-4 py-2 font-mono text-xs text-slate-600">{l.formula}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">{l.amount === undefined ? "" : money(l.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="mb-6" aria-labelledby="adj-h">
        <h2 id="adj-h" className="mb-2 text-lg font-semibold">{ta("title")}</h2>
        {adjustments.length === 0 ? (
          <p className="text-sm text-slate-600">{ta("none")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="adjustments">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
                <tr><th className="px-4 py-2">{ta("reason")}</th><th className="px-4 py-2">{ta("author")}</th><th className="px-4 py-2">{ta("entered")}</th><th className="px-4 py-2 text-right">{ta("amount")}</th>{mayAdjust && <th className="px-4 py-2"><span className="sr-only">{ta("delete")}</span></th>}</tr>
              </thead>
              <tbody>
                {adjustments.map((a) => (
                  <tr key={a.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-4 py-2">{a.reason}</td>
                    <td className="px-4 py-2">{a.author}</td>
                    <td className="px-4 py-2 tabular-nums">{new Date(a.createdAt).toLocaleString(locale, { dateStyle: "short", timeStyle: "short" })}</td>
                    <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">{money(a.amount)}</td>
                    {mayAdjust && <td className="px-4 py-2 text-right"><DeleteAdjustmentButton id={a.id} label={a.reason} /></td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mayAdjust && latest && <AdjustmentForm contractId={s.contractId} period={s.period} />}
      </section>

      {s.flags.length > 0 && (
        <section className="mb-6" aria-labelledby="flags-h">
          <h2 id="flags-h" className="mb-2 text-lg font-semibold">{tr("flags")}</h2>
          <ul className="list-disc space-y-1 pl-6 text-sm" data-testid="statement-flags">
            {(s.flags as { code: string; rnm?: string; kktId?: string; days?: string[]; periods?: string[] }[]).map((f, i) => (
              <li key={i}>
                {tr(`flagNames.${f.code}`)}
                {f.rnm ? " — " : ""}
                {/* The register's month shows the days one by one (and, for a provider's register, each day's receipts). */}
                {f.rnm && f.kktId ? <Link className="text-blue-800 underline" href={`/dashboard/registers/${f.kktId}?month=${s.period}`}>{f.rnm}</Link> : f.rnm}
                {f.days?.length ? `: ${f.days.join(", ")}` : ""}
                {f.periods?.length ? `: ${f.periods.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="mb-6" aria-labelledby="rev-h">
        <h2 id="rev-h" className="mb-2 text-lg font-semibold">{t("revisions")}</h2>
        <ul className="space-y-1 text-sm">
          {v.revisions.map((r) => (
            <li key={r.id}>
              {r.id === s.id ? <strong>r{r.revision}</strong> : <Link className="text-blue-800 underline" href={`/rent/statements/${r.id}`}>r{r.revision}</Link>} · {tr(`statuses.${r.status}`)} · {money(r.total)}
              {r.reason ? ` · ${r.reason}` : ""}
            </li>
          ))}
        </ul>
        {can(ctx.actor.role, "statements.issue") && s.status === "issued" && latest && <ReviseForm id={s.id} />}
      </section>
    </>
  );
}
