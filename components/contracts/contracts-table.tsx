"use client";
import { createColumnHelper, flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";

export interface ContractRow {
  id: string;
  number: string;
  tenant: string;
  inn: string;
  start: string;
  end: string;
  /** The mode of the terms in force today, as a label. */
  mode: string;
  registers: number;
  /** RNMs and premises codes, searched but not shown. */
  rnms: string[];
  premises: string[];
  status: "active" | "ended";
}

const col = createColumnHelper<ContractRow>();

/** The contracts list: search by number, tenant, INN, register or unit; filter by status; sort by any column. */
export function ContractsTable({ rows }: { rows: ContractRow[] }) {
  const t = useTranslations("contracts");
  const locale = useLocale();
  const [sorting, setSorting] = useState<SortingState>([{ id: "number", desc: false }]);
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  // Contract numbers such as "А-2/2026" and "А-10/2026" sort as a person reads them.
  const collator = useMemo(() => new Intl.Collator(locale, { numeric: true, sensitivity: "base" }), [locale]);
  const byText = (key: "number" | "tenant") => (a: { original: ContractRow }, b: { original: ContractRow }) => collator.compare(a.original[key], b.original[key]);

  const data = useMemo(() => rows.filter((r) => !status || r.status === status), [rows, status]);
  const columns = useMemo(
    () => [
      col.accessor("number", { header: t("number"), sortingFn: byText("number"), cell: (c) => <Link className="whitespace-nowrap font-medium text-blue-800 underline" href={`/contracts/${c.row.original.id}`}>{c.getValue()}</Link> }),
      col.accessor("tenant", { header: t("tenant"), sortingFn: byText("tenant"), cell: (c) => <>{c.getValue()} <span className="text-xs text-slate-500">{c.row.original.inn}</span></> }),
      col.accessor("start", { header: t("start"), cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.getValue()}</span> }),
      col.accessor("end", { header: t("end"), cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.getValue()}</span> }),
      col.accessor("mode", { header: t("mode") }),
      col.accessor("registers", { header: t("registersShort"), cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
      col.accessor("status", { header: t("status"), cell: (c) => <span className={`whitespace-nowrap rounded px-2 py-0.5 text-xs ${c.getValue() === "active" ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"}`}>{t(c.getValue())}</span> }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the sort functions depend only on the locale's collator
    [t, collator],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is the table library here; this component is not memoised by the compiler
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: query },
    onSortingChange: setSorting,
    onGlobalFilterChange: setQuery,
    globalFilterFn: (row, _id, q: string) => {
      const r = row.original;
      return [r.number, r.tenant, r.inn, ...r.rnms, ...r.premises].join(" ").toLocaleLowerCase(locale).includes(q.trim().toLocaleLowerCase(locale));
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const shown = table.getRowModel().rows;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span className="mb-1 block text-slate-700">{t("search")}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("searchHint")} className="w-72 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <label>
          <span className="mb-1 block text-slate-700">{t("status")}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">{t("allStatuses")}</option>
            <option value="active">{t("active")}</option>
            <option value="ended">{t("ended")}</option>
          </select>
        </label>
        <p className="pb-1.5 text-slate-600" data-testid="contracts-count" aria-live="polite">{t("shownOf", { shown: shown.length, total: rows.length })}</p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="contracts-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} className="px-4 py-2" aria-sort={h.column.getIsSorted() === "asc" ? "ascending" : h.column.getIsSorted() === "desc" ? "descending" : "none"}>
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
            {shown.length === 0 && <tr><td colSpan={columns.length} className="px-4 py-6 text-center text-slate-500">{rows.length === 0 ? t("empty") : t("noMatch")}</td></tr>}
            {shown.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 last:border-0">
                {r.getVisibleCells().map((c) => <td key={c.id} className="px-4 py-2">{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
