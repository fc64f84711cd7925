"use client";
import { createColumnHelper, flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { FormMessage } from "@/components/forms/field";
import { useActionForm } from "@/components/forms/use-action-form";
import { issueStatementsAction } from "@/lib/actions/statements";
import { formatMoney, type CurrencyCode } from "@/lib/money";

export interface RentRow {
  contractId: string;
  contractNumber: string;
  tenant: string;
  /** The tenant's dashboard for the month, for those who may read dashboards. */
  tenantHref: string | null;
  currency: string;
  statementId: string | null;
  status: "draft" | "issued" | "needs_revision" | "not_computed";
  revision: number | null;
  /** Minor units as decimal-integer strings (bigint does not cross into the browser's table state). */
  turnover: string | null;
  baseRent: string | null;
  percentageRent: string | null;
  rent: string | null;
  vat: string | null;
  total: string | null;
  flags: string[];
}

const MONEY = ["turnover", "baseRent", "percentageRent", "rent", "vat", "total"] as const;
const col = createColumnHelper<RentRow>();
/** Sort amounts as integers, exactly: compare bigints, missing ones last. */
const bigSort = (key: (typeof MONEY)[number]) => (a: { original: RentRow }, b: { original: RentRow }) => {
  const x = a.original[key];
  const y = b.original[key];
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  const d = BigInt(x) - BigInt(y);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
};

/** The month's contracts; accountants tick drafts (or all drafts shown) and issue them together. */
export function RentMonthTable({ rows, canIssue = false }: { rows: RentRow[]; canIssue?: boolean }) {
  const t = useTranslations("rent");
  const locale = useLocale();
  const router = useRouter();
  const issue = useActionForm(issueStatementsAction);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [sorting, setSorting] = useState<SortingState>([{ id: "contractNumber", desc: false }]);
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const fmt = (v: string | null, c: string) => (v === null ? "—" : formatMoney(BigInt(v), c as CurrencyCode, locale));

  const data = useMemo(() => rows.filter((r) => (!status || r.status === status) && (!flaggedOnly || r.flags.length > 0)), [rows, status, flaggedOnly]);
  const columns = useMemo(
    () => [
      col.accessor("contractNumber", {
        header: t("contract"),
        cell: (c) => (c.row.original.statementId ? <Link className="text-blue-800 underline" href={`/rent/statements/${c.row.original.statementId}`}>{c.getValue()}</Link> : c.getValue()),
      }),
      col.accessor("tenant", { header: t("tenant"), cell: (c) => (c.row.original.tenantHref ? <Link className="text-blue-800 underline" href={c.row.original.tenantHref}>{c.getValue()}</Link> : c.getValue()) }),
      ...MONEY.map((k) => col.accessor(k, { header: t(k), sortingFn: bigSort(k), cell: (c) => <span className="tabular-nums">{fmt(c.getValue(), c.row.original.currency)}</span> })),
      col.accessor("status", {
        header: t("status"),
        cell: (c) => (
          <span className={`rounded px-2 py-0.5 text-xs ${c.getValue() === "issued" ? "bg-green-100 text-green-800" : c.getValue() === "needs_revision" ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-700"}`}>
            {t(`statuses.${c.getValue()}`)}{c.row.original.revision && c.row.original.revision > 1 ? ` · r${c.row.original.revision}` : ""}
          </span>
        ),
      }),
      col.accessor((r) => r.flags.join(","), { id: "flags", header: t("flags"), cell: (c) => c.row.original.flags.map((f) => <span key={f} className="mr-1 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">{t(`flagNames.${f}`)}</span>) }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- formatters depend only on locale
    [t, locale],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is the table library here; this component is not memoised by the compiler
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: query },
    onSortingChange: setSorting,
    onGlobalFilterChange: setQuery,
    globalFilterFn: (row, _id, q: string) => `${row.original.contractNumber} ${row.original.tenant}`.toLowerCase().includes(q.toLowerCase()),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const visible = table.getRowModel().rows.map((r) => r.original);
  const draftIds = (list: RentRow[]) => list.filter((r) => r.status === "draft" && r.statementId).map((r) => r.statementId!);
  const visibleDrafts = draftIds(visible);
  // Only drafts still shown and still drafts count: a filter or a refresh never issues something unseen.
  const chosen = visibleDrafts.filter((id) => selected.has(id));
  const toggle = (id: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });
  const issueChosen = () => {
    if (!window.confirm(t("issueSelectedConfirm", { count: chosen.length }))) return;
    issue.submit({ ids: chosen }, () => {
      setSelected(new Set());
      router.refresh();
    });
  };
  const currency = visible[0]?.currency ?? "RUB";
  const sameCurrency = visible.every((r) => r.currency === currency);
  const sum = (k: (typeof MONEY)[number]) => visible.reduce((s, r) => s + BigInt(r[k] ?? "0"), 0n);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span className="mb-1 block text-slate-700">{t("search")}</span>
          <input value={query} onChange={(e) => setQuery(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <label>
          <span className="mb-1 block text-slate-700">{t("status")}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">{t("all")}</option>
            {(["not_computed", "draft", "issued", "needs_revision"] as const).map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2 pb-1.5">
          <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} /> {t("flaggedOnly")}
        </label>
        {canIssue && visibleDrafts.length > 0 && (
          <button type="button" disabled={chosen.length === 0 || issue.pending} onClick={issueChosen} className="rounded-md bg-blue-800 px-3 py-1.5 font-medium text-white disabled:opacity-50">
            {issue.pending ? t("issuing") : t("issueSelected", { count: chosen.length })}
          </button>
        )}
      </div>
      {issue.result?.ok && <p role="status" className="text-sm text-green-800">{t("issuedCount", { count: issue.result.data.count })}</p>}
      <FormMessage error={issue.error} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="rent-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {canIssue && (
                  <th className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={t("selectAllDrafts")}
                      disabled={visibleDrafts.length === 0}
                      checked={visibleDrafts.length > 0 && chosen.length === visibleDrafts.length}
                      onChange={(e) => setSelected(e.target.checked ? new Set(visibleDrafts) : new Set())}
                    />
                  </th>
                )}
                {hg.headers.map((h) => (
                  <th key={h.id} className="px-3 py-2" aria-sort={h.column.getIsSorted() === "asc" ? "ascending" : h.column.getIsSorted() === "desc" ? "descending" : "none"}>
                    <button type="button" className="uppercase" onClick={h.column.getToggleSortingHandler()}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {h.column.getIsSorted() === "asc" ? " ▲" : h.column.getIsSorted() === "desc" ? " ▼" : ""}
                    </button>
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {visible.length === 0 && <tr><td colSpan={columns.length + (canIssue ? 1 : 0)} className="px-4 py-6 text-center text-slate-500">{t("empty")}</td></tr>}
            {table.getRowModel().rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 last:border-0">
                {canIssue && (
                  <td className="px-3 py-2">
                    {r.original.status === "draft" && r.original.statementId && (
                      <input type="checkbox" aria-label={t("selectDraft", { number: r.original.contractNumber })} checked={selected.has(r.original.statementId)} onChange={(e) => toggle(r.original.statementId!, e.target.checked)} />
                    )}
                  </td>
                )}
                {r.getVisibleCells().map((c) => <td key={c.id} className="whitespace-nowrap px-3 py-2">{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}
              </tr>
            ))}
          </tbody>
          {visible.length > 0 && sameCurrency && (
            <tfoot className="border-t border-slate-300 bg-slate-50 font-medium">
              <tr>
                <td className="px-3 py-2" colSpan={canIssue ? 3 : 2}>{t("totalRow", { count: visible.length })}</td>
                {MONEY.map((k) => <td key={k} className="whitespace-nowrap px-3 py-2 tabular-nums">{formatMoney(sum(k), currency as CurrencyCode, locale)}</td>)}
                <td colSpan={2} />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
