import { isValidRegisterNumber, REGISTER_NUMBER_MESSAGE } from "@/lib/validations/identifiers";
import { parseMoneyInput } from "@/lib/money";
import { isoDate } from "@/lib/validations/contracts";
import type { EnteredSource } from "@/lib/validations/turnover";
import type { PreviewRow } from "./premises";
import { col, isoDateFrom, type ImportTable } from "./table";

export interface TurnoverImportEntry {
  rnm: string;
  day: string;
  source: EnteredSource;
  income: bigint;
  refunds: bigint;
  incomeVat?: bigint;
  receipts?: number;
}

const SOURCES: Record<string, EnteredSource> = {
  "": "tenant-reported",
  "tenant-reported": "tenant-reported",
  "отчёт арендатора": "tenant-reported",
  "отчет арендатора": "tenant-reported",
  арендатор: "tenant-reported",
  manual: "manual",
  вручную: "manual",
};

/** An amount as a spreadsheet holds it ("150 000,50" typed, 150000.5 from a numeric cell); blank → `blank`. */
function amount(text: string, blank: bigint | undefined): bigint | undefined | null {
  if (text.trim() === "") return blank;
  return parseMoneyInput(text);
}

/**
 * Rows of days (a tenant's sales report, or figures typed in): register (RNM), date, income, refunds, VAT and
 * receipts (optional), source (tenant-reported unless "manual"). Every row is checked: a register of this
 * organisation, a past date, amounts in roubles with at most two decimals, and each register-day-source once.
 */
export function previewTurnover(table: ImportTable, registers: ReadonlySet<string>, today: string): PreviewRow<TurnoverImportEntry>[] {
  const seen = new Map<string, number>();
  return table.rows.map((r) => {
    const errors: Record<string, string> = {};
    const rnm = col(r.values, "rnm", "рнм", "ккт", "регномер").replace(/\s/g, "");
    if (!isValidRegisterNumber(rnm)) errors.rnm = REGISTER_NUMBER_MESSAGE;
    else if (!registers.has(rnm)) errors.rnm = `No register ${rnm} in this organisation`;
    const day = isoDateFrom(col(r.values, "date", "day", "дата", "день"));
    if (!isoDate.safeParse(day).success) errors.date = "Use a date such as 2026-03-31 or 31.03.2026";
    else if (day > today) errors.date = "A day in the future has no turnover yet";
    const income = amount(col(r.values, "income", "приход", "выручка"), undefined);
    if (income === undefined || income === null) errors.income = "Enter an amount such as 150 000,00";
    const refunds = amount(col(r.values, "refunds", "возвраты", "возврат"), 0n);
    if (refunds === null || refunds === undefined) errors.refunds = "Enter an amount such as 1 500,00, or leave it empty";
    const incomeVat = amount(col(r.values, "incomeVat", "vat", "ндс"), undefined);
    if (incomeVat === null) errors.vat = "Enter an amount such as 25 000,00, or leave it empty";
    else if (incomeVat !== undefined && typeof income === "bigint" && incomeVat > income) errors.vat = "VAT cannot exceed the income";
    const receiptsText = col(r.values, "receipts", "чеков", "чеки").trim();
    const receipts = receiptsText === "" ? undefined : /^\d{1,7}$/.test(receiptsText) ? Number(receiptsText) : null;
    if (receipts === null) errors.receipts = "A count of receipts is a whole number";
    const source = SOURCES[col(r.values, "source", "источник").trim().toLowerCase()];
    if (!source) errors.source = "tenant-reported (or empty) or manual";
    const key = `${rnm} ${day} ${source}`;
    if (!errors.rnm && !errors.date && seen.has(key)) errors.date ??= `Same register, day and source as line ${seen.get(key)}`;
    seen.set(key, r.line);
    const ok = Object.keys(errors).length === 0;
    return {
      line: r.line,
      values: r.values,
      errors,
      input: ok ? { rnm, day, source: source!, income: income as bigint, refunds: refunds as bigint, ...(incomeVat !== undefined ? { incomeVat: incomeVat as bigint } : {}), ...(receipts !== undefined ? { receipts: receipts as number } : {}) } : undefined,
    };
  });
}
