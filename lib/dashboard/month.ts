/** The month a dashboard shows, and the days it covers. Pure: `now` is given. */

const iso = (d: Date) => d.toISOString().slice(0, 10);
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The first day of `period` shifted by `shift` months (UTC). */
export function monthStart(period: string, shift = 0): Date {
  const [y, m] = period.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + shift, 1));
}

export interface DashboardMonth {
  /** YYYY-MM shown. */
  month: string;
  /** The current month (the latest that may be asked for). */
  current: string;
  /** A month was asked for that cannot be shown (not YYYY-MM, or in the future): last month is shown instead. */
  invalid: boolean;
  /** A month was asked for at all. */
  chosen: boolean;
  /** The days covered: the whole month, or up to today for the current one. */
  from: string;
  to: string;
  /** The month's last day (contracts running in the month are those that meet [from, monthEnd]). */
  monthEnd: string;
  /** The first day of the 13-month history that ends with the month. */
  historyFrom: string;
  /** The same days a year before (29 February → 28 February), for a like-for-like comparison. */
  yearBefore: { month: string; from: string; to: string };
}

/** The same calendar day a year before; 29 February becomes 28 February. */
function yearEarlier(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const lastOfMonth = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y - 1, m - 1, Math.min(d, lastOfMonth))));
}

/** `?month=YYYY-MM` up to the current month; otherwise last month (flagged invalid when something else was asked). */
export function chooseMonth(asked: string | undefined, now: Date): DashboardMonth {
  const current = iso(now).slice(0, 7);
  const last = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))).slice(0, 7);
  const chosen = asked !== undefined && asked !== "";
  const invalid = chosen && (!PERIOD.test(asked) || asked > current);
  const month = chosen && !invalid ? asked : last;
  const from = iso(monthStart(month));
  const monthEnd = iso(new Date(monthStart(month, 1).getTime() - 86_400_000));
  const to = month === current ? iso(now) : monthEnd;
  const yearBefore = { month: iso(monthStart(month, -12)).slice(0, 7), from: yearEarlier(from), to: yearEarlier(to) };
  return { month, current, invalid, chosen, from, to, monthEnd, historyFrom: iso(monthStart(month, -12)), yearBefore };
}
