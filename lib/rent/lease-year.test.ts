import { describe, expect, it } from "vitest";
import { computeMonth } from "./compute";
import { leaseYearOf, settlesLeaseYear, withLeaseYearTrueUp } from "./lease-year";
import { contract, rows } from "./test-helpers";

const months = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const [y, m] = from.split("-").map(Number);
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 7);
  });

describe("lease years", () => {
  it("run from the start to the day before the anniversary; a month is settled with the year ending in it", () => {
    expect(leaseYearOf("2025-01-01", "2025-07")).toEqual({ index: 1, from: "2025-01-01", to: "2025-12-31", periods: months("2025-01", 12) });
    expect(leaseYearOf("2025-01-01", "2026-01")).toMatchObject({ index: 2, from: "2026-01-01", to: "2026-12-31" });
    // Mid-month start: year 1 is 2025-03-15 – 2026-03-14; March 2026 (holding its end) belongs to year 1.
    expect(leaseYearOf("2025-03-15", "2026-03")).toEqual({ index: 1, from: "2025-03-15", to: "2026-03-14", periods: months("2025-03", 13) });
    expect(leaseYearOf("2025-03-15", "2026-04")).toEqual({ index: 2, from: "2026-03-15", to: "2027-03-14", periods: months("2026-04", 12) });
    // 29 February: the anniversary in a common year is 28 February.
    expect(leaseYearOf("2024-02-29", "2025-02")).toMatchObject({ index: 1, to: "2025-02-27" });
    expect(leaseYearOf("2024-02-29", "2025-03")).toMatchObject({ index: 2, from: "2025-02-28", to: "2026-02-27", periods: months("2025-03", 12) });
  });

  it("are settled only in their last month and only when asked for; a year cut short by the contract's end is settled in its last month", () => {
    const c = { start: "2025-01-01", end: "2026-12-31", leaseYearReconciliation: true };
    expect(settlesLeaseYear(c, "2025-11")).toBeNull();
    expect(settlesLeaseYear(c, "2025-12")).toMatchObject({ index: 1 });
    expect(settlesLeaseYear({ ...c, leaseYearReconciliation: false }, "2025-12")).toBeNull();
    // Ends 2025-10-31: year 1 is 1 January – 31 October, 304 of its 365 days, settled in October.
    expect(settlesLeaseYear({ ...c, end: "2025-10-31" }, "2025-09")).toBeNull();
    expect(settlesLeaseYear({ ...c, end: "2025-10-31" }, "2025-10")).toEqual({ index: 1, from: "2025-01-01", to: "2025-10-31", periods: months("2025-01", 10), short: { days: 304, fullDays: 365 } });
    // Ends 2026-01-10, inside year 2: year 1 settles whole in December, year 2 (10 days) in January.
    expect(settlesLeaseYear({ ...c, end: "2026-01-10" }, "2025-12")).toMatchObject({ index: 1, to: "2025-12-31" });
    expect(settlesLeaseYear({ ...c, end: "2026-01-10" }, "2025-12")!.short).toBeUndefined();
    expect(settlesLeaseYear({ ...c, end: "2026-01-10" }, "2026-01")).toEqual({ index: 2, from: "2026-01-01", to: "2026-01-10", periods: ["2026-01"], short: { days: 10, fullDays: 365 } });
    expect(settlesLeaseYear({ ...c, end: "2026-01-10" }, "2026-02")).toBeNull();
  });

  it("adds the true-up to the year's last statement: yearly thresholds against the rent billed", () => {
    // B = 100 000.00/month, 8 %, VAT 22 % on top. 2 000 000.00 turnover in December only.
    const c = contract({ start: "2025-01-01", t: { vatOnRent: "22" } });
    const stmts = months("2025-01", 12).map((p) => computeMonth(c, p, rows(p, { income: p === "2025-12" ? 200_000_000n : 0n })));
    const dec = stmts[11];
    // December alone: max(100 000.00, 8 % × 2 000 000.00 = 160 000.00) = 160 000.00; VAT 35 200.00
    expect(dec).toMatchObject({ rent: 16_000_000n, vat: 3_520_000n, total: 19_520_000n });
    const year = settlesLeaseYear({ ...c, leaseYearReconciliation: true }, "2025-12")!;
    const { statement, result } = withLeaseYearTrueUp(dec, c.terms[0], year, stmts.slice(0, 11));
    // Year: max(1 200 000.00, 8 % × 2 000 000.00) = 1 200 000.00; billed 11 × 100 000.00 + 160 000.00 = 1 260 000.00
    // true-up −60 000.00, its VAT −13 200.00: rent 100 000.00, VAT 22 000.00, total 122 000.00
    expect(result).toMatchObject({ rent: 120_000_000n, billed: 126_000_000n, trueUp: -6_000_000n });
    expect(statement).toMatchObject({ rent: 10_000_000n, vat: 2_200_000n, total: 12_200_000n });
    const line = (k: string) => statement.lines.find((l) => l.key === k)?.amount;
    expect(line("leaseyear.trueup")).toBe(-6_000_000n);
    expect(line("leaseyear.trueup.vat")).toBe(-1_320_000n);
    expect(line("total")).toBe(statement.total);
    expect(statement.lines.filter((l) => l.key === "total")).toHaveLength(1);
    expect(statement.lines[statement.lines.length - 1].key).toBe("total");
  });

  it("has no true-up when the monthly and the yearly rent agree", () => {
    // percentage_only, 5 % to 100 000.00 a month, 10 % above; every month 150 000.00 except December 1 950 000.00.
    const c = contract({ start: "2025-01-01", t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "5" }, { from: 10_000_000n, rate: "10" }] } });
    const stmts = months("2025-01", 12).map((p) => computeMonth(c, p, rows(p, { income: p === "2025-12" ? 195_000_000n : 15_000_000n })));
    // Monthly: 11 × (5 000.00 + 5 000.00) + (5 000.00 + 185 000.00) = 300 000.00
    expect(stmts.reduce((s, m) => s + m.rent, 0n)).toBe(30_000_000n);
    const { statement, result } = withLeaseYearTrueUp(stmts[11], c.terms[0], settlesLeaseYear({ ...c, leaseYearReconciliation: true }, "2025-12")!, stmts.slice(0, 11));
    // Year: T = 3 600 000.00; 5 % × 1 200 000.00 + 10 % × 2 400 000.00 = 300 000.00 → true-up 0
    expect(result!.trueUp).toBe(0n);
    expect(statement.total).toBe(stmts[11].total);
  });

  it("owes a positive true-up when a monthly cap held back a strong month", () => {
    // percentage_only, 5 % to 100 000.00 a month, 10 % above, percentage capped at 10 000.00 a month.
    const c = contract({ start: "2025-01-01", t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "5" }, { from: 10_000_000n, rate: "10" }], pctCap: 1_000_000n } });
    const stmts = months("2025-01", 12).map((p) => computeMonth(c, p, rows(p, { income: p === "2025-12" ? 195_000_000n : 0n })));
    // December: 5 000.00 + 185 000.00 = 190 000.00, capped to 10 000.00; the other months 0 → billed 10 000.00
    expect(stmts[11].rent).toBe(1_000_000n);
    const { statement, result } = withLeaseYearTrueUp(stmts[11], c.terms[0], settlesLeaseYear({ ...c, leaseYearReconciliation: true }, "2025-12")!, stmts.slice(0, 11));
    // Year: T = 1 950 000.00; 5 % × 1 200 000.00 + 10 % × 750 000.00 = 135 000.00, capped at 12 × 10 000.00 = 120 000.00
    // true-up 120 000.00 − 10 000.00 = 110 000.00 (no VAT on rent): December's total 120 000.00
    expect(result).toMatchObject({ percentageRent: 12_000_000n, rent: 12_000_000n, billed: 1_000_000n, trueUp: 11_000_000n });
    expect(statement).toMatchObject({ rent: 12_000_000n, vat: 0n, total: 12_000_000n });
  });

  it("leaves the statement as it is, flagged, when a month of the year has no statement", () => {
    const c = contract({ start: "2025-01-01" });
    const stmts = months("2025-01", 12).map((p) => computeMonth(c, p, rows(p)));
    const { statement, result } = withLeaseYearTrueUp(stmts[11], c.terms[0], settlesLeaseYear({ ...c, leaseYearReconciliation: true }, "2025-12")!, stmts.slice(2, 11));
    expect(result).toBeNull();
    expect(statement.total).toBe(stmts[11].total);
    expect(statement.flags).toContainEqual({ code: "lease_year_months_missing", periods: ["2025-01", "2025-02"] });
  });

  it("prorates the yearly thresholds of a year cut short by the contract's end", () => {
    // percentage_only, 5 % to 100 000.00 a month, 10 % above, capped at 10 000.00 a month; the contract ends
    // 2025-06-30: 181 of the lease year's 365 days. 1 950 000.00 turnover in June only.
    const c = contract({ start: "2025-01-01", end: "2025-06-30", t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "5" }, { from: 10_000_000n, rate: "10" }], pctCap: 1_000_000n } });
    const stmts = months("2025-01", 6).map((p) => computeMonth(c, p, rows(p, { income: p === "2025-06" ? 195_000_000n : 0n })));
    // June: 50 000.00 + 95 000.00 = 145 000.00, capped to 10 000.00; billed 10 000.00 in the year
    expect(stmts[5].rent).toBe(1_000_000n);
    const year = settlesLeaseYear({ ...c, leaseYearReconciliation: true }, "2025-06")!;
    const { statement, result } = withLeaseYearTrueUp(stmts[5], c.terms[0], year, stmts.slice(0, 5));
    // Yearly thresholds × 181/365: second tier from round(1 200 000.00 × 181/365) = 595 068.49 (59 506 849.315…),
    // cap round(120 000.00 × 181/365) = 59 506.85 (5 950 684.93…).
    // Percentage: 5 % × 595 068.49 = 29 753.42 + 10 % × (1 950 000.00 − 595 068.49) = 135 493.15 → 165 246.57, capped 59 506.85
    // true-up 59 506.85 − 10 000.00 = 49 506.85
    expect(result!.tiers.map((t) => t.from)).toEqual([0n, 59_506_849n]);
    expect(result).toMatchObject({ percentageRent: 5_950_685n, rent: 5_950_685n, billed: 1_000_000n, trueUp: 4_950_685n });
    expect(statement).toMatchObject({ rent: 5_950_685n, vat: 0n, total: 5_950_685n });
    expect(statement.lines.find((l) => l.key === "leaseyear.rent")!.formula).toContain("12 × monthly × 181/365 days");
  });

  it("uses the yearly thresholds the contract gives, and says so", () => {
    // percentage_only, 5 % to 100 000.00 a month, 10 % above; the contract's yearly tiers: 10 % above 2 000 000.00.
    const yearly = { tiers: [{ from: 0n, rate: "5" }, { from: 200_000_000n, rate: "10" }] };
    const c = contract({ start: "2025-01-01", t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "5" }, { from: 10_000_000n, rate: "10" }], yearly } });
    const stmts = months("2025-01", 12).map((p) => computeMonth(c, p, rows(p, { income: 20_000_000n })));
    // Monthly: 5 % × 100 000.00 + 10 % × 100 000.00 = 15 000.00; billed 180 000.00
    const { statement, result } = withLeaseYearTrueUp(stmts[11], c.terms[0], settlesLeaseYear({ ...c, leaseYearReconciliation: true }, "2025-12")!, stmts.slice(0, 11));
    // Year: T = 2 400 000.00; 5 % × 2 000 000.00 + 10 % × 400 000.00 = 140 000.00; true-up −40 000.00
    expect(result).toMatchObject({ rent: 14_000_000n, billed: 18_000_000n, trueUp: -4_000_000n });
    expect(statement.rent).toBe(stmts[11].rent - 4_000_000n);
    expect(statement.lines.find((l) => l.key === "leaseyear.rent")!.formula).toMatch(/^yearly thresholds of the contract: /);
  });
});
