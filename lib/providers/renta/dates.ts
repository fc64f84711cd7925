/**
 * Calendar days ("YYYY-MM-DD") and the service's offset-less date-times. Renta runs on Moscow time
 * (UTC+3, no daylight saving since 2014); ExpirationDateUtc is Moscow time despite its name.
 */

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;
const MSK_OFFSET_MS = 3 * 3600_000;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a valid calendar day, else undefined. */
export function dayNumber(day: string): number | undefined {
  const m = DAY_RE.exec(day);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const back = new Date(t);
  if (back.getUTCFullYear() !== +m[1] || back.getUTCMonth() !== +m[2] - 1 || back.getUTCDate() !== +m[3]) return undefined;
  return t / DAY_MS;
}

export function isDay(day: string): boolean {
  return dayNumber(day) !== undefined;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = dayNumber(day);
  if (d === undefined) throw new RangeError(`not a calendar day: ${day}`);
  return dayFromNumber(d + n);
}

/** to − from in days (0 for a one-day period). */
export function daysBetween(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === undefined || b === undefined) throw new RangeError(`not a calendar day: ${a === undefined ? from : to}`);
  return b - a;
}

/** Every day from `from` to `to` inclusive. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from)!, end = dayNumber(to)!; d <= end; d++) out.push(dayFromNumber(d));
  return out;
}

/** Day of week, 0 = Monday … 6 = Sunday. */
export function weekday(day: string): number {
  return (dayNumber(day)! + 3) % 7;
}

/** An offset-less Renta date-time read as Moscow time. */
export function parseMoscowDateTime(text: string): Date | undefined {
  const m = DT_RE.exec(text);
  if (!m) return undefined;
  const ms = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms) - MSK_OFFSET_MS);
}

/** The Moscow wall-clock form the service writes: "2017-01-24T14:44:21". */
export function formatMoscowDateTime(d: Date): string {
  return new Date(d.getTime() + MSK_OFFSET_MS).toISOString().slice(0, 19);
}

/** Today's calendar day in Moscow. */
export function moscowDay(d: Date): string {
  return formatMoscowDateTime(d).slice(0, 10);
}
