/**
 * Receipts of a shift segment, regenerated on demand so that they add up exactly to the segment's
 * figures. A receipt id encodes where it lives (register, shift, part, index), so the detail method
 * needs no index either.
 */
import { allocate } from "@/lib/money";
import { dayFromNumber } from "../dates";
import type { Dataset } from "./dataset";
import { flowCount, shiftSegments, type Segment } from "./figures";
import { hash32, rngFor } from "./prng";

export type OperationType = "Income" | "Refund income";

export interface SimReceipt {
  id: string;
  kkt: number;
  shiftDay: number;
  part: 0 | 1;
  index: number;
  operation: OperationType;
  /** 0 cash, 1 cashless, 2 prepaid, 3 credit. */
  form: number;
  total: bigint;
  vat: bigint;
  vatRate: number;
  /** Local (register) time and the time the OFD received it (UTC). */
  docDateTime: string;
  receivedUtc: string;
  shiftNumber: number;
  receiptNumber: number;
  docNumber: number;
  depth: number;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

function checkHex(ds: Dataset, kkt: number, shiftDay: number, part: number, index: number): string {
  return hex(hash32(ds.options.seed, "rid", kkt, shiftDay, part, index), 8) + hex(hash32(ds.options.seed, "rid2", kkt, shiftDay, part, index), 8);
}

export function receiptId(ds: Dataset, kkt: number, shiftDay: number, part: number, index: number): string {
  const h = checkHex(ds, kkt, shiftDay, part, index);
  return `${h.slice(0, 8)}-${hex(kkt, 4)}-${hex(shiftDay, 4)}-${part}${h.slice(8, 11)}-${hex(index, 4)}${h.slice(8, 16)}`;
}

export function decodeReceiptId(ds: Dataset, id: string): { kkt: number; shiftDay: number; part: 0 | 1; index: number } | undefined {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([01])[0-9a-f]{3}-([0-9a-f]{4})[0-9a-f]{8}$/.exec(id.toLowerCase());
  if (!m) return undefined;
  const kkt = parseInt(m[2], 16);
  const shiftDay = parseInt(m[3], 16);
  const part = Number(m[4]) as 0 | 1;
  const index = parseInt(m[5], 16);
  return receiptId(ds, kkt, shiftDay, part, index) === id.toLowerCase() ? { kkt, shiftDay, part, index } : undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");

function clock(day: number, second: number): string {
  return `${dayFromNumber(day + Math.floor(second / 86_400))}T${pad(Math.floor((second % 86_400) / 3600))}:${pad(Math.floor((second % 3600) / 60))}:${pad(second % 60)}`;
}

/** Shift number and document numbering of a shift (a shift has at most a few thousand documents). */
export function shiftNumbers(ds: Dataset, kkt: number, shiftDay: number) {
  const k = ds.kkts[kkt];
  const n = shiftDay - ds.fromDay;
  return { shiftNumber: k.shiftBase + n, openDocNumber: k.docBase + n * 9000 };
}

/** Every receipt of one segment, in time order. */
export function segmentReceipts(ds: Dataset, seg: Segment): SimReceipt[] {
  const k = ds.kkts[seg.kkt];
  const r = rngFor(ds.options.seed, "receipts", seg.kkt, seg.shiftDay, seg.part);
  const items: { operation: OperationType; form: number; total: bigint }[] = [];
  for (const [operation, flow] of [["Income", seg.income], ["Refund income", seg.refund]] as const) {
    for (let f = 0; f < 4; f++) {
      const n = flow.counts[f];
      if (n === 0) continue;
      const parts = allocate(flow.amounts[f], Array.from({ length: n }, () => BigInt(r.int(40, 160))));
      for (const total of parts) items.push({ operation, form: f, total });
    }
  }
  // Shuffle so that forms and refunds interleave through the day.
  for (let i = items.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  const start = seg.part === 0 ? k.openMinute * 60 : 0;
  const end = seg.part === 0 ? Math.min(k.closeMinute, 1440) * 60 - 1 : (k.closeMinute - 1440) * 60 - 1;
  const seconds = items.map(() => r.int(start, Math.max(start, end))).sort((a, b) => a - b);
  const incomeVat = vatShares(seg.incomeVat, items, "Income");
  const refundVat = vatShares(seg.refundVat, items, "Refund income");
  const { shiftNumber, openDocNumber } = shiftNumbers(ds, seg.kkt, seg.shiftDay);
  // Receipts after midnight continue the shift's numbering.
  const offset = seg.part === 1 ? beforeMidnightCount(ds, seg) : 0;
  return items.map((it, index) => {
    const local = clock(seg.day, seconds[index]);
    const received = seconds[index] - 3 * 3600 + 5 + (index % 40);
    return {
      id: receiptId(ds, seg.kkt, seg.shiftDay, seg.part, index),
      kkt: seg.kkt,
      shiftDay: seg.shiftDay,
      part: seg.part,
      index,
      operation: it.operation,
      form: it.form,
      total: it.total,
      vat: (it.operation === "Income" ? incomeVat : refundVat).get(index) ?? 0n,
      vatRate: seg.vatRate,
      docDateTime: local,
      receivedUtc: clock(seg.day + Math.floor(received / 86_400), ((received % 86_400) + 86_400) % 86_400),
      shiftNumber,
      receiptNumber: offset + index + 1,
      docNumber: openDocNumber + offset + index + 1,
      depth: 1 + (hash32(ds.options.seed, "depth", seg.kkt, seg.shiftDay, seg.part, index) % 4),
    };
  });
}

/** The segment's VAT handed out over its receipts so that they add up exactly. */
function vatShares(total: bigint, items: { operation: OperationType; total: bigint }[], op: OperationType): Map<number, bigint> {
  const idx = items.flatMap((it, i) => (it.operation === op ? [i] : []));
  const parts = allocate(total, idx.map((i) => items[i].total));
  return new Map(idx.map((i, n) => [i, parts[n]]));
}

function beforeMidnightCount(ds: Dataset, seg: Segment): number {
  const first = shiftSegments(ds, seg.kkt, seg.shiftDay).find((s) => s.part === 0);
  return first ? flowCount(first.income) + flowCount(first.refund) : 0;
}

export interface SimItem {
  name: string;
  price: bigint;
  quantity: number;
  total: bigint;
  vatRateCode: number;
  vat: bigint;
  calculationMethod: number;
  subjectType: number;
  nomenCode: string;
}

/** Items of a receipt: 1–4 positions adding up to its total and its VAT. */
export function receiptItems(ds: Dataset, rc: SimReceipt): SimItem[] {
  const k = ds.kkts[rc.kkt];
  const cat = ds.tenants[k.tenant].category;
  const r = rngFor(ds.options.seed, "items", rc.id);
  const n = Math.min(rc.depth, Number(rc.total)) || 1;
  const totals = allocate(rc.total, Array.from({ length: n }, () => BigInt(r.int(1, 10))));
  const vats = allocate(rc.vat, totals);
  const rateCode = rc.vatRate === 0 ? 6 : rc.vatRate === 10 ? 2 : 1;
  const method = rc.form === 2 ? 3 : rc.form === 3 ? 6 : 4;
  return totals.map((total, i) => {
    const quantity = total % 2n === 0n && r.chance(0.2) ? 2 : 1;
    return {
      name: r.pick(cat.goods),
      price: total / BigInt(quantity),
      quantity,
      total,
      vatRateCode: rateCode,
      vat: vats[i],
      calculationMethod: method,
      subjectType: cat.subjectType,
      nomenCode: String(hash32("nomen", cat.key, i, rc.index) % 1_000_000).padStart(6, "0"),
    };
  });
}
