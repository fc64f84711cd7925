/** The month a dashboard shows, and the days it covers. Pure: `now` is given. */
import { daysInMonth, fromDay, periodBounds } from "@/lib/rent/calendar";

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The same month a year before (YYYY-MM). */
const monthYearBefore = (period: string) => `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;

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
  const month = monthYearBefore(day.slice(0, 7));
  return `${month}-${String(Math.min(Number(day.slice(8)), daysInMonth(month))).padStart(2, "0")}`;
}

/** `?month=YYYY-MM` up to the current month; otherwise last month (flagged invalid when something else was asked). */
export function chooseMonth(asked: string | undefined, now: Date): DashboardMonth {
  const today = now.toISOString().slice(0, 10);
  const current = today.slice(0, 7);
  const last = fromDay(periodBounds(current).first - 1).slice(0, 7);
  const chosen = asked !== undefined && asked !== "";
  const invalid = chosen && (!PERIOD.test(asked) || asked > current);
  const month = chosen && !invalid ? asked : last;
  const { first, last: lastDay } = periodBounds(month);
  const from = fromDay(first);
  const monthEnd = fromDay(lastDay);
  const to = month === current ? today : monthEnd;
  const yearBefore = { month: monthYearBefore(month), from: yearEarlier(from), to: yearEarlier(to) };
  return { month, current, invalid, chosen, from, to, monthEnd, historyFrom: `${yearBefore.month}-01`, yearBefore };
}
