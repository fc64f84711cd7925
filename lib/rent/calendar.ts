/** Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC: no time zones, no DST, exact. */

const DAY_MS = 86_400_000;

/**
 * Parsed periods and dates are cached: a month's statements ask for the same few periods and contract
 * dates thousands of times. Bounded: cleared when they grow past a size no real month reaches.
 */
const CACHE_LIMIT = 20_000;
const periods = new Map<string, { year: number; month: number; days: number; first: number }>();
const days = new Map<string, number>();

function period(p: string) {
  let v = periods.get(p);
  if (v === undefined) {
    const m = /^(\d{4})-(\d{2})$/.exec(p);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a period YYYY-MM: ${p}`);
    const year = Number(m[1]);
    const month = Number(m[2]);
    v = { year, month, days: new Date(Date.UTC(year, month, 0)).getUTCDate(), first: Date.UTC(year, month - 1, 1) / DAY_MS };
    if (periods.size >= CACHE_LIMIT) periods.clear();
    periods.set(p, v);
  }
  return v;
}

export function parsePeriod(p: string): { year: number; month: number } {
  const { year, month } = period(p);
  return { year, month };
}

export function daysInMonth(p: string): number {
  return period(p).days;
}

export function toDay(iso: string): number {
  let n = days.get(iso);
  if (n === undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${iso}`);
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(t).getUTCDate() !== Number(m[3])) throw new RangeError(`no such date: ${iso}`);
    n = t / DAY_MS;
    if (days.size >= CACHE_LIMIT) days.clear();
    days.set(iso, n);
  }
  return n;
}

/** Today's calendar day (UTC, as the dashboards count it). */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);

export function fromDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function periodBounds(p: string): { first: number; last: number } {
  const { first, days } = period(p);
  return { first, last: first + days - 1 };
}

/** Days of [from, to] (inclusive day numbers) inside [lo, hi]; empty when they do not meet. */
export function intersect(from: number, to: number, lo: number, hi: number): { from: number; to: number } | null {
  const a = Math.max(from, lo);
  const b = Math.min(to, hi);
  return a <= b ? { from: a, to: b } : null;
}

export function activeDays(start: string, end: string, period: string): number {
  const { first, last } = periodBounds(period);
  const r = intersect(toDay(start), toDay(end), first, last);
  return r ? r.to - r.from + 1 : 0;
}

/** The calendar months a day range touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split("-").map(Number);
  const last = to.slice(0, 7);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, "0")}`;
    if (p > last) return out;
    out.push(p);
    if (++m === 13) [y, m] = [y + 1, 1];
  }
}
