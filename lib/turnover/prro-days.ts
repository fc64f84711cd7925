/**
 * A PRRO register's business day from its shifts' last-seen totals. Pure: no I/O, no clock.
 *
 * The PRRO service shows only the current shift's running totals, so a day is known exactly only from shifts that
 * a poll saw closed (their final totals). A shift still open does not count yet (its day is not over); a shift that
 * was replaced by the next one before any poll saw it closed has figures that may be short, so its whole day is
 * left without a provider row (flagged missing on statements, never silently short) until a person enters it.
 */
import type { PrroShiftTotals } from "@/lib/providers/prro/mapping";
import type { DailyTurnover } from "@/lib/providers/renta/mapping";

/** A shift's last-seen totals and what the polls saw of its end. */
export interface ShiftFigures extends PrroShiftTotals {
  isOpen: boolean;
  closedSeen: boolean;
  closedUnseen: boolean;
}

export type PrroDay =
  /** Every shift seen closed: the day's row. */
  | { state: "complete"; row: DailyTurnover }
  /** Some shifts seen closed, some still open: the closed ones' row so far (the open ones are added when they close). */
  | { state: "open"; row: DailyTurnover | null }
  /** A shift closed between two polls: its final totals are unknown, so the day has no provider row. */
  | { state: "incomplete"; row: null };

/** Null if any is null (a figure the service did not give for one shift is unknown for the day), else the sum. */
function sumKnown(xs: (bigint | null)[]): bigint | null {
  let s = 0n;
  for (const x of xs) {
    if (x === null) return null;
    s += x;
  }
  return s;
}

export function prroDay(rnm: string, day: string, shifts: readonly ShiftFigures[]): PrroDay {
  if (shifts.some((s) => s.closedUnseen)) return { state: "incomplete", row: null };
  const closed = shifts.filter((s) => s.closedSeen && !s.isOpen);
  const row: DailyTurnover | null = closed.length
    ? {
        rnm,
        day,
        income: closed.reduce((a, s) => a + s.income, 0n),
        refunds: closed.reduce((a, s) => a + s.refunds, 0n),
        incomeVat: sumKnown(closed.map((s) => s.incomeVat)) ?? undefined,
        refundsVat: sumKnown(closed.map((s) => s.refundsVat)) ?? undefined,
        incomeCash: sumKnown(closed.map((s) => s.incomeCash)) ?? undefined,
        incomeCashless: sumKnown(closed.map((s) => s.incomeCashless)) ?? undefined,
        refundsCash: sumKnown(closed.map((s) => s.refundsCash)) ?? undefined,
        refundsCashless: sumKnown(closed.map((s) => s.refundsCashless)) ?? undefined,
        receipts: closed.reduce((a, s) => a + s.receipts, 0),
        refundReceipts: closed.reduce((a, s) => a + s.refundReceipts, 0),
      }
    : null;
  if (closed.length === shifts.length && row) return { state: "complete", row };
  return { state: "open", row };
}
