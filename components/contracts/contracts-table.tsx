"use client";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ListTable } from "@/components/tables/list-table";

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
  const [status, setStatus] = useState("");
  const shown = useMemo(() => rows.filter((r) => !status || r.status === status), [rows, status]);
  const columns = useMemo(
    () => [
      col.accessor("number", { header: t("number"), cell: (c) => <Link className="whitespace-nowrap font-medium text-blue-800 underline" href={`/contracts/${c.row.original.id}`}>{c.getValue()}</Link> }),
      col.accessor("tenant", { header: t("tenant"), cell: (c) => <>{c.getValue()} <span className="text-xs text-slate-500">{c.row.original.inn}</span></> }),
      col.accessor("start", { header: t("start"), cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.getValue()}</span> }),
      col.accessor("end", { header: t("end"), cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.getValue()}</span> }),
      col.accessor("mode", { header: t("mode") }),
      col.accessor((r) => String(r.registers), { id: "registers", header: t("registersShort"), sortingFn: (a, b) => a.original.registers - b.original.registers, cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
      col.accessor((r): string => r.status, { id: "status", header: t("status"), cell: (c) => <span className={`whitespace-nowrap rounded px-2 py-0.5 text-xs ${c.getValue() === "active" ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"}`}>{t(c.getValue())}</span> }),
    ],
    [t],
  );
  return (
    <>
      <h2 id="contracts-h" className="sr-only">{t("title")}</h2>
      <ListTable
        name="contracts"
        labelledBy="contracts-h"
        rows={shown}
        total={rows.length}
        columns={columns}
        initialSort="number"
        search={{ label: t("search"), hint: t("searchHint"), texts: (r) => [r.number, r.tenant, r.inn, ...r.rnms, ...r.premises] }}
        toolbar={
          <label>
            <span className="mb-1 block text-slate-700">{t("status")}</span>
            <select value={status} onChange={(e) => setStatus(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
              <option value="">{t("allStatuses")}</option>
              <option value="active">{t("active")}</option>
              <option value="ended">{t("ended")}</option>
            </select>
          </label>
        }
        count={(n, total) => t("shownOf", { shown: n, total })}
        empty={t("empty")}
        noMatch={t("noMatch")}
      />
    </>
  );
}
