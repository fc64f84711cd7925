import { parseDecimal, roundDiv } from "@/lib/money";
import { clamp, tieredPercentage } from "./percentage";
import type { Statement, Terms, TierLine, YearlyThresholds } from "./types";

export interface LeaseYearInput {
  /** The terms in force at the end of the lease year. */
  terms: Terms;
  /** The year's monthly statements as billed. */
  months: Statement[];
  /** Yearly thresholds when the contract gives them (default: the terms' own); otherwise 12 × the monthly ones. */
  yearly?: YearlyThresholds;
  /**
   * A lease year cut short by the contract's end: the yearly thresholds (tiers, an artificial breakpoint,
   * floor, cap) × days ÷ fullDays, each rounded once. The natural breakpoint needs no scaling: it comes
   * from the base rent billed, already prorated.
   */
  short?: { days: number; fullDays: number };
}

export interface LeaseYearResult {
  turnover: bigint;
  baseRent: bigint;
  tiers: TierLine[];
  percentageRent: bigint;
  rent: bigint;
  billed: bigint;
  trueUp: bigint;
}

/**
 * Lease-year reconciliation: the year's turnover against yearly thresholds, compared with the sum of
 * the monthly rents (before VAT) billed. A positive true-up is owed by the tenant, a negative one is
 * credited. The yearly base is the sum of the base rents billed, so partial months stay prorated.
 */
export function reconcileLeaseYear(input: LeaseYearInput): LeaseYearResult {
  const { terms, months } = input;
  const y = input.yearly ?? terms.yearly ?? {};
  const scale = (v: bigint) => (input.short ? roundDiv(v * BigInt(input.short.days), BigInt(input.short.fullDays)) : v);
  const turnover = months.reduce((s, m) => s + m.turnover, 0n);
  const baseRent = months.reduce((s, m) => s + m.baseRent, 0n);
  const billed = months.reduce((s, m) => s + m.rent, 0n);
  const tiers = (y.tiers ?? terms.tiers.map((t) => ({ from: t.from * 12n, rate: t.rate }))).map((t) => ({ from: scale(t.from), rate: t.rate }));
  let breakpoint = 0n;
  if (terms.mode === "base_plus_overage") {
    if (y.breakpoint !== undefined) breakpoint = scale(y.breakpoint);
    else if (terms.breakpoint === undefined || terms.breakpoint === "natural") {
      const r0 = parseDecimal(tiers[0].rate);
      breakpoint = roundDiv(baseRent * 100n * r0.den, r0.num);
    } else breakpoint = scale(terms.breakpoint * 12n);
  }
  const tierLines = tieredPercentage(turnover, tiers, breakpoint);
  const yearlyOf = (given: bigint | undefined, monthly: bigint | undefined) => {
    const v = given ?? (monthly !== undefined ? monthly * 12n : undefined);
    return v === undefined ? undefined : scale(v);
  };
  const floor = yearlyOf(y.pctFloor, terms.pctFloor);
  const cap = yearlyOf(y.pctCap, terms.pctCap);
  const pct = clamp(tierLines.reduce((s, t) => s + t.amount, 0n), floor, cap);
  let amount: bigint;
  if (terms.mode === "greater_of") amount = pct > baseRent ? pct : baseRent;
  else if (terms.mode === "percentage_only") amount = pct;
  else amount = baseRent + pct;
  let rent = amount;
  if (terms.vatOnRent !== null && terms.vatInclusive) {
    const r = parseDecimal(terms.vatOnRent);
    rent = amount - roundDiv(amount * r.num, r.den * 100n + r.num);
  }
  return { turnover, baseRent, tiers: tierLines, percentageRent: pct, rent, billed, trueUp: rent - billed };
}
