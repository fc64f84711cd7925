/**
 * A register's shifts as the PRRO service would report them, regenerated on demand from the Renta dataset: the
 * shift opened on business day D holds the receipts of both its parts (before and after midnight) with their
 * times and payment forms, amounts taken as kopiyky as they are. At a moment `now` (Kyiv wall-clock) the service
 * shows the latest shift that has opened: open with the receipts up to now, or closed with all of them.
 *
 * `shiftAt` and `finalShiftTotals` are the truth tests compare against: they read these figures directly,
 * never through the JSON, the schema or the mapping.
 */
import { vatOf } from "@/lib/providers/renta/simulator/figures";
import { dayFromNumber, dayNumber } from "@/lib/providers/renta/dates";
import type { Dataset } from "@/lib/providers/renta/simulator/dataset";
import { shiftFlows, shiftSegments } from "@/lib/providers/renta/simulator/figures";
import { hash32 } from "@/lib/providers/renta/simulator/prng";
import { segmentReceipts, shiftNumbers } from "@/lib/providers/renta/simulator/receipts";
import { kyivInstant, kyivWallClock } from "../dates";
import { totalsFromBlocks, type PrroShift, type PrroShiftTotals } from "../mapping";
import { objectId } from "./identifiers";
import type { SimTaxObject } from "./tax-objects";

/** Ukraine's basic VAT rate: every VAT payer's sales here (README.md). */
export const VAT_RATE = 20;

/** 0 cash, 1 card, 2 prepaid, 3 credit: the dataset's payment forms. */
export type Form = 0 | 1 | 2 | 3;

export interface SimSale {
  /** Local (Kyiv) time, "YYYY-MM-DDTHH:mm:ss". */
  at: string;
  refund: boolean;
  form: Form;
  total: bigint;
  /** VAT in the receipt: 20 % inside the amount for a VAT payer, else 0. */
  vat: bigint;
}

export interface SimShift {
  kkt: number;
  shiftDay: number;
  number: number;
  /** 24 hex digits, the first 8 the opening's Unix seconds, as the document's ids are. */
  id: string;
  openedAt: string;
  closedAt: string;
  vatPayer: boolean;
  /** In time order. */
  sales: SimSale[];
}

/**
 * The last second a shift may close: 02:59:59 of the next day. A late shift's last receipt is before 03:00, and
 * the hour that daylight saving moves (03:00–03:59) is never a closing time, so wall-clock order is time order.
 */
const LAST_CLOSE = 86_400 + 3 * 3600 - 1;
const pad = (n: number) => String(n).padStart(2, "0");

