/**
 * A tax object as the service answered it (already validated, money already bigint kopiyky) → the product's
 * model. Pure: no I/O, no clock. What the service does not say stays null (VAT without a tax list, a payment
 * breakdown that is not cash + cashless or does not add up): never a guessed zero.
 */
import { prroDateTimeToIso, prroDayOf } from "./dates";
import type { PrroBlock, PrroPayForm, PrroTax, PrroTaxObjectResponse } from "./schemas";

/** One shift's sales (`real`) and returns (`ret`), kopiyky. */
export interface PrroShiftTotals {
  income: bigint;
  refunds: bigint;
  incomeVat: bigint | null;
  refundsVat: bigint | null;
  incomeCash: bigint | null;
  incomeCashless: bigint | null;
  refundsCash: bigint | null;
  refundsCashless: bigint | null;
  receipts: number;
  refundReceipts: number;
}

export interface PrroShift {
  /** The service's shift id: the same on every poll of one shift, a new one for the next shift. */
  id: string;
  isOpen: boolean;
  /** Business day of the shift = calendar date of open_date, YYYY-MM-DD (local wall-clock, Kyiv). */
  day: string;
  /** open_date as "YYYY-MM-DDTHH:mm:ss" local. */
  openedAt: string;
  /** totals.number: the register's sequential shift number; null when the service leaves it out (the example does). */
  number: number | null;
  totals: PrroShiftTotals;
}

export interface PrroTaxObject {
  numFiscal: string;
  orgName: string;
  tin: string;
  ipn: string | null;
  name: string;
  address: string;
  /** The current (or last) shift; null when the register has none to show. */
  shift: PrroShift | null;
  subscriptionEnded: boolean;
  /** YYYY-MM-DD. */
  subscriptionExpiresAt: string | null;
  offline: boolean;
}

/** ПДВ (VAT) entries: "ПДВ А 20%", "ПДВ Б 0%". "Без ПДВ" and excise ("Акциз 5%") are not VAT. */
export function isVatTax(t: Pick<PrroTax, "name">): boolean {
  return /^ПДВ(\s|$)/u.test(t.name.trim().toUpperCase());
}

export type PayFormKind = "cash" | "cashless" | "other";

/** Code "0" (ГОТІВКА) is cash; code "1", or a card or cashless name, is cashless; anything else is neither. */
export function payFormKind(p: Pick<PrroPayForm, "pay_form_code" | "pay_form_name">): PayFormKind {
  const code = p.pay_form_code.trim();
  if (code === "0") return "cash";
  const name = p.pay_form_name.toUpperCase();
  if (code === "1" || name.includes("КАРТ") || name.includes("БЕЗГОТІВК")) return "cashless";
  return "other";
}

export interface BlockFigures {
  sum: bigint;
  count: number;
  vat: bigint | null;
  cash: bigint | null;
  cashless: bigint | null;
}

/**
 * A null block is a shift with none of these operations (the example's `real: null` beside one return):
 * zero sold, zero VAT, zero by every form, all known.
 */
export function blockFigures(b: PrroBlock | null | undefined): BlockFigures {
  if (!b) return { sum: 0n, count: 0, vat: 0n, cash: 0n, cashless: 0n };
  const vat = b.tax == null ? null : b.tax.filter(isVatTax).reduce((a, t) => a + t.sum, 0n);
  return { sum: b.sum, count: b.orders_count, vat, ...breakdown(b) };
}

function breakdown(b: PrroBlock): { cash: bigint | null; cashless: bigint | null } {
  const unknown = { cash: null, cashless: null };
  if (b.pay_form == null) return unknown;
  let cash = 0n;
  let cashless = 0n;
  for (const p of b.pay_form) {
    const kind = payFormKind(p);
    // A prepaid, credit or unknown form belongs to neither column: splitting the block would be a guess.
    if (kind === "other") return unknown;
    if (kind === "cash") cash += p.sum;
    else cashless += p.sum;
  }
  return cash + cashless === b.sum ? { cash, cashless } : unknown;
}

export function toShiftTotals(totals: { real?: PrroBlock | null; ret?: PrroBlock | null }): PrroShiftTotals {
  return totalsFromBlocks(blockFigures(totals.real), blockFigures(totals.ret));
}

/** A shift's totals from its sales block and its returns block. */
export function totalsFromBlocks(real: BlockFigures, ret: BlockFigures): PrroShiftTotals {
  return {
    income: real.sum,
    refunds: ret.sum,
    incomeVat: real.vat,
    refundsVat: ret.vat,
    incomeCash: real.cash,
    incomeCashless: real.cashless,
    refundsCash: ret.cash,
    refundsCashless: ret.cashless,
    receipts: real.count,
    refundReceipts: ret.count,
  };
}

/** The table types `number` as a float: "12" and "12.0" are shift 12; anything else is no number. */
function shiftNumber(text: string | null | undefined): number | null {
  const m = text ? /^(\d+)(?:\.0+)?$/.exec(text) : null;
  return m && Number.isSafeInteger(Number(m[1])) ? Number(m[1]) : null;
}

export function toTaxObject(parsed: PrroTaxObjectResponse): PrroTaxObject {
  const d = parsed.data;
  const s = d.shift;
  // The schema has checked the format: open_date is a real date-time here.
  const openedAt = s ? prroDateTimeToIso(s.open_date)! : "";
  return {
    numFiscal: d.num_fiscal,
    orgName: d.org_name,
    tin: d.tin,
    ipn: d.ipn?.trim() ? d.ipn.trim() : null,
    name: d.name,
    address: d.address,
    shift: s ? { id: s.id, isOpen: s.state, day: openedAt.slice(0, 10), openedAt, number: shiftNumber(s.totals.number), totals: toShiftTotals(s.totals) } : null,
    subscriptionEnded: d.subscr_ended ?? false,
    subscriptionExpiresAt: d.subscr_expire_at ? (prroDayOf(d.subscr_expire_at) ?? null) : null,
    offline: (d.offline ?? false) || (s?.offline ?? false),
  };
}
