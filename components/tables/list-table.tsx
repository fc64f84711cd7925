"use client";
import { flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type ColumnDef, type Header, type SortingState } from "@tanstack/react-table";
import { useLocale } from "next-intl";
import { Fragment, useMemo, useState, type ReactNode } from "react";
import { matchesQuery, textComparator } from "./sort";

export interface ListTableProps<T extends { id: string }> {
  /** Names the test ids: `${name}-table` and `${name}-count`. */
  name: string;
  /** The id of the heading that names the table. */
  labelledBy: string;
  rows: T[];
  /** Sortable columns; each sorts as locale-aware text unless it brings its own `sortingFn`. */
  columns: ColumnDef<T, string>[];
  initialSort: string;
  /** Sort the initial column descending (largest amounts first). */
  initialDesc?: boolean;
  search: { label: string; hint: string; texts: (row: T) => (string | null | undefined)[] };
  count: (shown: number, total: number) => string;
  empty: string;
  noMatch: string;
  /** A trailing column that does not sort (the row's buttons); rendered afresh on every render. */
  actions?: { header: string; cell: (row: T) => ReactNode };
  /** A full-width row under a row, such as its open editor. */
  detail?: (row: T) => ReactNode;
  /** More controls beside the search box (filters that narrow `rows` before the table sees them). */
  toolbar?: ReactNode;
  /** The count's total when `rows` is already narrowed by the toolbar; default `rows.length`. */
  total?: number;
}

function SortHeader<T>({ header }: { header: Header<T, unknown> }) {
  const dir = header.column.getIsSorted();
  return (
    <th className="px-4 py-2" aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}>
      <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-800" onClick={header.column.getToggleSortingHandler()}>
        {flexRender(header.column.columnDef.header, header.getContext())}
        <span aria-hidden="true" className={dir ? "text-slate-700" : "text-slate-300"}>{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
      </button>
    </th>
  );
}

/** A list with a search box, a "shown of total" line and headers that sort on click. */
export function ListTable<T extends { id: string }>(props: ListTableProps<T>) {
  const locale = useLocale();
  const [sorting, setSorting] = useState<SortingState>([{ id: props.initialSort, desc: props.initialDesc ?? false }]);
  const [query, setQuery] = useState("");
  const defaultColumn = useMemo((): Partial<ColumnDef<T, unknown>> => {
    const compare = textComparator(locale);
    return { sortingFn: (a, b, id) => compare(a.getValue<string>(id), b.getValue<string>(id)) };
  }, [locale]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is the table library here; this component is not memoised by the compiler
  const table = useReactTable({
    data: props.rows,
    columns: props.columns,
    defaultColumn,
    getRowId: (r) => r.id,
    state: { sorting, globalFilter: query },
    onSortingChange: setSorting,
    onGlobalFilterChange: setQuery,
    enableSortingRemoval: false,
    enableMultiSort: false,
    globalFilterFn: (row, _id, q: string) => matchesQuery(props.search.texts(row.original), q, locale),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const shown = table.getRowModel().rows;
  const width = props.columns.length + (props.actions ? 1 : 0);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span className="mb-1 block text-slate-700">{props.search.label}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={props.search.hint} className="w-72 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        {props.toolbar}
        <p className="pb-1.5 text-slate-600" data-testid={`${props.name}-count`} aria-live="polite">{props.count(shown.length, props.total ?? props.rows.length)}</p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid={`${props.name}-table`} aria-labelledby={props.labelledBy}>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => <SortHeader key={h.id} header={h} />)}
                {props.actions && <th className="px-4 py-2">{props.actions.header}</th>}
              </tr>
            ))}
          </thead>
          <tbody>
            {shown.length === 0 && <tr><td colSpan={width} className="px-4 py-6 text-center text-slate-500">{(props.total ?? props.rows.length) === 0 ? props.empty : props.noMatch}</td></tr>}
            {shown.map((r) => {
              const detail = props.detail?.(r.original);
              return (
                <Fragment key={r.id}>
                  <tr className="border-b border-slate-100 last:border-0">
                    {r.getVisibleCells().map((c) => <td key={c.id} className="px-4 py-2">{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}
                    {props.actions && <td className="px-4 py-2">{props.actions.cell(r.original)}</td>}
                  </tr>
                  {detail && <tr className="border-b border-slate-100 bg-slate-50"><td colSpan={width} className="p-3">{detail}</td></tr>}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
