"use client";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { ListTable } from "@/components/tables/list-table";

/** One line of a turnover breakdown; amounts come formatted, with their minor units (decimal-integer text) for sorting. */
export interface BreakdownRow {
  id: string;
  name: string;
  /** The tenant's INN (tenants only). */
  inn?: string;
  /** Where the name leads (a tenant's own dashboard). */
  href?: string;
  net: string;
  netText: string;
  /** Share of the month's net turnover, e.g. "12.5 %". */
  share: string;
  days: number;
}

const col = createColumnHelper<BreakdownRow>();
const byMinor = (a: { original: BreakdownRow }, b: { original: BreakdownRow }) => {
  const x = BigInt(a.original.net);
  const y = BigInt(b.original.net);
  return x === y ? 0 : x < y ? -1 : 1;
};

/** The month's net turnover by store category or by tenant: searchable, sortable, largest first, with a CSV of the same data. */
export function BreakdownTable({ kind, rows, csvHref, title }: { kind: "category" | "tenant"; rows: BreakdownRow[]; csvHref: string; title: string }) {
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
      }),
      col.accessor("net", { header: t("net"), sortingFn: byMinor, cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.row.original.netText}</span> }),
      col.accessor("share", { header: t("share"), sortingFn: byMinor, cell: (c) => <span className="tabular-nums text-slate-500">{c.getValue()}</span> }),
    ],
    [kind, t],
  );
  const heading = `${kind}-h`;
  return (
    <section aria-labelledby={heading} className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={heading} className="font-semibold">{title}</h2>
        <a className="text-sm text-blue-800 underline" href={csvHref} download>{t("downloadCsv")}</a>
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