/** Local date-time `second` seconds after the midnight that starts `day` (may run into the next day). */
function clock(day: number, second: number): string {
  const s = second % 86_400;
  return `${dayFromNumber(day + Math.floor(second / 86_400))}T${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

const isVatPayer = (ds: Dataset, kkt: number) => ds.tenants[ds.kkts[kkt].tenant].vat !== "none";

/** Opened in the minute before the first possible receipt; null when the register sent nothing that day. */
export function openedAtOf(ds: Dataset, kkt: number, shiftDay: number): string | null {
  if (!shiftFlows(ds, kkt, shiftDay)) return null;
  return clock(shiftDay, ds.kkts[kkt].openMinute * 60 - 60 + (hash32(ds.options.seed, "prro-open", kkt, shiftDay) % 50));
}

export function simShift(ds: Dataset, kkt: number, shiftDay: number): SimShift | null {
  const openedAt = openedAtOf(ds, kkt, shiftDay);
  if (!openedAt) return null;
  const k = ds.kkts[kkt];
  const vatPayer = isVatPayer(ds, kkt);
  const sales = shiftSegments(ds, kkt, shiftDay)
    .flatMap((seg) => segmentReceipts(ds, seg))
    .map((rc): SimSale => ({ at: rc.docDateTime, refund: rc.operation !== "Income", form: rc.form as Form, total: rc.total, vat: vatPayer ? vatOf(rc.total, VAT_RATE) : 0n }));
  const closedAt = clock(shiftDay, Math.min(LAST_CLOSE, k.closeMinute * 60 + (hash32(ds.options.seed, "prro-close", kkt, shiftDay) % 60)));
  const seconds = kyivInstant(openedAt).getTime() / 1000;
  return { kkt, shiftDay, number: shiftNumbers(ds, kkt, shiftDay).shiftNumber, id: objectId(seconds, ds.options.seed, "shift", kkt, shiftDay), openedAt, closedAt, vatPayer, sales };
}

export interface ShiftState {
  shift: SimShift;
  open: boolean;
  /** The receipts up to now: all of them once the shift is closed. */
  sales: SimSale[];
}

/** What the service shows at `nowLocal` (Kyiv wall-clock "YYYY-MM-DDTHH:mm:ss"): null before the first shift. */
export function shiftStateAt(ds: Dataset, kkt: number, nowLocal: string): ShiftState | null {
  const today = dayNumber(nowLocal.slice(0, 10));
  if (today === undefined) throw new RangeError(`not a local date-time: ${nowLocal}`);
  // Silent spells are a few days long, so the walk back is short; before the dataset there is nothing.
  for (let day = Math.min(today, ds.toDay); day >= ds.fromDay; day--) {
    const openedAt = openedAtOf(ds, kkt, day);
    if (!openedAt || openedAt > nowLocal) continue;
    const shift = simShift(ds, kkt, day)!;
    const open = nowLocal < shift.closedAt;
    return { shift, open, sales: open ? shift.sales.filter((s) => s.at <= nowLocal) : shift.sales };
  }
  return null;
}

/** One direction (sales or returns) of a shift, summed. */
export interface BlockSum {
  sum: bigint;
  count: number;
  forms: [bigint, bigint, bigint, bigint];
  vat: bigint;
}

export function sumSales(sales: readonly SimSale[], refund: boolean): BlockSum {
  const out: BlockSum = { sum: 0n, count: 0, forms: [0n, 0n, 0n, 0n], vat: 0n };
  for (const s of sales) {
    if (s.refund !== refund) continue;
    out.sum += s.total;
    out.count++;
    out.forms[s.form] += s.total;
    out.vat += s.vat;
  }
  return out;
}

/** What the product should read from a block: prepaid or credit in it leaves cash and cashless unknown. */
function expected(b: BlockSum) {
  const split = b.forms[2] === 0n && b.forms[3] === 0n;
  return { sum: b.sum, vat: b.vat, cash: split ? b.forms[0] : null, cashless: split ? b.forms[1] : null, count: b.count };
}

export function totalsOf(sales: readonly SimSale[]): PrroShiftTotals {
  return totalsFromBlocks(expected(sumSales(sales, false)), expected(sumSales(sales, true)));
}

type Source = { dataset: Dataset };
type Register = Pick<SimTaxObject, "kkt">;

/** The shift the service shows for the register at `at`, as the client should map it; null before its first shift. */
export function shiftAt(src: Source, taxObject: Register, at: Date): PrroShift | null {
  const st = shiftStateAt(src.dataset, taxObject.kkt, kyivWallClock(at));
  if (!st) return null;
  const s = st.shift;
  return { id: s.id, isOpen: st.open, day: s.openedAt.slice(0, 10), openedAt: s.openedAt, number: s.number, totals: totalsOf(st.sales) };
}

/** Final totals of the shift opened on business day `day` (YYYY-MM-DD); null when the register opened none. */
export function finalShiftTotals(src: Source, taxObject: Register, day: string): PrroShiftTotals | null {
  const n = dayNumber(day);
  if (n === undefined) throw new RangeError(`not a calendar day: ${day}`);
  const s = simShift(src.dataset, taxObject.kkt, n);
  return s && totalsOf(s.sales);
}
