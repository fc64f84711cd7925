"use client";
import { createColumnHelper, type ColumnDef, type Row } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { ListTable } from "@/components/tables/list-table";
import { RemoveDayEntry } from "./day-entry-form";

/** An amount as shown, with its exact value in minor units (decimal-integer text) for sorting; no key: "—", sorted last. */
export interface Amount {
  text: string;
  key?: string;
}

function amountColumn<T extends { id: string }>(get: (r: T) => Amount | undefined, id: string, header: string) {
  return createColumnHelper<T>().accessor((r) => get(r)?.key, {
    id,
    header,
    sortUndefined: "last",
    sortingFn: (a: Row<T>, b: Row<T>) => {
      const x = BigInt(get(a.original)!.key!);
      const y = BigInt(get(b.original)!.key!);
      return x === y ? 0 : x < y ? -1 : 1;
    },
    cell: (c) => <span className="whitespace-nowrap tabular-nums">{get(c.row.original)?.text ?? "—"}</span>,
  }) as ColumnDef<T, string>;
}

export interface DayRow {
  id: string;
  day: string;
  state: string;
  stateText: string;
  source: string;
  otherSources: string;
  income: Amount;
  refunds: Amount;
  net: Amount;
  receipts: Amount;
  /** Where "Check receipts" leads (none: the day cannot be checked). */
  checkHref?: string;
  /** A person's figures counted for the day, which the reader may remove. */
  removable?: { kktId: string; source: "manual" | "tenant-reported" };
}

const dayCol = createColumnHelper<DayRow>();
const STATE_TONE: Record<string, string> = { ok: "text-slate-700", missing: "font-medium text-red-700", not_available: "text-slate-500", pending: "text-amber-700", future: "text-slate-400" };

/** A register's month, a row a day: searchable by date, state and source; sortable. */
export function RegisterDaysTable({ rows, labelledBy }: { rows: DayRow[]; labelledBy: string }) {
  const t = useTranslations("registers");
    const columns = useMemo(
    () => [
      dayCol.accessor("day", { header: t("day"), cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }) as ColumnDef<DayRow, string>,
      dayCol.accessor("stateText", { id: "state", header: t("state"), cell: (c) => <span className={STATE_TONE[c.row.original.state]}>{c.getValue()}</span> }) as ColumnDef<DayRow, string>,
      amountColumn<DayRow>((r) => r.income, "income", t("income")),
      amountColumn<DayRow>((r) => r.refunds, "refunds", t("refunds")),
      amountColumn<DayRow>((r) => r.net, "net", t("netShort")),
      amountColumn<DayRow>((r) => r.receipts, "receipts", t("receiptsShort")),
      dayCol.accessor("source", {
        header: t("sourceShort"),
        cell: (c) => (
          <span className="text-xs">
            {c.getValue()}
            {c.row.original.otherSources && <span className="block text-slate-500">{t("alsoStored", { sources: c.row.original.otherSources })}</span>}
          </span>
        ),
      }) as ColumnDef<DayRow, string>,
    ],
    [t],
  );
  return (
    <ListTable
      name="register-days"
      labelledBy={labelledBy}
      rows={rows}
      columns={columns}
      initialSort="day"
      search={{ label: t("searchDays"), hint: t("searchDaysHint"), texts: (r) => [r.day, r.stateText, r.source, r.otherSources] }}
      count={(shown, total) => t("shownOf", { shown, total })}
      empty={t("noMatch")}
      noMatch={t("noMatch")}
      actions={{
        header: "",
        cell: (r) => (
          <span className="flex gap-3">
            {r.checkHref && (
              <Link className="whitespace-nowrap text-blue-800 underline" href={r.checkHref} aria-label={`${t("check")} ${r.day}`}>
                {t("check")}
              </Link>
            )}
            {r.removable && <RemoveDayEntry kktId={r.removable.kktId} day={r.day} source={r.removable.source} />}
          </span>
        ),
      }}
    />
  );
}

export interface ReceiptRow {
  id: string;
  time: string;
  operation: string;
  operationText: string;
  number: string;
  total: Amount;
  cash: Amount;
  cashless: Amount;
  prepaid: Amount;
  credit: Amount;
  vat: Amount;
  /** The receipt's items (none where the provider gives no items). */
  href: string | null;
}

