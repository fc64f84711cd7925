import { daysInMonth } from "./calendar";
import type { ContractInput, DayTurnover, Terms } from "./types";

/** Terms with sensible defaults: B = 100 000.00, one 8 % tier, net turnover with VAT, no VAT on rent. */
export function terms(t: Partial<Terms> = {}): Terms {
  return {
    effectiveFrom: "2020-01-01",
    mode: "greater_of",
    baseRent: { monthly: 10_000_000n },
    tiers: [{ from: 0n, rate: "8" }],
    basis: { refunds: "net", vat: "included" },
    vatOnRent: null,
    ...t,
  };
}

export function contract(c: Partial<ContractInput> & { t?: Partial<Terms> } = {}): ContractInput {
  const { t, ...rest } = c;
  return {
    start: "2020-01-01",
    end: "2030-12-31",
    areaM2: "85.25",
    kkts: [{ kktId: "k1", rnm: "0000000000000001" }],
    terms: [terms({ effectiveFrom: c.start ?? "2020-01-01", ...t })],
    ...rest,
  };
}

/** A row for every day of the month (zeros), with the given amounts on one day (default: the last). */
export function rows(period: string, amounts: Partial<DayTurnover> = {}, kktId = "k1", day?: number): DayTurnover[] {
  const n = daysInMonth(period);
  const at = day ?? n;
  const out: DayTurnover[] = [];
  for (let d = 1; d <= n; d++) {
    const iso = `${period}-${String(d).padStart(2, "0")}`;
    out.push(d === at ? { kktId, day: iso, income: 0n, refunds: 0n, incomeVat: 0n, refundsVat: 0n, ...amounts } : { kktId, day: iso, income: 0n, refunds: 0n, incomeVat: 0n, refundsVat: 0n });
  }
  return out;
}
