import { fromDay, periodBounds, toDay } from "./calendar";
import { fmt, percentOf } from "./exact";
import { reconcileLeaseYear, type LeaseYearResult } from "./reconcile";
import type { LeaseYearFlag, Line, Statement, Terms } from "./types";

/** The same calendar day `years` later (29 February → 28 February in a common year). */
function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export interface LeaseYear {
  /** 1 for the year starting on the contract start. */
  index: number;
  from: string;
  to: string;
  /** The calendar months billed in this lease year, in order. */
  periods: string[];
  /** A year cut short by the contract's end: its days, and those of the whole lease year. */
  short?: { days: number; fullDays: number };
}

const periodOf = (day: number) => fromDay(day).slice(0, 7);
const nextPeriod = (p: string) => periodOf(periodBounds(p).last + 1);

/**
 * The lease year a calendar month is billed in. Lease years run from the contract start to the day
 * before its anniversary; a month belongs to the first lease year that ends on or after its first day,
 * so the month holding a mid-month anniversary is settled with the year that ends in it.
 */
export function leaseYearOf(contractStart: string, period: string): LeaseYear {
  const { first } = periodBounds(period);
  const start = toDay(contractStart);
  if (periodBounds(period).last < start) throw new RangeError(`${period} is before the contract start`);
  let index = 1;
  let from = contractStart;
  let to = fromDay(toDay(addYears(contractStart, 1)) - 1);
  while (toDay(to) < first) {
    index++;
    from = addYears(contractStart, index - 1);
    to = fromDay(toDay(addYears(contractStart, index)) - 1);
  }
  // The first month of this year is the one after the previous year's last month.
  const firstPeriod = index === 1 ? periodOf(start) : nextPeriod(periodOf(toDay(from) - 1));
  const periods: string[] = [];
  for (let p = firstPeriod; p <= periodOf(toDay(to)); p = nextPeriod(p)) periods.push(p);
  return { index, from, to, periods };
}

/**
 * Whether this month's statement settles a lease year: the contract asks for reconciliation and the
 * month is the year's last. A contract ending inside a lease year settles that year, short, in the
 * month it ends: `to` is the contract's last day and `short` gives the days, against which the yearly
 * thresholds are prorated.
 */
export function settlesLeaseYear(contract: { start: string; end: string; leaseYearReconciliation?: boolean }, period: string): LeaseYear | null {
  if (!contract.leaseYearReconciliation) return null;
  if (period < contract.start.slice(0, 7) || period > contract.end.slice(0, 7)) return null;
  const year = leaseYearOf(contract.start, period);
  if (year.to > contract.end) {
    if (period !== contract.end.slice(0, 7)) return null;
    const days = toDay(contract.end) - toDay(year.from) + 1;
    const fullDays = toDay(year.to) - toDay(year.from) + 1;
    return { ...year, to: contract.end, periods: year.periods.filter((p) => p <= period), short: { days, fullDays } };
  }
  if (year.periods[year.periods.length - 1] !== period) return null;
  return year;
}

/** How the yearly thresholds were found, for the statement's reader. */
function thresholdsWords(terms: Terms, year: LeaseYear): string {
  const y = terms.yearly;
  const given = y && (y.tiers || y.breakpoint !== undefined || y.pctFloor !== undefined || y.pctCap !== undefined);
  const words = given ? "yearly thresholds of the contract" : "yearly thresholds = 12 × monthly";
  return year.short ? `${words} × ${year.short.days}/${year.short.fullDays} days` : words;
}

/** What the year's earlier statements billed: the latest revision of each month. */
export type BilledMonth = Pick<Statement, "period" | "turnover" | "baseRent" | "rent">;

/**
 * Add the lease-year true-up to the statement of the year's last month: the year recomputed with
 * yearly thresholds (reconcileLeaseYear) against the rent billed for its months, this one included.
 * The true-up (before VAT) joins the rent; its VAT is added at the terms' rate. A month of the year
 * without a statement leaves the statement as it is, flagged, since a partial year would reconcile wrongly.
 */
export function withLeaseYearTrueUp(s: Statement, terms: Terms, year: LeaseYear, earlier: BilledMonth[]): { statement: Statement; result: LeaseYearResult | null } {
  const byPeriod = new Map(earlier.map((m) => [m.period, m]));
  const missing = year.periods.filter((p) => p !== s.period && !byPeriod.has(p));
  if (missing.length) {
    const flag: LeaseYearFlag = { code: "lease_year_months_missing", periods: missing };
    return { statement: { ...s, flags: [...s.flags, flag] }, result: null };
  }
  const months = year.periods.map((p) => (p === s.period ? s : byPeriod.get(p)!)) as Statement[];
  const result = reconcileLeaseYear({ terms, months, short: year.short });
  const trueUp = result.trueUp;
  const vatUp = terms.vatOnRent === null ? 0n : percentOf(trueUp, terms.vatOnRent);
  const rent = s.rent + trueUp;
  const vat = s.vat + vatUp;
  const total = rent + vat;
  const label = `${year.from} – ${year.to}`;
  const lines: Line[] = s.lines.filter((l) => l.key !== "total");
  lines.push(
    { key: "leaseyear.turnover", label: `Lease year ${label}: turnover`, labelRu: `Арендный год ${label}: оборот`, amount: result.turnover, formula: `sum of ${year.periods.length} months` },
    { key: "leaseyear.rent", label: `Lease year ${label}: rent on yearly thresholds`, labelRu: `Арендный год ${label}: плата по годовым порогам`, amount: result.rent, formula: `${thresholdsWords(terms, year)}: base ${fmt(result.baseRent)}, percentage ${fmt(result.percentageRent)}` },
    { key: "leaseyear.billed", label: `Lease year ${label}: rent billed monthly`, labelRu: `Арендный год ${label}: начислено помесячно`, amount: result.billed, formula: `sum of the months' rent before VAT` },
    { key: "leaseyear.trueup", label: "Lease-year true-up", labelRu: "Корректировка по итогам арендного года", amount: trueUp, formula: `${fmt(result.rent)} − ${fmt(result.billed)}` },
  );
  if (terms.vatOnRent !== null) lines.push({ key: "leaseyear.trueup.vat", label: `VAT ${terms.vatOnRent} % on the true-up`, labelRu: `НДС ${terms.vatOnRent} % на корректировку`, amount: vatUp, formula: `round(${fmt(trueUp)} × ${terms.vatOnRent} / 100)` });
  lines.push({ key: "total", label: "Total", labelRu: "Итого", amount: total, formula: `${fmt(rent)} + ${fmt(vat)}` });
  return { statement: { ...s, rent, vat, total, lines }, result };
}