const receiptCol = createColumnHelper<ReceiptRow>();

/** A day's receipts in time order: searchable by time, operation, number and amount; sortable. */
export function ReceiptsTable({ rows, labelledBy }: { rows: ReceiptRow[]; labelledBy: string }) {
  const t = useTranslations("registers");
    const columns = useMemo(
    () => [
      receiptCol.accessor("time", { header: t("time"), cell: (c) => <span className="tabular-nums">{c.getValue().slice(11)}</span> }) as ColumnDef<ReceiptRow, string>,
      receiptCol.accessor("operationText", {
        id: "operation",
        header: t("operation"),
        cell: (c) => <span className={c.row.original.operation === "income" ? "" : "text-red-700"}>{c.getValue()}</span>,
      }) as ColumnDef<ReceiptRow, string>,
      receiptCol.accessor("number", { header: t("number"), cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.getValue()}</span> }) as ColumnDef<ReceiptRow, string>,
      amountColumn<ReceiptRow>((r) => r.total, "total", t("total")),
      amountColumn<ReceiptRow>((r) => r.cash, "cash", t("cash")),
      amountColumn<ReceiptRow>((r) => r.cashless, "cashless", t("cashless")),
      amountColumn<ReceiptRow>((r) => r.prepaid, "prepaid", t("prepaid")),
      amountColumn<ReceiptRow>((r) => r.credit, "credit", t("credit")),
      amountColumn<ReceiptRow>((r) => r.vat, "vat", t("vat")),
    ],
    [t],
  );
  return (
    <ListTable
      name="receipts"
      labelledBy={labelledBy}
      rows={rows}
      columns={columns}
      initialSort="time"
      search={{ label: t("searchReceipts"), hint: t("searchReceiptsHint"), texts: (r) => [r.time, r.operationText, r.number, r.total.text] }}
      count={(shown, total) => t("shownOf", { shown, total })}
      empty={t("noReceipts")}
      noMatch={t("noMatch")}
      actions={{
        header: "",
        cell: (r) =>
          r.href && (
            <Link className="text-blue-800 underline" href={r.href} aria-label={`${t("open")} ${r.time.slice(11)}`}>
              {t("open")}
            </Link>
          ),
      }}
    />
  );
}

export interface MissingRow {
  id: string;
  rnm: string;
  href: string;
  tenant: string;
  tenantHref: string;
  missing: Amount;
  days: string;
}
const missingCol = createColumnHelper<MissingRow>();

/** The month's registers with days missing (what its statements flag): searchable by register, tenant and day; most first. */
export function MissingRegistersTable({ rows, labelledBy }: { rows: MissingRow[]; labelledBy: string }) {
  const t = useTranslations("registers");
  const columns = useMemo(
    () => [
      missingCol.accessor("rnm", { header: t("register"), cell: (c) => <Link className="font-mono text-xs text-blue-800 underline" href={c.row.original.href}>{c.getValue()}</Link> }) as ColumnDef<MissingRow, string>,
      missingCol.accessor("tenant", { header: t("tenant"), cell: (c) => <Link className="text-blue-800 underline" href={c.row.original.tenantHref}>{c.getValue()}</Link> }) as ColumnDef<MissingRow, string>,
      amountColumn<MissingRow>((r) => r.missing, "missing", t("missingDays")),
      missingCol.accessor("days", { header: t("whichDays"), cell: (c) => <span className="text-xs tabular-nums">{c.getValue()}</span> }) as ColumnDef<MissingRow, string>,
    ],
    [t],
  );
  return (
    <ListTable
      name="missing-registers"
      labelledBy={labelledBy}
      rows={rows}
      columns={columns}
      initialSort="missing"
      initialDesc
      search={{ label: t("searchRegisters"), hint: t("searchRegistersHint"), texts: (r) => [r.rnm, r.tenant, r.days] }}
      count={(shown, total) => t("shownOf", { shown, total })}
      empty={t("noMatch")}
      noMatch={t("noMatch")}
    />
  );
}
