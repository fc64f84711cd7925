import { stringify } from "csv-stringify/sync";
import { escapeSpreadsheetText } from "@/lib/exports/spreadsheet-text";
import { minorToDecimalString } from "@/lib/money";
import type { TurnoverRow } from "./report";

/**
 * A turnover report as CSV for Excel: UTF-8 with a BOM, `;`-separated, CRLF (RFC 4180 quoting); the key
 * columns first (text, escaped against formula injection), then the amounts in roubles as exact decimals.
 */
export function turnoverCsv(data: TurnoverRow[]): string {
  const keys = Object.keys(data[0]?.key ?? {});
  return (
    "\uFEFF" +
    stringify(
      [
        [...keys, "income", "refunds", "net", "receipts", "days"],
        ...data.map((r) => [...keys.map((k) => escapeSpreadsheetText(r.key[k])), minorToDecimalString(r.income), minorToDecimalString(r.refunds), minorToDecimalString(r.net), String(r.receipts), String(r.days)]),
      ],
      { delimiter: ";", record_delimiter: "\r\n" },
    )
  );
}

export function turnoverCsvResponse(data: TurnoverRow[], q: { groupBy: string; from: string; to: string }): Response {
  return new Response(turnoverCsv(data), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="turnover-${q.groupBy}-${q.from}-${q.to}.csv"`,
      "cache-control": "no-store",
    },
  });
}
