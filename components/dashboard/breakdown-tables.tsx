"use client";
import { createColumnHelper, type ColumnDef, type Row } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, type ReactNode } from "react";
import { ListTable } from "@/components/tables/list-table";

/** A figure as shown, with its exact value (decimal-integer text) for sorting; no key: nothing to show ("—"), sorted last. */
export interface Figure {
  text: string;
  key?: string;
}

/** One line of a turnover breakdown: a store category or a tenant. */
export interface BreakdownRow {
  id: string;
  name: string;
  /** The tenant's INN (tenants only). */
  inn?: string;
  /** Where the name leads (a tenant's own dashboard, a category's tenants). */
  href?: string;
  net: Figure;
  /** Share of the month's net turnover. */
  share: Figure;
  /** Change against the same days a year before. */
  change: Figure;
  /** Tenants: rent incl. VAT of the month's statements, and rent before VAT ÷ turnover. */
  total?: Figure;
  occupancyCost?: Figure;
}

type FigureKey = "net" | "share" | "change" | "total" | "occupancyCost";
const col = createColumnHelper<BreakdownRow>();

/** Sorts by the exact value; rows without one go last whichever way the column is sorted. */
function figureColumn(key: FigureKey, header: string, tone?: (f: Figure) => string): ColumnDef<BreakdownRow, string> {
  return col.accessor((r) => r[key]?.key, {
    id: key,
    header,
    sortUndefined: "last",
    sortingFn: (a: Row<BreakdownRow>, b: Row<BreakdownRow>) => {
      const x = BigInt(a.original[key]!.key!);
      const y = BigInt(b.original[key]!.key!);
      return x === y ? 0 : x < y ? -1 : 1;
    },
    cell: (c) => {
      const f = c.row.original[key];
      return <span className={`whitespace-nowrap tabular-nums ${f && tone ? tone(f) : ""}`}>{f?.text ?? "—"}</span>;
    },
  }) as ColumnDef<BreakdownRow, string>;
}

const changeTone = (f: Figure) => (f.key === undefined ? "text-slate-400" : f.key.startsWith("-") ? "text-red-700" : "text-green-700");

/** The month's net turnover by store category or by tenant: searchable, sortable, largest first, with a CSV of the turnover. */
export function BreakdownTable({ kind, rows, csvHref, title, yearBefore, aside }: { kind: "category" | "tenant"; rows: BreakdownRow[]; csvHref: string; title: string; yearBefore: string; aside?: ReactNode }) {
  const t = useTranslations("dashboard");
  const columns = useMemo(
    () => [
      col.accessor("name", {
        header: kind === "tenant" ? t("tenant") : t("category"),
        cell: (c) => {
          const { href, inn } = c.row.original;
          const name = href ? <Link className="text-blue-800 underline" href={href}>{c.getValue()}</Link> : c.getValue();
          return kind === "tenant" ? <>{name} <span className="text-xs text-slate-500">{inn}</span></> : name;
        },
      }) as ColumnDef<BreakdownRow, string>,
      figureColumn("net", t("net")),
      figureColumn("share", t("share"), () => "text-slate-500"),
      figureColumn("change", t("versus", { month: yearBefore }), changeTone),
      ...(kind === "tenant" ? [figureColumn("total", t("rentIncVat")), figureColumn("occupancyCost", t("occupancyCostShort"))] : []),
    ],
    [kind, t, yearBefore],
  );
  const heading = `${kind}-h`;
  return (
    <section aria-labelledby={heading} className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={heading} className="font-semibold">{title}</h2>
        <span className="flex gap-4">
          {aside}
          <a className="text-sm text-blue-800 underline" href={csvHref} download>{t("downloadCsv")}</a>
        </span>
      </div>
      <ListTable
        name={kind === "tenant" ? "by-tenant" : "by-category"}
        labelledBy={heading}
        rows={rows}
        columns={columns}
        initialSort="net"
        initialDesc
        search={{ label: kind === "tenant" ? t("searchTenants") : t("searchCategories"), hint: kind === "tenant" ? t("searchTenantsHint") : "", texts: (r) => [r.name, r.inn] }}
        count={(n, total) => t("shownOf", { shown: n, total })}
        empty={t("noTurnover")}
        noMatch={t("noMatch")}
      />
    </section>
  );
}
