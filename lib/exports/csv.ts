import { stringify } from "csv-stringify/sync";
import { minorToDecimalString } from "@/lib/money";
import type { StatementDto } from "@/lib/statements/dto";
import { escapeSpreadsheetText } from "./spreadsheet-text";

const BOM = "\uFEFF";
const opts = { delimiter: ";", record_delimiter: "\r\n", quoted_match: /[";\r\n]/ } as const;
const amount = (v: bigint | undefined) => (v === undefined ? "" : minorToDecimalString(v));

/** One statement, line by line: RFC 4180 with ';' and a UTF-8 BOM so Russian Excel opens it as is. */
export function statementCsv(s: StatementDto, contractNumber: string): string {
  const rows: string[][] = [
    ["Договор / Contract", escapeSpreadsheetText(contractNumber)],
    ["Период / Period", s.period],
    ["Редакция / Revision", String(s.revision)],
    ["Статус / Status", s.status],
    [],
    ["Строка / Line", "Сумма / Amount", "Расчёт / Formula"],
    ...s.lines.map((l) => [escapeSpreadsheetText(l.labelRu), amount(l.amount), escapeSpreadsheetText(l.formula)]),
  ];
  return BOM + stringify(rows, opts);
}

/** A month's statements, one row each. */
export function statementsCsv(list: (StatementDto & { contractNumber: string; tenantName: string })[]): string {
  const header = ["period", "contract", "tenant", "revision", "status", "currency", "turnover", "baseRent", "percentageRent", "rent", "vat", "total", "flags"];
  const rows = list.map((s) => [
    s.period,
    escapeSpreadsheetText(s.contractNumber),
    escapeSpreadsheetText(s.tenantName),
    String(s.revision),
    s.status,
    s.currency,
    amount(s.turnover),
    amount(s.baseRent),
    amount(s.percentageRent),
    amount(s.rent),
    amount(s.vat),
    amount(s.total),
    s.flags.map((f) => (f as { code: string }).code).join(","),
  ]);
  return BOM + stringify([header, ...rows], opts);
}
