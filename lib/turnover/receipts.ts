/**
 * A register's day from its receipts: the receipts listed, summed the way the daily turnover is stored, and
 * compared with what is stored. Pure: the Renta client gives the receipts (3.1), the caller the stored day.
 */
import type { DailyTurnover } from "@/lib/providers/renta/mapping";
import type { RentaReceipt, RentaReceiptDetail } from "@/lib/providers/renta/schemas";

export type ReceiptOperation = "income" | "refund" | "expense" | "expense_refund";

const OPERATION: Record<RentaReceipt["OperationType"], ReceiptOperation> = {
  Income: "income",
  "Refund income": "refund",
  Expense: "expense",
  "Refund expense": "expense_refund",
};

export interface ReceiptLine {
  id: string;
  /** The register's local time, YYYY-MM-DDThh:mm:ss. */
  time: string;
  operation: ReceiptOperation;
  correction: boolean;
  bso: boolean;
  shift: number | null;
  number: number | null;
  docNumber: number | null;
  total: bigint;
  cash: bigint;
  cashless: bigint;
  prepaid: bigint;
  credit: bigint;
  vat: bigint;
}

/** What a receipt (3.1) and a receipt's detail (3.2) both say of it. */
type ReceiptCore = Pick<RentaReceipt, "Id" | "DocDateTime" | "OperationType" | "IsCorrection" | "IsBso" | "TotalSumm" | "CashSumm" | "ECashSumm" | "PrepaidSumm" | "CreditSumm" | "TaxTotalSumm">;
function core(r: ReceiptCore) {
  return {
    id: r.Id,
    time: r.DocDateTime.slice(0, 19),
    operation: OPERATION[r.OperationType],
    correction: r.IsCorrection,
    bso: r.IsBso,
    total: r.TotalSumm,
    cash: r.CashSumm,
    cashless: r.ECashSumm,
    prepaid: r.PrepaidSumm,
    credit: r.CreditSumm,
    vat: r.TaxTotalSumm,
  };
}

export function toReceiptLine(r: RentaReceipt): ReceiptLine {
  return { ...core(r), shift: r.DocShiftNumber ?? null, number: r.ReceiptNumber ?? null, docNumber: r.DocNumber ?? null };
}

/**
 * FFD tag 1199 (an item's VAT rate) as a person reads it. The codes kept their numbers when the general rate
 * went from 20 % to 22 % on 2026-01-01: code 1 is 22 % (3 is 22/122) on receipts from that day.
 */
export function itemVatRate(code: number, day: string): string {
  const general = day >= "2026-01-01" ? 22 : 20;
  const rates: Record<number, string> = { 1: `${general} %`, 2: "10 %", 3: `${general}/${100 + general}`, 4: "10/110", 5: "0 %", 6: "no VAT" };
  return rates[code] ?? String(code);
}

export interface ReceiptItem {
  name: string;
  price: bigint;
  /** Weighed goods have fractional quantities: a count, not money. */
  quantity: number;
  total: bigint;
  /** null: the provider does not give an item's VAT (Kontur.OFD's documents), never taken as zero. */
  vatRate: string | null;
  vat: bigint | null;
}
export interface ReceiptWithItems extends Omit<ReceiptLine, "shift" | "number" | "docNumber"> {
  tenant: { inn: string; name: string };
  items: ReceiptItem[];
}

export function toReceiptWithItems(d: RentaReceiptDetail): ReceiptWithItems {
  const day = d.DocDateTime.slice(0, 10);
  return {
    ...core(d),
    tenant: { inn: d.UserInn, name: d.UserName },
    items: d.Items.map((i) => ({ name: i.CustomName ?? i.Name, price: i.Price, quantity: i.Quantity, total: i.Total, vatRate: itemVatRate(i.NDS_Rate, day), vat: i.NDS_Summ })),
  };
}

/** The figures a day of turnover holds (turnover_daily), as far as both sides give them; null: not given. */
export interface DayFigures {
  income: bigint;
  refunds: bigint;
  incomeVat: bigint | null;
  incomeCash: bigint | null;
  incomeCashless: bigint | null;
  incomePrepaid: bigint | null;
  incomeCredit: bigint | null;
  refundsCash: bigint | null;
  refundsCashless: bigint | null;
  refundsPrepaid: bigint | null;
  refundsCredit: bigint | null;
  receipts: number | null;
  refundReceipts: number | null;
}

