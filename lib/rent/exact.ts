import { parseDecimal, roundDiv, minorToDecimalString } from "@/lib/money";

/** round(amount × rate / 100), rate an exact decimal percent. */
export function percentOf(amount: bigint, rate: string): bigint {
  const r = parseDecimal(rate);
  return roundDiv(amount * r.num, r.den * 100n);
}

/** round(amount × num / den). */
export function scale(amount: bigint, num: bigint, den: bigint): bigint {
  return roundDiv(amount * num, den);
}

export const fmt = (v: bigint) => minorToDecimalString(v);

export function assertRate(rate: string, what: string): void {
  const r = parseDecimal(rate);
  if (r.num < 0n || r.num > 100n * r.den) throw new RangeError(`${what} must be within 0–100 %: ${rate}`);
}
