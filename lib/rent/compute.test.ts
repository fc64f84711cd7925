import { describe, expect, it } from "vitest";
import { computeMonth } from "./compute";
import { contract, rows } from "./test-helpers";
import type { ContractInput, DayTurnover } from "./types";

const J = "2026-01"; // 31 days
const HALF = { start: "2026-01-17" }; // active 17..31 = 15 of 31 days
const T = (income: bigint) => rows(J, { income });

type Case = [name: string, c: ContractInput, period: string, r: DayTurnover[], expected: Record<string, bigint | string | null>];

// Amounts in kopecks. Each case's arithmetic is written beside it, in roubles.
const CASES: Case[] = [
  // greater_of
  ["greater_of, full, percentage wins", contract(), J, T(150_000_000n), { percentageRent: 12_000_000n, rent: 12_000_000n, total: 12_000_000n }], // 8% × 1 500 000.00 = 120 000.00 > 100 000.00
  ["greater_of, full, base wins", contract(), J, T(100_000_000n), { percentageRent: 8_000_000n, rent: 10_000_000n }], // 8% × 1 000 000.00 = 80 000.00 < 100 000.00
  ["greater_of, partial month", contract(HALF), J, T(100_000_000n), { baseRent: 4_838_710n, rent: 8_000_000n }], // Bf = 100 000.00 × 15/31 = 48 387.0968 → 48 387.10; max(48 387.10, 80 000.00)
  ["greater_of, VAT 22 % on top", contract({ t: { vatOnRent: "22" } }), J, T(150_000_000n), { rent: 12_000_000n, vat: 2_640_000n, total: 14_640_000n }], // 120 000.00 × 22% = 26 400.00
  ["greater_of, VAT 20 % included", contract({ t: { vatOnRent: "20", vatInclusive: true } }), J, T(150_000_000n), { rent: 10_000_000n, vat: 2_000_000n, total: 12_000_000n }], // 120 000.00 × 20/120 = 20 000.00
  ["greater_of, VAT 22 % included, rounded", contract({ t: { vatOnRent: "22", vatInclusive: true } }), J, T(150_000_000n), { rent: 9_836_066n, vat: 2_163_934n, total: 12_000_000n }], // 120 000.00 × 22/122 = 21 639.3443 → 21 639.34; rent 98 360.66
  ["greater_of, two tiers", contract({ t: { tiers: [{ from: 0n, rate: "8" }, { from: 100_000_000n, rate: "6" }] } }), J, T(150_000_000n), { percentageRent: 11_000_000n, rent: 11_000_000n }], // 8% × 1 000 000 = 80 000; 6% × 500 000 = 30 000; 110 000.00
  ["greater_of, two tiers, partial: prorated threshold", contract({ ...HALF, t: { tiers: [{ from: 0n, rate: "8" }, { from: 100_000_000n, rate: "6" }] } }), J, T(60_000_000n), { percentageRent: 4_567_742n, baseRent: 4_838_710n, rent: 4_838_710n }], // t1 = 1 000 000.00×15/31 = 483 870.97; 8% × 483 870.97 = 38 709.6776 → 38 709.68; 6% × 116 129.03 = 6 967.7418 → 6 967.74; pct 45 677.42 < 48 387.10
  ["percentage_only, two tiers, partial", contract({ ...HALF, t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "8" }, { from: 100_000_000n, rate: "6" }] } }), J, T(60_000_000n), { rent: 4_567_742n }], // as above: 45 677.42
  // floor and cap on the percentage part
  ["percentage_only, floor applies", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], pctFloor: 5_000_000n, pctCap: 20_000_000n } }), J, T(30_000_000n), { percentageRent: 5_000_000n, rent: 5_000_000n }], // 10% × 300 000 = 30 000 < floor 50 000
  ["percentage_only, cap applies", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], pctFloor: 5_000_000n, pctCap: 20_000_000n } }), J, T(300_000_000n), { rent: 20_000_000n }], // 10% × 3 000 000 = 300 000 > cap 200 000
  ["percentage_only, between floor and cap", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], pctFloor: 5_000_000n, pctCap: 20_000_000n } }), J, T(100_000_000n), { rent: 10_000_000n }], // 100 000.00
  ["percentage_only, prorated floor", contract({ ...HALF, t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], pctFloor: 5_000_000n } }), J, T(10_000_000n), { rent: 2_419_355n }], // floor 50 000 × 15/31 = 24 193.548 → 24 193.55 > 10 000
  ["percentage_only, prorated cap", contract({ ...HALF, t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], pctCap: 20_000_000n } }), J, T(300_000_000n), { rent: 9_677_419n }], // cap 200 000 × 15/31 = 96 774.1935 → 96 774.19
  // base_plus_percentage
  ["base_plus_percentage, full", contract({ t: { mode: "base_plus_percentage", tiers: [{ from: 0n, rate: "5" }] } }), J, T(100_000_000n), { rent: 15_000_000n }], // 100 000 + 5% × 1 000 000 = 150 000.00
  ["base_plus_percentage, partial", contract({ ...HALF, t: { mode: "base_plus_percentage", tiers: [{ from: 0n, rate: "5" }] } }), J, T(100_000_000n), { rent: 9_838_710n }], // 48 387.10 + 50 000.00
  ["base_plus_percentage, VAT 22 %", contract({ t: { mode: "base_plus_percentage", tiers: [{ from: 0n, rate: "5" }], vatOnRent: "22" } }), J, T(100_000_000n), { rent: 15_000_000n, vat: 3_300_000n, total: 18_300_000n }], // 150 000 × 22% = 33 000
  // base_plus_overage
  ["overage, artificial breakpoint", contract({ t: { mode: "base_plus_overage", breakpoint: 100_000_000n } }), J, T(150_000_000n), { percentageRent: 4_000_000n, rent: 14_000_000n }], // 8% × (1 500 000 − 1 000 000) = 40 000; + 100 000
  ["overage, below the breakpoint", contract({ t: { mode: "base_plus_overage", breakpoint: 100_000_000n } }), J, T(80_000_000n), { percentageRent: 0n, rent: 10_000_000n }], // nothing above 1 000 000
  ["overage, artificial, partial", contract({ ...HALF, t: { mode: "base_plus_overage", breakpoint: 100_000_000n } }), J, T(60_000_000n), { percentageRent: 929_032n, rent: 5_767_742n }], // bp 483 870.97; 8% × 116 129.03 = 9 290.3224 → 9 290.32; + 48 387.10
  ["overage, natural breakpoint", contract({ t: { mode: "base_plus_overage", breakpoint: "natural" } }), J, T(150_000_000n), { percentageRent: 2_000_000n, rent: 12_000_000n }], // bp = 100 000 ÷ 0.08 = 1 250 000; 8% × 250 000 = 20 000
  ["overage, natural breakpoint at 7.5 %", contract({ t: { mode: "base_plus_overage", breakpoint: "natural", tiers: [{ from: 0n, rate: "7.5" }] } }), J, T(150_000_000n), { percentageRent: 1_250_000n, rent: 11_250_000n }], // bp = 100 000 ÷ 0.075 = 1 333 333.33; 7.5% × 166 666.67 = 12 500.00025 → 12 500.00
  ["overage, natural, partial", contract({ ...HALF, t: { mode: "base_plus_overage", breakpoint: "natural" } }), J, T(70_000_000n), { percentageRent: 761_290n, rent: 5_600_000n }], // bp 1 250 000 × 15/31 = 604 838.71; 8% × 95 161.29 = 7 612.9032 → 7 612.90; + 48 387.10
  ["overage with a second tier", contract({ t: { mode: "base_plus_overage", breakpoint: 100_000_000n, tiers: [{ from: 0n, rate: "8" }, { from: 200_000_000n, rate: "5" }] } }), J, T(250_000_000n), { percentageRent: 10_500_000n, rent: 20_500_000n }], // 8% × (2 000 000 − 1 000 000) = 80 000; 5% × 500 000 = 25 000; + 100 000
  // base rent per m²
  ["per m² monthly", contract({ t: { baseRent: { perM2Monthly: 150_000n } } }), J, T(0n), { baseRent: 12_787_500n, rent: 12_787_500n }], // 85.25 × 1 500.00 = 127 875.00
  ["per m² yearly", contract({ areaM2: "33.33", t: { baseRent: { perM2Yearly: 1_800_000n } } }), J, T(0n), { baseRent: 4_999_500n }], // 33.33 × 18 000 ÷ 12 = 49 995.00
  ["per m² yearly, rounded once", contract({ areaM2: "10.01", t: { baseRent: { perM2Yearly: 1_234_567n } } }), J, T(0n), { baseRent: 1_029_835n }], // 10.01 × 12 345.67 ÷ 12 = 10 298.346392 → 10 298.35
  ["per m², half a kopeck rounds away from zero", contract({ areaM2: "0.5", t: { baseRent: { perM2Monthly: 3n } } }), J, T(0n), { baseRent: 2n }], // 0.5 × 0.03 = 0.015 → 0.02
  // indexation: contract from 2024-03-01, 5 % each anniversary
  ["indexation, first month", contract({ start: "2024-03-01", t: { indexation: { percent: "5", on: "anniversary" } } }), "2024-03", rows("2024-03"), { baseRent: 10_000_000n }], // no anniversary yet
  ["indexation, month before the anniversary", contract({ start: "2024-03-01", t: { indexation: { percent: "5", on: "anniversary" } } }), "2025-02", rows("2025-02"), { baseRent: 10_000_000n }],
  ["indexation, anniversary month", contract({ start: "2024-03-01", t: { indexation: { percent: "5", on: "anniversary" } } }), "2025-03", rows("2025-03"), { baseRent: 10_500_000n }], // 100 000 × 1.05
  ["indexation, second year compounds", contract({ start: "2024-03-01", t: { indexation: { percent: "5", on: "anniversary" } } }), "2026-03", rows("2026-03"), { baseRent: 11_025_000n }], // 105 000 × 1.05
  ["indexation, third year", contract({ start: "2024-03-01", t: { indexation: { percent: "5", on: "anniversary" } } }), "2027-03", rows("2027-03"), { baseRent: 11_576_250n }], // 110 250 × 1.05
  ["indexation rounds each step", contract({ start: "2024-03-01", t: { baseRent: { monthly: 9_999_999n }, indexation: { percent: "7.5", on: "anniversary" } } }), "2026-03", rows("2026-03"), { baseRent: 11_556_249n }], // 99 999.99 × 1.075 = 107 499.98925 → 107 499.99; × 1.075 = 115 562.489 → 115 562.49
  ["indexation on a fixed date", contract({ start: "2025-06-15", t: { indexation: { percent: "10", on: "01-01" } } }), J, T(0n), { baseRent: 11_000_000n }], // 2026-01-01: 100 000 × 1.1
  ["indexation and a partial last month", contract({ start: "2025-06-15", end: "2026-01-10", t: { indexation: { percent: "10", on: "01-01" } } }), J, T(0n), { baseRent: 3_548_387n, rent: 3_548_387n }], // 110 000 × 10/31 = 35 483.8710 → 35 483.87
  // turnover basis (percentage_only 10 %): income 1 200 000, refunds 120 000, VAT 200 000 and 20 000
  ["gross, VAT included", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], basis: { refunds: "gross", vat: "included" } } }), J, rows(J, { income: 120_000_000n, refunds: 12_000_000n, incomeVat: 20_000_000n, refundsVat: 2_000_000n }), { turnover: 120_000_000n, rent: 12_000_000n }],
  ["net, VAT included", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }] } }), J, rows(J, { income: 120_000_000n, refunds: 12_000_000n, incomeVat: 20_000_000n, refundsVat: 2_000_000n }), { turnover: 108_000_000n, rent: 10_800_000n }], // 1 200 000 − 120 000
  ["net, VAT excluded", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], basis: { refunds: "net", vat: "excluded" } } }), J, rows(J, { income: 120_000_000n, refunds: 12_000_000n, incomeVat: 20_000_000n, refundsVat: 2_000_000n }), { turnover: 90_000_000n, rent: 9_000_000n }], // 1 080 000 − (200 000 − 20 000)
  ["gross, VAT excluded", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], basis: { refunds: "gross", vat: "excluded" } } }), J, rows(J, { income: 120_000_000n, refunds: 12_000_000n, incomeVat: 20_000_000n, refundsVat: 2_000_000n }), { turnover: 100_000_000n, rent: 10_000_000n }], // 1 200 000 − 200 000
  ["net, VAT excluded, refund VAT derived", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], basis: { refunds: "net", vat: "excluded" } } }), J, rows(J, { income: 120_000_000n, refunds: 12_000_000n, incomeVat: 20_000_000n, refundsVat: undefined }), { turnover: 90_000_000n, rent: 9_000_000n }], // refund VAT = 120 000 × 200 000 ÷ 1 200 000 = 20 000
  ["refund VAT derived and rounded, 22 %", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], basis: { refunds: "net", vat: "excluded" } } }), J, rows(J, { income: 1_220_000n, refunds: 100_001n, incomeVat: 220_000n, refundsVat: undefined }), { turnover: 918_032n, rent: 91_803n }], // refund VAT = 1 000.01 × 2 200 ÷ 12 200 = 180.3297 → 180.33; T = 12 200 − 1 000.01 − (2 200 − 180.33) = 9 180.32; 10% = 918.032 → 918.03
  ["prepaid excluded", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }], excludedForms: ["prepaid"] } }), J, rows(J, { income: 100_000_000n, refunds: 10_000_000n, incomeByForm: { cash: 30_000_000n, cashless: 50_000_000n, prepaid: 20_000_000n }, refundsByForm: { cashless: 8_000_000n, prepaid: 2_000_000n } }), { turnover: 72_000_000n, rent: 7_200_000n }], // (1 000 000 − 200 000) − (100 000 − 20 000)
  ["half a kopeck of percentage rounds up", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }] } }), J, T(5n), { rent: 1n }], // 10% × 0.05 = 0.005 → 0.01
  ["under half a kopeck rounds down", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }] } }), J, T(4n), { rent: 0n }], // 0.004 → 0.00
  ["a manual adjustment counts", contract({ t: { mode: "percentage_only", tiers: [{ from: 0n, rate: "10" }] } }), J, T(100_000_000n), { turnover: 90_000_000n, rent: 9_000_000n }], // 1 000 000 − 100 000 (adjustment below)
  ["two registers", contract({ kkts: [{ kktId: "k1", rnm: "0000000000000001" }, { kktId: "k2", rnm: "0000000000000002" }], t: { mode: "percentage_only" } }), J, [...rows(J, { income: 60_000_000n }), ...rows(J, { income: 40_000_000n }, "k2")], { turnover: 100_000_000n, rent: 8_000_000n }], // 8% × (600 000 + 400 000)
  ["a register counts only inside its assignment", contract({ kkts: [{ kktId: "k1", rnm: "0000000000000001" }, { kktId: "k2", rnm: "0000000000000002", from: "2026-01-16" }], t: { mode: "percentage_only" } }), J, [...rows(J, { income: 60_000_000n }), ...rows(J, { income: 40_000_000n }, "k2", 1).map((r) => (r.day === "2026-01-20" ? { ...r, income: 10_000_000n } : r))], { turnover: 70_000_000n, rent: 5_600_000n }], // k2's 400 000 on the 1st is outside; 8% × (600 000 + 100 000)
  ["leap February, partial", contract({ start: "2028-02-15" }), "2028-02", rows("2028-02"), { baseRent: 5_172_414n, rent: 5_172_414n }], // 100 000 × 15/29 = 51 724.1379 → 51 724.14
  ["percentage_only, full month, VAT 22 % on top", contract({ t: { mode: "percentage_only", vatOnRent: "22" } }), J, T(123_456_789n), { rent: 9_876_543n, vat: 2_172_839n, total: 12_049_382n }], // 8% × 1 234 567.89 = 98 765.4312 → 98 765.43; × 22% = 21 728.3946 → 21 728.39
];

