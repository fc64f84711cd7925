/**
 * Yandex OFD documents (already validated, money already bigint kopecks) → the product's model. Pure: no
 * I/O, no clock. A day's turnover is its receipts summed exactly as the Renta receipts check and the Kontur
 * mapping sum them (lib/turnover/receipts.ts), so figures from every provider mean the same thing.
 */
import type { DailyTurnover } from "@/lib/providers/renta/mapping";
import { dayFromReceipts, type ReceiptLine, type ReceiptOperation } from "@/lib/turnover/receipts";
import { isReceiptType, SHIFT_TYPES, type YandexOperationType, type YandexReceipt } from "./schemas";

const OPERATION: Record<YandexOperationType, ReceiptOperation> = {
  income: "income",
  income_return: "refund",
  outcome: "expense",
  outcome_return: "expense_refund",
};

export function isReceipt(d: YandexReceipt): boolean {
  return isReceiptType(d.type) && d.operationType !== null;
}

export function isShiftDocument(d: YandexReceipt): boolean {
  return d.type !== null && (SHIFT_TYPES as readonly string[]).includes(d.type);
}

export function toReceiptLine(r: YandexReceipt): ReceiptLine {
  if (!isReceipt(r)) throw new RangeError(`document ${r.fn}/${r.doc_number} ("${r.code_name}") is not a receipt`);
  return {
    // A fiscal document is identified by its fiscal drive and number.
    id: `${r.fn}/${r.doc_number}`,
    time: r.real_date.replace(" ", "T"),
    operation: OPERATION[r.operationType!],
    correction: r.type === "receiptCorrection" || r.type === "bsoCorrection",
    bso: r.type === "bso" || r.type === "bsoCorrection",
    shift: r.shift,
    number: r.number,
    docNumber: r.doc_number,
    total: r.totalSum,
    cash: r.cashTotalSum,
    cashless: r.ecashTotalSum,
    prepaid: r.prepaidSum,
    credit: r.creditSum,
    // The report carries no VAT: 0 here, and the day's VAT is left undefined below, never a false zero.
    vat: 0n,
  };
}

/**
 * Per-day turnover of the registers `rnms` over [from, to] (YYYY-MM-DD), each day by the calendar date of its
 * documents' local time, so a shift that runs past midnight counts on both days. A day with a shift report
 * but no receipts was worked and sold nothing: zeros. A day with neither has no row: missing, never zero.
 * Other document types (registration, state reports) do not show the shop traded and make no row. Documents
 * of other registers are ignored: a company's report covers registers the landlord has not added.
 * Rows come register by register in the order of `rnms`, days ascending.
 */
export function dailyTurnover(rnms: readonly string[], docs: readonly YandexReceipt[], from: string, to: string): DailyTurnover[] {
  const wanted = [...new Set(rnms.map((r) => r.trim()))];
  const byRegister = new Map<string, Map<string, ReceiptLine[]>>(wanted.map((r) => [r, new Map()]));
  for (const d of docs) {
    const days = byRegister.get(d.rn);
    if (!days || (!isReceipt(d) && !isShiftDocument(d))) continue;
    const day = d.real_date.slice(0, 10);
    if (day < from || day > to) continue;
    const lines = days.get(day) ?? [];
    if (isReceipt(d)) lines.push(toReceiptLine(d));
    days.set(day, lines);
  }
  // Yandex's receipts carry no VAT: none is stated for the day.
  return wanted.flatMap((rnm) => {
    const days = byRegister.get(rnm)!;
    return [...days.keys()].sort().map((day) => dayFromReceipts(rnm, day, days.get(day)!, false));
  });
}
