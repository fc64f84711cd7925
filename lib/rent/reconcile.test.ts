import { describe, expect, it } from "vitest";
import { computeMonth } from "./compute";
import { reconcileLeaseYear } from "./reconcile";
import { contract, rows } from "./test-helpers";

describe("lease-year reconciliation", () => {
  it("trues up a greater_of year against its yearly threshold", () => {
    // B = 100 000.00/month, 8 %. Turnover: 2 000 000.00 in December, nothing in the other 11 months.
    const c = contract({ start: "2025-01-01" });
    const months = Array.from({ length: 12 }, (_, i) => {
      const p = `2025-${String(i + 1).padStart(2, "0")}`;
      return computeMonth(c, p, rows(p, { income: i === 11 ? 200_000_000n : 0n }));
    });
    // Billed: 11 × 100 000.00 + max(100 000.00, 160 000.00) = 1 260 000.00
    expect(months.reduce((s, m) => s + m.rent, 0n)).toBe(126_000_000n);
    const r = reconcileLeaseYear({ terms: c.terms[0], months });
    // Yearly: base 1 200 000.00, percentage 8 % × 2 000 000.00 = 160 000.00 → greater is 1 200 000.00
    expect(r).toMatchObject({ turnover: 200_000_000n, baseRent: 120_000_000n, percentageRent: 16_000_000n, rent: 120_000_000n, billed: 126_000_000n, trueUp: -6_000_000n });
  });

  it("uses yearly thresholds given by the contract instead of 12 × monthly", () => {
    const c = contract({ start: "2025-01-01", t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "5" }, { from: 10_000_000n, rate: "10" }] } });
    const months = Array.from({ length: 12 }, (_, i) => {
      const p = `2025-${String(i + 1).padStart(2, "0")}`;
      return computeMonth(c, p, rows(p, { income: 20_000_000n }));
    });
    // Monthly: 5 % × 100 000 + 10 % × 100 000 = 15 000.00; year billed 180 000.00
    const r = reconcileLeaseYear({ terms: c.terms[0], months, yearly: { tiers: [{ from: 0n, rate: "5" }, { from: 200_000_000n, rate: "10" }] } });
    // Year: T = 2 400 000.00; 5 % × 2 000 000 + 10 % × 400 000 = 140 000.00; true-up −40 000.00
    expect(r).toMatchObject({ turnover: 240_000_000n, rent: 14_000_000n, billed: 18_000_000n, trueUp: -4_000_000n });
  });
});
