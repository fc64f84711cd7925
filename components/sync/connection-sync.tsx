"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FormMessage, SubmitButton } from "@/components/forms/field";
import { TextInput } from "@/components/forms/controlled";
import { useActionForm } from "@/components/forms/use-action-form";
import { discoverConnectionAction, getSyncRunAction, startSyncAction } from "@/lib/actions/sync";
import { formatMoney } from "@/lib/money";

interface Cabinet { id: string; inn: string; kpp: string; name: string; status: string | null; activeFrom: string | null; activeTo: string | null }
interface Run { id: string; kind: string; from: string | null; to: string | null; status: string; done: number; total: number; requests: number; createdAt: string }
interface MonthTurnover { month: string; income: string; refunds: string; net: string; receipts: number }

const ACTIVE = new Set(["queued", "running"]);
const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/** A sync run's progress, polled every second until it ends; `onDone` then. */
export function SyncProgress({ runId, onDone }: { runId: string; onDone: () => void }) {
  const t = useTranslations("sync");
  const q = useQuery({
    queryKey: ["sync-run", runId],
    queryFn: async () => {
      const r = await getSyncRunAction({ id: runId });
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    refetchInterval: (query) => (query.state.data && !ACTIVE.has(query.state.data.status) ? false : 1000),
  });
  const run = q.data;
  useEffect(() => {
    if (run && !ACTIVE.has(run.status)) onDone();
  }, [run, onDone]);
  if (!run) return <p className="text-sm text-slate-600">{q.error ? q.error.message : t("starting")}</p>;
  const pct = run.progress.total ? Math.round((run.progress.done / run.progress.total) * 100) : 0;
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="sync-progress">
      <div className="flex justify-between text-sm">
        <span>{t(`statuses.${run.status}`)}</span>
        <span className="tabular-nums">{t("doneOf", { done: run.progress.done, total: run.progress.total })}</span>
      </div>
      <div role="progressbar" aria-label={t("progress")} aria-valuemin={0} aria-valuemax={run.progress.total} aria-valuenow={run.progress.done} className="h-3 w-full overflow-hidden rounded bg-slate-200">
        <div className={`h-full ${run.status === "failed" ? "bg-red-600" : run.status === "partial" ? "bg-amber-500" : "bg-blue-700"}`} style={{ width: `${pct}%` }} />
      </div>
      <dl className="grid grid-cols-2 gap-2 text-xs text-slate-600 sm:grid-cols-4">
        <div><dt>{t("requests")}</dt><dd className="tabular-nums text-slate-900">{run.requests}</dd></div>
        <div><dt>{t("elapsed")}</dt><dd className="tabular-nums text-slate-900">{duration(run.elapsedMs)}</dd></div>
        <div><dt>{t("eta")}</dt><dd className="tabular-nums text-slate-900">{run.etaMs === null ? "—" : duration(run.etaMs)}</dd></div>
        <div><dt>{t("errors")}</dt><dd className="tabular-nums text-slate-900">{run.errors.length}</dd></div>
      </dl>
      {run.errors.length > 0 && (
        <ul className="max-h-48 list-disc overflow-auto pl-5 text-xs text-red-800" data-testid="sync-errors">
          {run.errors.slice(0, 50).map((e, i) => <li key={i}><span className="font-mono">{e.code}</span>: {e.message}{e.days.length ? ` (${e.days.slice(0, 3).join(", ")}${e.days.length > 3 ? "…" : ""})` : ""}</li>)}
        </ul>
      )}
    </div>
  );
}