describe("rent engine: hand-computed cases", () => {
  it("has at least 40 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(40));
  it.each(CASES)("%s", (name, c, period, r, expected) => {
    const adjustments = name === "a manual adjustment counts" ? [{ amount: -10_000_000n, reason: "late refund", author: "accountant@x" }] : [];
    const s = computeMonth(c, period, r, adjustments);
    expect(s).toMatchObject(expected);
    expect(s.rent + s.vat).toBe(s.total);
  });
});

describe("rent engine: statement details", () => {
  it("flags missing days per register, never taking them as zero", () => {
    const r = rows(J, { income: 100n }).filter((x) => !["2026-01-05", "2026-01-06"].includes(x.day));
    const s = computeMonth(contract(), J, r);
    expect(s.flags).toEqual([{ code: "missing_days", kktId: "k1", rnm: "0000000000000001", days: ["2026-01-05", "2026-01-06"] }]);
  });

  it("flags the days counted from figures a person entered or the tenant reported, and counts them", () => {
    const r = rows(J, { income: 100n }).map((x) => (x.day === "2026-01-03" ? { ...x, income: 500n, source: "manual" } : ["2026-01-10", "2026-01-31"].includes(x.day) ? { ...x, source: "tenant-reported" } : { ...x, source: "renta:kkt-full-data" }));
    const s = computeMonth(contract({ t: { mode: "percentage_only" } }), J, r);
    expect(s.flags).toEqual([
      { code: "entered_days", kktId: "k1", rnm: "0000000000000001", days: ["2026-01-03"] },
      { code: "tenant_reported_days", kktId: "k1", rnm: "0000000000000001", days: ["2026-01-10", "2026-01-31"] },
    ]);
    // They count like any other day: the month is the sum of every day's figures.
    expect(s.turnover).toBe(r.reduce((a, x) => a + x.income - x.refunds, 0n));
    // A provider's figures alone flag nothing.
    expect(computeMonth(contract(), J, rows(J, { income: 100n }).map((x) => ({ ...x, source: "kontur:documents" }))).flags).toEqual([]);
  });

  it("flags derived refund VAT and a missing payment-form breakdown", () => {
    const s = computeMonth(contract({ t: { basis: { refunds: "net", vat: "excluded" }, excludedForms: ["prepaid"] } }), J, rows(J, { income: 1000n, refunds: 10n, incomeVat: 100n, refundsVat: undefined }));
    expect(s.flags.map((f) => f.code).sort()).toEqual(["form_breakdown_missing", "refund_vat_derived"]);
  });

  it("explains every amount with a line a person can recompute", () => {
    const s = computeMonth(contract({ ...HALF, t: { vatOnRent: "22", tiers: [{ from: 0n, rate: "8" }, { from: 100_000_000n, rate: "6" }] } }), J, T(60_000_000n));
    const keys = s.lines.map((l) => l.key);
    expect(keys).toEqual(expect.arrayContaining(["turnover", "base.monthly", "base.prorated", "pct", "rent.mode", "vat", "total"]));
    const byKey = Object.fromEntries(s.lines.map((l) => [l.key, l]));
    expect(byKey["base.prorated"].formula).toBe("round(100000.00 × 15 / 31)");
    expect(byKey["total"].amount).toBe(s.total);
    expect(byKey["rent.mode"].formula).toBe("max(48387.10, 45677.42)");
  });

  it("uses the terms version in force on the month's first active day", () => {
    const c = contract();
    c.terms = [
      { ...c.terms[0], effectiveFrom: "2020-01-01" },
      { ...c.terms[0], effectiveFrom: "2026-01-15", baseRent: { monthly: 20_000_000n } },
    ];
    expect(computeMonth(c, J, T(0n)).baseRent).toBe(10_000_000n);
    expect(computeMonth(c, "2026-02", rows("2026-02")).baseRent).toBe(20_000_000n);
  });

  it("refuses invalid terms and inactive months", () => {
    expect(() => computeMonth(contract({ t: { tiers: [{ from: 0n, rate: "101" }] } }), J, T(0n))).toThrow(/0–100/);
    expect(() => computeMonth(contract({ start: "2026-02-01" }), J, T(0n))).toThrow(/not active/);
  });
});