export const DAY_FIELDS = ["income", "refunds", "incomeVat", "incomeCash", "incomeCashless", "incomePrepaid", "incomeCredit", "refundsCash", "refundsCashless", "refundsPrepaid", "refundsCredit", "receipts", "refundReceipts"] as const;
export type DayField = (typeof DAY_FIELDS)[number];

type Counts = "receipts" | "refundReceipts";
export type ReceiptsSummary = { [K in DayField]: K extends Counts ? number : bigint } & {
  refundsVat: bigint;
  /** Expense operations and their refunds: not sales, so not turnover; counted to be seen. */
  otherOperations: number;
  corrections: number;
};

/**
 * The receipts summed as a day of turnover: income and refunds of income (corrections by their operation, as
 * the fiscal data count them), per payment form, VAT, and receipt counts. Expense operations are left out.
 */
export function summariseReceipts(lines: readonly ReceiptLine[]): ReceiptsSummary {
  const s: ReceiptsSummary = {
    income: 0n,
    refunds: 0n,
    incomeVat: 0n,
    refundsVat: 0n,
    incomeCash: 0n,
    incomeCashless: 0n,
    incomePrepaid: 0n,
    incomeCredit: 0n,
    refundsCash: 0n,
    refundsCashless: 0n,
    refundsPrepaid: 0n,
    refundsCredit: 0n,
    receipts: 0,
    refundReceipts: 0,
    otherOperations: 0,
    corrections: 0,
  };
  for (const r of lines) {
    if (r.correction) s.corrections++;
    if (r.operation === "income") {
      s.income += r.total;
      s.incomeVat += r.vat;
      s.incomeCash += r.cash;
      s.incomeCashless += r.cashless;
      s.incomePrepaid += r.prepaid;
      s.incomeCredit += r.credit;
      s.receipts++;
    } else if (r.operation === "refund") {
      s.refunds += r.total;
      s.refundsVat += r.vat;
      s.refundsCash += r.cash;
      s.refundsCashless += r.cashless;
      s.refundsPrepaid += r.prepaid;
      s.refundsCredit += r.credit;
      s.refundReceipts++;
    } else s.otherOperations++;
  }
  return s;
}

export interface FieldComparison {
  field: DayField;
  stored: bigint | number | null;
  receipts: bigint | number;
  /** receipts − stored; null when the stored day does not give this figure. */
  difference: bigint | number | null;
}

/**
 * Every figure of the stored day against the receipts. A figure the stored day does not give (null) is shown
 * but not counted as a difference; a day with nothing stored differs wherever the receipts have something.
 */
export function compareDay(stored: DayFigures | null, fromReceipts: ReceiptsSummary): { fields: FieldComparison[]; matches: boolean } {
  const fields = DAY_FIELDS.map((field): FieldComparison => {
    const r = fromReceipts[field] as bigint | number;
    const s = stored ? stored[field] : typeof r === "bigint" ? 0n : 0;
    if (s === null) return { field, stored: null, receipts: r, difference: null };
    const difference = typeof r === "bigint" ? r - BigInt(s) : r - Number(s);
    return { field, stored: s, receipts: r, difference };
  });
  return { fields, matches: fields.every((f) => f.difference === null || f.difference === 0n || f.difference === 0) };
}

/**
 * A register's day of turnover as a sync stores it, from that day's receipts (none: a worked day without sales,
 * zeros). `withVat`: the receipts carry VAT (Kontur.OFD's do, for refunds too: given, not estimated); when they do
 * not (Yandex OFD's report), none is stated rather than a false zero.
 */
export function dayFromReceipts(rnm: string, day: string, lines: readonly ReceiptLine[], withVat: boolean): DailyTurnover {
  const s = summariseReceipts(lines);
  return {
    rnm,
    day,
    income: s.income,
    refunds: s.refunds,
    ...(withVat ? { incomeVat: s.incomeVat, refundsVat: s.refundsVat } : {}),
    incomeCash: s.incomeCash,
    incomeCashless: s.incomeCashless,
    incomePrepaid: s.incomePrepaid,
    incomeCredit: s.incomeCredit,
    refundsCash: s.refundsCash,
    refundsCashless: s.refundsCashless,
    refundsPrepaid: s.refundsPrepaid,
    refundsCredit: s.refundsCredit,
    receipts: s.receipts,
    refundReceipts: s.refundReceipts,
  };
}