/** A Renta connection's cabinets, and discovery (cabinets → tenants → registers → stores). */
export function RentaCabinets(props: { connectionId: string; canDiscover: boolean; cabinets: Cabinet[] }) {
  const t = useTranslations("sync");
  const router = useRouter();
  const discover = useActionForm(discoverConnectionAction);
  return (
    <section aria-labelledby="cab-h" className="space-y-3">
      <div className="flex items-center justify-between gap-4">
        <h2 id="cab-h" className="text-lg font-semibold">{t("cabinets")}</h2>
        {props.canDiscover && (
          <form onSubmit={(e) => { e.preventDefault(); discover.submit({ id: props.connectionId }, () => router.refresh()); }}>
            <SubmitButton pending={discover.pending} variant="plain">{discover.pending ? t("discovering") : t("discover")}</SubmitButton>
          </form>
        )}
      </div>
      <FormMessage error={discover.error} success={discover.result?.ok ? t("discovered", { cabinets: discover.result.data.cabinets.length, tenants: discover.result.data.tenants, kkts: discover.result.data.kkts, stores: discover.result.data.stores }) : null} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="cabinets-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr><th className="px-4 py-2">{t("name")}</th><th className="px-4 py-2">ИНН / КПП</th><th className="px-4 py-2">{t("status")}</th><th className="px-4 py-2">{t("paidPeriod")}</th></tr>
          </thead>
          <tbody>
            {props.cabinets.length === 0 && <tr><td colSpan={4} className="px-4 py-6 text-center text-slate-500">{t("noCabinets")}</td></tr>}
            {props.cabinets.map((c) => (
              <tr key={c.id} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2">{c.name}</td><td className="px-4 py-2 font-mono text-xs">{c.inn} / {c.kpp}</td><td className="px-4 py-2">{c.status ?? "—"}</td>
                <td className="px-4 py-2 tabular-nums">{c.activeFrom ?? "…"} – {c.activeTo ?? "…"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Any connection's turnover sync: a period to pull, its progress, the last runs and what they stored. */
export function ConnectionSync(props: { connectionId: string; canSync: boolean; runs: Run[]; turnover: MonthTurnover[]; poll?: boolean; currency?: "RUB" | "UAH" }) {
  const currency = props.currency ?? "RUB";
  const t = useTranslations("sync");
  const locale = useLocale();
  const router = useRouter();
  const start = useActionForm(startSyncAction);
  const active = props.runs.find((r) => ACTIVE.has(r.status));
  const [runId, setRunId] = useState<string | null>(active?.id ?? null);
  const now = new Date();
  const firstOfLast = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const lastOfLast = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
  const [from, setFrom] = useState(firstOfLast);
  const [to, setTo] = useState(lastOfLast);
  return (
    <div className="space-y-8">
      <section aria-labelledby="sync-h" className="space-y-3">
        <h2 id="sync-h" className="text-lg font-semibold">{t("turnoverSync")}</h2>
        {props.poll && <p className="text-sm text-slate-600">{t("pollHint")}</p>}
        {props.canSync && props.poll && (
          <form
            aria-label={t("pollNow")}
            onSubmit={(e) => {
              e.preventDefault();
              const today = new Date().toISOString().slice(0, 10);
              const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
              start.submit({ connectionId: props.connectionId, from: yesterday, to: today }, (r) => setRunId(r.id));
            }}
          >
            <SubmitButton pending={start.pending}>{t("pollNow")}</SubmitButton>
          </form>
        )}
        {props.canSync && !props.poll && (
          <form
            noValidate
            aria-label={t("startSync")}
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              start.submit({ connectionId: props.connectionId, from, to }, (r) => setRunId(r.id));
            }}
          >
            <TextInput label={t("from")} type="date" value={from} onChange={setFrom} error={start.fieldError("from")} />
            <TextInput label={t("to")} type="date" value={to} onChange={setTo} error={start.fieldError("to")} />
            <SubmitButton pending={start.pending}>{t("startSync")}</SubmitButton>
          </form>
        )}
        {start.result?.ok === false && !start.result.error.fields && <FormMessage error={start.error} />}
        {runId && <SyncProgress key={runId} runId={runId} onDone={() => router.refresh()} />}
        <ul className="space-y-1 text-sm text-slate-700">
          {props.runs.slice(0, 8).map((r) => (
            <li key={r.id} className="tabular-nums">{new Date(r.createdAt).toLocaleString(locale)} · {t(`kinds.${r.kind}`)} · {r.from} – {r.to} · {t(`statuses.${r.status}`)} · {t("doneOf", { done: r.done, total: r.total })} · {t("requestsN", { n: r.requests })}</li>
          ))}
        </ul>
      </section>

      {props.turnover.length > 0 && (
        <section aria-labelledby="to-h" className="space-y-3">
          <h2 id="to-h" className="text-lg font-semibold">{t("turnoverSynced")}</h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="synced-turnover">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
                <tr><th className="px-4 py-2">{t("month")}</th><th className="px-4 py-2">{t("income")}</th><th className="px-4 py-2">{t("refunds")}</th><th className="px-4 py-2">{t("net")}</th><th className="px-4 py-2">{t("receipts")}</th></tr>
              </thead>
              <tbody>
                {props.turnover.map((m) => (
                  <tr key={m.month} className="border-b border-slate-100 last:border-0 tabular-nums">
                    <td className="px-4 py-2">{m.month}</td><td className="px-4 py-2">{formatMoney(BigInt(m.income), currency, locale)}</td><td className="px-4 py-2">{formatMoney(BigInt(m.refunds), currency, locale)}</td>
                    <td className="px-4 py-2">{formatMoney(BigInt(m.net), currency, locale)}</td><td className="px-4 py-2">{m.receipts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
