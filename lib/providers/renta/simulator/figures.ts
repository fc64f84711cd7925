/**
 * Sales of one register, computed on demand. A shift (business day D) is generated from
 * (seed, register, D); a late-closing register's shift is split at midnight into a part dated D and
 * a part dated D+1, and a calendar day is the sum of the parts dated that day. So totals agree
 * between receipts, shifts and kkt-full-data, and a mall of any size is never held in memory.
 */
import { roundDiv } from "@/lib/money";
import { dayFromNumber, dayNumber } from "../dates";
import { MONTH_PERMILLE, WEEKDAY_PERMILLE } from "./catalog";
import type { Dataset, SimKkt } from "./dataset";
import { rngFor } from "./prng";

/** Payment forms in a fixed order: cash, cashless, prepaid, credit. */
export type Quad<T> = [T, T, T, T];

export interface Flow {
  amounts: Quad<bigint>;
  counts: Quad<number>;
}

export interface Segment {
  kkt: number;
  /** Day number of the shift's opening. */
  shiftDay: number;
  /** 0: before midnight (dated shiftDay); 1: after midnight (dated shiftDay + 1). */
  part: 0 | 1;
  day: number;
  income: Flow;
  refund: Flow;
  /** VAT rate of the register on the segment's calendar day; 0 = not subject to VAT. */
  vatRate: 0 | 10 | 20 | 22;
  incomeVat: bigint;
  refundVat: bigint;
}

export const VAT_22_FROM = dayNumber("2026-01-01")!;
const MAX_COUNT: Quad<number> = [1500, 2000, 60, 60];

const sum = (q: Quad<bigint>) => q[0] + q[1] + q[2] + q[3];
export const flowTotal = (f: Flow) => sum(f.amounts);
export const flowCount = (f: Flow) => f.counts[0] + f.counts[1] + f.counts[2] + f.counts[3];

function isSilent(k: SimKkt, day: number): boolean {
  return !!k.silent && day >= k.silent[0] && day <= k.silent[1];
}

/** Season × weekday, permille, for a calendar day. */
function dayFactor(k: SimKkt, ds: Dataset, day: number): number {
  const d = dayFromNumber(day);
  const month = Number(d.slice(5, 7)) - 1;
  const dom = Number(d.slice(8, 10));
  let season: number = MONTH_PERMILLE[month];
  if (month === 11 && dom >= 20) season += (dom - 19) * 30; // the New Year rush
  if (month === 0 && dom === 1) season = 300;
  else if (month === 0 && dom <= 8) season = 1100; // the January holidays
  if (month === 2 && (dom === 7 || dom === 8)) season += 250;
  const wd = (day + 3) % 7;
  const cat = ds.tenants[k.tenant].category;
  const week = wd === 5 ? cat.weekendPermille : wd === 6 ? cat.weekendPermille - 70 : WEEKDAY_PERMILLE[wd];
  return Math.floor((season * week) / 1000);
}

const mul = (a: bigint, permille: number) => (a * BigInt(permille)) / 1000n;

/** The shift opened on `day`, or null when the register sent nothing that day. */
export function shiftFlows(ds: Dataset, kkt: number, day: number): { income: Flow; refund: Flow; afterPermille: number } | null {
  const k = ds.kkts[kkt];
  if (day < ds.fromDay || day > ds.toDay || isSilent(k, day)) return null;
  const cat = ds.tenants[k.tenant].category;
  const r = rngFor(ds.options.seed, "shift", kkt, day);
  const growth = 1000 + Math.floor(((day - ds.fromDay) * 80) / 365);
  const income = mul(mul(mul(k.baseDailyKop, dayFactor(k, ds, day)), growth), r.int(820, 1180));
  const cashP = r.int(k.cashPermille[0], k.cashPermille[1]);
  const prepaidP = cat.prepaidPermille ? r.int(0, cat.prepaidPermille * 2) : 0;
  const creditP = cat.creditPermille ? r.int(0, cat.creditPermille * 2) : 0;
  const cash = mul(income, cashP);
  const prepaid = mul(income, prepaidP);
  const credit = mul(income, creditP);
  const amounts: Quad<bigint> = [cash, income - cash - prepaid - credit, prepaid, credit];
  const ticket = mul(k.ticketKop, r.int(900, 1100));
  const tickets: Quad<bigint> = [ticket, ticket, ticket * 3n, ticket * 3n];
  const inc = fitCounts(amounts, tickets);
  // Some days see no refunds at all, more often in food than in fashion.
  const refundP = r.chance(k.refundPermille[1] <= 5 ? 0.45 : 0.08) ? 0 : r.int(k.refundPermille[0], k.refundPermille[1]);
  const refundAmounts = amounts.map((a) => mul(a, refundP)) as Quad<bigint>;
  const ref = fitCounts(refundAmounts, tickets.map((t) => mul(t, 1300)) as Quad<bigint>);
  const afterPermille = k.afterMidnightPermille ? Math.max(0, k.afterMidnightPermille + r.int(-20, 20)) : 0;
  return { income: inc, refund: ref, afterPermille };
}

