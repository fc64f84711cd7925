/**
 * Kontur.OFD documents (already validated, money already bigint kopecks) → the product's model. Pure: no
 * I/O, no clock. A day's turnover is its receipts summed exactly as the Renta receipts check sums them
 * (lib/turnover/receipts.ts), so figures from both providers mean the same thing.
 */
import type { DailyTurnover } from "@/lib/providers/renta/mapping";
import { dayFromReceipts, type ReceiptLine, type ReceiptOperation, type ReceiptWithItems } from "@/lib/turnover/receipts";
import { RECEIPT_TYPES, SHIFT_TYPES, type KonturDocument, type KonturReceiptDocument, type KonturShiftDocument } from "./schemas";

const OPERATION: Record<1 | 2 | 3 | 4, ReceiptOperation> = { 1: "income", 2: "refund", 3: "expense", 4: "expense_refund" };

export function isReceiptDocument(d: KonturDocument): d is KonturReceiptDocument {
  return (RECEIPT_TYPES as readonly string[]).includes(d.type);
}

export function isShiftDocument(d: KonturDocument): d is KonturShiftDocument {
  return (SHIFT_TYPES as readonly string[]).includes(d.type);
}

export function toReceiptLine(doc: KonturReceiptDocument): ReceiptLine {
  const r = doc.data;
  return {
    // A fiscal document is identified by its fiscal drive and number; the example's `id`s are all the nil UUID.
    id: `${r.fiscalDriveNumber}/${r.fiscalDocumentNumber}`,
    time: r.dateTime,
    operation: OPERATION[r.operationType],
    correction: doc.type === "receiptCorrection" || doc.type === "bsoCorrection",
    bso: doc.type === "bso" || doc.type === "bsoCorrection",
    shift: r.shiftNumber,
    number: r.requestNumber ?? null,
    docNumber: r.fiscalDocumentNumber,
    total: r.totalSum,
    cash: r.cashTotalSum,
    cashless: r.ecashTotalSum,
    prepaid: r.prepaidSum ?? 0n,
    credit: r.creditSum ?? 0n,
    // nds0 and ndsNo are the sums sold at 0 % and without VAT, not VAT: they add nothing here.
    vat: (r.nds18 ?? 0n) + (r.nds10 ?? 0n) + (r.nds18118 ?? 0n) + (r.nds10110 ?? 0n),
  };
}

/** A receipt document with its items, as the receipt page shows it. Kontur's items carry no VAT: left unknown. */
export function toReceiptWithItems(doc: KonturReceiptDocument): ReceiptWithItems {
  const { shift: _shift, number: _number, docNumber: _docNumber, ...line } = toReceiptLine(doc);
  return {
    ...line,
    tenant: { inn: doc.data.userInn ?? "", name: doc.data.user ?? "" },
    items: (doc.data.items ?? []).map((i) => ({ name: i.name, price: i.price, quantity: i.quantity, total: i.sum, vatRate: null, vat: null })),
  };
}

/**
 * Per-day turnover of one register over [from, to] (YYYY-MM-DD), each day by the calendar date of its
 * documents' local time, so a shift that runs past midnight counts on both days. A day with a shift report
 * but no receipts was worked and sold nothing: zeros. A day with neither has no row: missing, never zero.
 * Other document types (state reports, registration) do not show the shop traded and make no row.
 */
export function dailyTurnover(rnm: string, docs: readonly KonturDocument[], from: string, to: string): DailyTurnover[] {
  const byDay = new Map<string, ReceiptLine[]>();
  for (const d of docs) {
    if (!isReceiptDocument(d) && !isShiftDocument(d)) continue;
    if (d.data.kktRegId !== rnm) throw new RangeError(`a document of register ${d.data.kktRegId} was given for register ${rnm}`);
    const day = d.data.dateTime.slice(0, 10);
    if (day < from || day > to) continue;
    const lines = byDay.get(day) ?? [];
    if (isReceiptDocument(d)) lines.push(toReceiptLine(d));
    byDay.set(day, lines);
  }
  return [...byDay.keys()].sort().map((day) => dayFromReceipts(rnm, day, byDay.get(day)!, true));
}
