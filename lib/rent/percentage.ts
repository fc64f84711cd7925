import { percentOf } from "./exact";
import type { TierLine } from "./types";

/**
 * Marginal tiers: tier i taxes the part of T between its start and the next tier's start, at its
 * rate, rounded per tier (each tier amount is shown). `from` lifts every start to at least the
 * breakpoint (base_plus_overage), so nothing below it is charged twice.
 */
export function tieredPercentage(turnover: bigint, tiers: { from: bigint; rate: string }[], breakpoint = 0n): TierLine[] {
  const sorted = [...tiers].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return sorted.map((t, i) => {
    const next = sorted[i + 1]?.from ?? null;
    const lo = t.from > breakpoint ? t.from : breakpoint;
    let base = 0n;
    if (next === null || next > lo) {
      const top = next === null || turnover < next ? turnover : next;
      base = top > lo ? top - lo : 0n;
    }
    return { from: lo, to: next, rate: t.rate, base, amount: percentOf(base, t.rate) };
  });
}

export function clamp(v: bigint, floor?: bigint, cap?: bigint): bigint {
  let r = v;
  if (floor !== undefined && r < floor) r = floor;
  if (cap !== undefined && r > cap) r = cap;
  return r;
}
