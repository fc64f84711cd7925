/** Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC: no time zones, no DST, exact. */

const DAY_MS = 86_400_000;

export function parsePeriod(period: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a period YYYY-MM: ${period}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function daysInMonth(period: string): number {
  const { year, month } = parsePeriod(period);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${iso}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).getUTCDate() !== Number(m[3])) throw new RangeError(`no such date: ${iso}`);
  return t / DAY_MS;
}

export function fromDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function periodBounds(period: string): { first: number; last: number } {
  const { year, month } = parsePeriod(period);
  const first = Date.UTC(year, month - 1, 1) / DAY_MS;
  return { first, last: first + daysInMonth(period) - 1 };
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
