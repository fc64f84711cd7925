/**
 * The service's dates and Kyiv wall-clock time. The PRRO service writes local (Kyiv) time without an offset,
 * as "dd.MM.yyyy HH:mm:ss" (open_date, last_online) or "dd.MM.yyyy" (created_at, subscr_expire_at). Kyiv keeps
 * daylight saving (EET/EEST), so unlike Moscow's fixed +3 the offset comes from the time-zone database.
 */
import { TZDate } from "@date-fns/tz";
import { isDay } from "@/lib/providers/renta/dates";

export const KYIV = "Europe/Kyiv";

const DATE_TIME = /^(\d{2})\.(\d{2})\.(\d{4}) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;
const DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, "0");

/** "19.04.2021 17:48:48" → "2021-04-19T17:48:48"; undefined unless a real date-time. */
export function prroDateTimeToIso(text: string): string | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const day = `${m[3]}-${m[2]}-${m[1]}`;
  return isDay(day) ? `${day}T${m[4]}:${m[5]}:${m[6]}` : undefined;
}

/** "08.02.2021" → "2021-02-08"; undefined unless a real date. */
export function prroDateToIso(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const day = `${m[3]}-${m[2]}-${m[1]}`;
  return isDay(day) ? day : undefined;
}

/** The calendar day of either form the service writes: "08.02.2021" or "19.04.2021 17:48:48". */
export function prroDayOf(text: string): string | undefined {
  return prroDateToIso(text) ?? prroDateTimeToIso(text)?.slice(0, 10);
}

/** "2021-04-19T17:48:48" → "19.04.2021 17:48:48". */
export function isoToPrroDateTime(iso: string): string {
  const m = ISO_LOCAL.exec(iso);
  if (!m) throw new RangeError(`not a local date-time YYYY-MM-DDTHH:mm:ss: ${iso}`);
  return `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}:${m[6]}`;
}

/** "2021-02-08" → "08.02.2021". */
export function isoToPrroDate(day: string): string {
  if (!isDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}

/** An instant as Kyiv wall-clock time: "YYYY-MM-DDTHH:mm:ss". */
export function kyivWallClock(at: Date): string {
  const t = new TZDate(at.getTime(), KYIV);
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
}

/**
 * Kyiv wall-clock time → the instant. A time in the spring-forward gap (03:00–03:59 on the last Sunday of March)
 * does not exist and comes out an hour later; one in the autumn's repeated hour is read as winter time (the later
 * of the two). The simulator's shifts never open, sell or close in either hour.
 */
export function kyivInstant(local: string): Date {
  const m = ISO_LOCAL.exec(local);
  if (!m || !isDay(local.slice(0, 10))) throw new RangeError(`not a local date-time YYYY-MM-DDTHH:mm:ss: ${local}`);
  return new Date(new TZDate(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], KYIV).getTime());
}
