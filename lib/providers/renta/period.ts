/** The document's rule for every period: real dates, DateFrom ≤ DateTo, DateTo − DateFrom ≤ 7 days. */
import { addDays, daysBetween, isDay } from "./dates";
import { RentaError } from "./errors";

export const MAX_PERIOD_DAYS = 7;

/** Refuse a period the service would refuse, before a request is spent on it. */
export function assertPeriod(method: string, from: string, to: string): void {
  if (!isDay(from) || !isDay(to)) {
    throw new RentaError({ method, code: "InvalidTimeInterval", field: isDay(from) ? "to" : "from", detail: `dates must be YYYY-MM-DD (got ${from} – ${to})` });
  }
  const span = daysBetween(from, to);
  if (span < 0) throw new RentaError({ method, code: "InvalidTimeInterval", field: "to", detail: `${to} is before ${from}` });
  if (span > MAX_PERIOD_DAYS) {
    throw new RentaError({ method, code: "PeriodTooLong", field: "to", detail: `${from} – ${to} spans ${span} days; split it (last allowed end: ${addDays(from, MAX_PERIOD_DAYS)})` });
  }
}