/** Receipt counts from amounts and average tickets; every receipt is at least one rouble. */
function fitCounts(amounts: Quad<bigint>, tickets: Quad<bigint>): Flow {
  const out = [...amounts] as Quad<bigint>;
  // Too small for a receipt of its own: folded into cashless.
  for (const i of [0, 2, 3]) {
    if (out[i] > 0n && out[i] < 100n) {
      out[1] += out[i];
      out[i] = 0n;
    }
  }
  const counts = out.map((a, i) => (a === 0n ? 0 : Math.min(MAX_COUNT[i], Math.max(1, Number(a / tickets[i]))))) as Quad<number>;
  return { amounts: out, counts };
}

/** Split a form's amount and count at midnight, amounts in proportion to receipts. */
function splitFlow(f: Flow, permille: number): [Flow, Flow] {
  const before: Flow = { amounts: [0n, 0n, 0n, 0n], counts: [0, 0, 0, 0] };
  const after: Flow = { amounts: [0n, 0n, 0n, 0n], counts: [0, 0, 0, 0] };
  for (let i = 0; i < 4; i++) {
    const c = f.counts[i];
    const a = f.amounts[i];
    const ac = c >= 2 ? Math.floor((c * permille) / 1000) : 0;
    const aa = ac > 0 ? (a * BigInt(ac)) / BigInt(c) : 0n;
    before.amounts[i] = a - aa;
    before.counts[i] = c - ac;
    after.amounts[i] = aa;
    after.counts[i] = ac;
  }
  return [before, after];
}

export function vatRateOn(ds: Dataset, kkt: number, day: number): 0 | 10 | 20 | 22 {
  const profile = ds.tenants[ds.kkts[kkt].tenant].vat;
  if (profile === "none") return 0;
  if (profile === "reduced") return 10;
  return day >= VAT_22_FROM ? 22 : 20;
}

/** VAT contained in a VAT-inclusive amount, rounded half away from zero. */
export function vatOf(amount: bigint, rate: number): bigint {
  return rate === 0 ? 0n : roundDiv(amount * BigInt(rate), BigInt(100 + rate));
}

function segment(ds: Dataset, kkt: number, shiftDay: number, part: 0 | 1, income: Flow, refund: Flow): Segment {
  const day = shiftDay + part;
  const vatRate = vatRateOn(ds, kkt, day);
  return { kkt, shiftDay, part, day, income, refund, vatRate, incomeVat: vatOf(flowTotal(income), vatRate), refundVat: vatOf(flowTotal(refund), vatRate) };
}

/** The shift's parts: one, or two when it runs past midnight. */
export function shiftSegments(ds: Dataset, kkt: number, shiftDay: number): Segment[] {
  const s = shiftFlows(ds, kkt, shiftDay);
  if (!s) return [];
  if (!s.afterPermille) return [segment(ds, kkt, shiftDay, 0, s.income, s.refund)];
  const [ib, ia] = splitFlow(s.income, s.afterPermille);
  const [rb, ra] = splitFlow(s.refund, s.afterPermille);
  const out = [segment(ds, kkt, shiftDay, 0, ib, rb)];
  if (flowCount(ia) + flowCount(ra) > 0) out.push(segment(ds, kkt, shiftDay, 1, ia, ra));
  return out;
}

/** Parts dated `day`: this day's shift before midnight and the previous shift after it. */
export function daySegments(ds: Dataset, kkt: number, day: number): Segment[] {
  const prev = shiftSegments(ds, kkt, day - 1).filter((s) => s.part === 1);
  const own = shiftSegments(ds, kkt, day).filter((s) => s.part === 0);
  return [...prev, ...own];
}

export interface Totals {
  income: Quad<bigint>;
  incomeCounts: Quad<number>;
  refund: Quad<bigint>;
  refundCounts: Quad<number>;
  /** VAT by rate: basic (20 or 22), reduced (10); income of registers not subject to VAT. */
  vatBasic: bigint;
  vatReduced: bigint;
  noVatIncome: bigint;
  refundVat: bigint;
  segments: number;
}

export function emptyTotals(): Totals {
  return { income: [0n, 0n, 0n, 0n], incomeCounts: [0, 0, 0, 0], refund: [0n, 0n, 0n, 0n], refundCounts: [0, 0, 0, 0], vatBasic: 0n, vatReduced: 0n, noVatIncome: 0n, refundVat: 0n, segments: 0 };
}

export function addSegment(t: Totals, s: Segment): Totals {
  for (let i = 0; i < 4; i++) {
    t.income[i] += s.income.amounts[i];
    t.incomeCounts[i] += s.income.counts[i];
    t.refund[i] += s.refund.amounts[i];
    t.refundCounts[i] += s.refund.counts[i];
  }
  if (s.vatRate === 10) t.vatReduced += s.incomeVat;
  else if (s.vatRate > 0) t.vatBasic += s.incomeVat;
  else t.noVatIncome += flowTotal(s.income);
  t.refundVat += s.refundVat;
  t.segments++;
  return t;
}

/** Totals of a register over calendar days [from, to]; segments 0 when it sent nothing. */
export function periodTotals(ds: Dataset, kkt: number, from: number, to: number): Totals {
  const t = emptyTotals();
  for (let d = from; d <= to; d++) for (const s of daySegments(ds, kkt, d)) addSegment(t, s);
  return t;
}
