import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { roundDiv } from "@/lib/money";
import { fromDay, toDay } from "./calendar";
import { computeMonth, computeMonthFromAggregates } from "./compute";
import { aggregateDays, countedDays, registerTurnover } from "./turnover";
import type { ByForm, ContractInput, DayTurnover, Flag, KktTurnover, PaymentForm, RegisterFlag, Terms } from "./types";

/**
 * The per-day registerTurnover as it was before aggregates (verbatim but for its name): the reference
 * the aggregate path must reproduce exactly.
 */
const sumForms = (f: ByForm | undefined, forms: PaymentForm[]) => forms.reduce((s, k) => s + (f?.[k] ?? 0n), 0n);
function perDayRegisterTurnover(contract: ContractInput, terms: Terms, period: string, rows: DayTurnover[]): { perKkt: KktTurnover[]; flags: Flag[] } {
  const windows = countedDays(contract, period);
  const excludedForms = terms.excludedForms ?? [];
  const net = terms.basis.refunds === "net";
  const vatExcluded = terms.basis.vat === "excluded";
  const byKkt = new Map<string, DayTurnover[]>();
  for (const r of rows) {
    const w = windows.get(r.kktId);
    if (!w || !w.days.has(toDay(r.day))) continue;
    (byKkt.get(r.kktId) ?? byKkt.set(r.kktId, []).get(r.kktId)!).push(r);
  }
  const perKkt: KktTurnover[] = [];
  const flags: Flag[] = [];
  for (const [kktId, w] of [...windows].sort(([, a], [, b]) => a.rnm.localeCompare(b.rnm))) {
    if (w.days.size === 0) continue;
    const rs = byKkt.get(kktId) ?? [];
    const seen = new Set(rs.map((r) => toDay(r.day)));
    const missing = [...w.days].filter((d) => !seen.has(d)).sort((a, b) => a - b);
    if (missing.length) flags.push({ code: "missing_days", kktId, rnm: w.rnm, days: missing.map(fromDay) });
    let income = 0n, refunds = 0n, incomeVat = 0n, refundsVatGiven = 0n, exclIncome = 0n, exclRefunds = 0n;
    let refundVatMissing = false, formsMissing = false;
    for (const r of rs) {
      income += r.income;
      refunds += r.refunds;
      incomeVat += r.incomeVat ?? 0n;
      if (r.refunds !== 0n && r.refundsVat === undefined) refundVatMissing = true;
      refundsVatGiven += r.refundsVat ?? 0n;
      if (excludedForms.length) {
        if ((r.income !== 0n && !r.incomeByForm) || (r.refunds !== 0n && !r.refundsByForm)) formsMissing = true;
        exclIncome += sumForms(r.incomeByForm, excludedForms);
        exclRefunds += sumForms(r.refundsByForm, excludedForms);
      }
    }
    let refundsVat = refundsVatGiven;
    if (refundVatMissing) {
      refundsVat = income === 0n ? 0n : roundDiv(refunds * incomeVat, income);
      if (vatExcluded) flags.push({ code: "refund_vat_derived", kktId, rnm: w.rnm });
    }
    if (formsMissing) flags.push({ code: "form_breakdown_missing", kktId, rnm: w.rnm });
    const incomeC = income - exclIncome;
    const refundsC = refunds - exclRefunds;
    const incomeVatC = exclIncome === 0n || income === 0n ? incomeVat : roundDiv(incomeVat * incomeC, income);
    const refundsVatC = exclRefunds === 0n || refunds === 0n ? refundsVat : roundDiv(refundsVat * refundsC, refunds);
    let counted = net ? incomeC - refundsC : incomeC;
    if (vatExcluded) counted -= net ? incomeVatC - refundsVatC : incomeVatC;
    perKkt.push({ kktId, rnm: w.rnm, days: w.days.size, income, refunds, incomeVat: incomeVatC, refundsVat: refundsVatC, excluded: net ? exclIncome - exclRefunds : exclIncome, counted });
  }
  return { perKkt, flags };
}

const PERIOD = "2026-03"; // 31 days
const FORMS: PaymentForm[] = ["cash", "cashless", "prepaid", "credit"];
const money = (max: number) => fc.bigInt({ min: 0n, max: BigInt(max) });
const day = (d: number) => `${PERIOD}-${String(d).padStart(2, "0")}`;
const byForm: fc.Arbitrary<ByForm | undefined> = fc.option(
  fc.record({ cash: money(5_000_000), cashless: money(5_000_000), prepaid: money(1_000_000), credit: money(1_000_000) }, { requiredKeys: [] }),
  { nil: undefined },
);
const rowArb = fc.record({
  kktId: fc.constantFrom("k1", "k2", "k3", "k9"),
  day: fc.integer({ min: 1, max: 31 }).map(day),
  income: fc.oneof(fc.constant(0n), money(20_000_000), fc.bigInt({ min: -1_000_000n, max: 0n })),
  refunds: fc.oneof(fc.constant(0n), money(2_000_000)),
  incomeVat: fc.option(money(3_000_000), { nil: undefined }),
  refundsVat: fc.option(money(300_000), { nil: undefined }),
  incomeByForm: byForm,
  refundsByForm: byForm,
});
const dateIn = (lo: string, hi: string) => fc.integer({ min: toDay(lo), max: toDay(hi) }).map(fromDay);
/** A register's assignment: the contract's dates, or a window in or around the month. */
const assignment = (kktId: string, rnm: string) =>
  fc.record({ from: fc.option(dateIn("2026-02-20", "2026-03-31"), { nil: undefined }), to: fc.option(dateIn("2026-03-01", "2026-04-10"), { nil: undefined }) }).map((w) => ({ kktId, rnm, ...w }));
const contractArb: fc.Arbitrary<ContractInput> = fc
  .record({
    start: fc.oneof(fc.constant("2025-01-01"), dateIn("2026-03-01", "2026-03-20")),
    end: fc.oneof(fc.constant("2027-12-31"), dateIn("2026-03-21", "2026-03-31")),
    // k1 always; k2 maybe twice (two windows, possibly overlapping); k3 maybe; the same rnm order ties too.
    kkts: fc.tuple(assignment("k1", "0000000000000002"), fc.array(assignment("k2", "0000000000000001"), { maxLength: 2 }), fc.option(assignment("k3", "0000000000000002"), { nil: undefined })),
    mode: fc.constantFrom("greater_of" as const, "base_plus_overage" as const, "base_plus_percentage" as const, "percentage_only" as const),
    refunds: fc.constantFrom("net" as const, "gross" as const),
    vat: fc.constantFrom("included" as const, "excluded" as const),
    excludedForms: fc.option(fc.subarray(FORMS, { minLength: 1 }), { nil: undefined }),
    vatOnRent: fc.constantFrom(null, "22"),
  })
  .map((c) => ({
    start: c.start,
    end: c.end,
    areaM2: "120.50",
    kkts: [c.kkts[0], ...c.kkts[1], ...(c.kkts[2] ? [c.kkts[2]] : [])],
    terms: [
      {
        effectiveFrom: c.start,
        mode: c.mode,
        baseRent: { monthly: 10_000_000n },
        tiers: [{ from: 0n, rate: "8" }, { from: 50_000_000n, rate: "6.5" }],
        breakpoint: c.mode === "base_plus_overage" ? ("natural" as const) : undefined,
        basis: { refunds: c.refunds, vat: c.vat },
        excludedForms: c.excludedForms,
        vatOnRent: c.vatOnRent,
      },
    ],
  }));
const adjustmentsArb = fc.array(fc.record({ amount: fc.bigInt({ min: -5_000_000n, max: 5_000_000n }), reason: fc.string({ maxLength: 8 }), author: fc.constant("a@b.c") }), { maxLength: 2 });

describe("aggregated turnover (KktMonth) and per-day rows", () => {
  it("registerTurnover from aggregates equals the per-day computation it replaced", () => {
    fc.assert(
      fc.property(contractArb, fc.array(rowArb, { maxLength: 60 }), (c, rows) => {
        expect(registerTurnover(c, c.terms[0], PERIOD, rows)).toEqual(perDayRegisterTurnover(c, c.terms[0], PERIOD, rows));
      }),
      { numRuns: 5_000 },
    );
  });

  it("computeMonthFromAggregates(aggregateDays(rows)) is computeMonth(rows), and aggregates of any split of the days add up", () => {
    fc.assert(
      fc.property(contractArb, fc.uniqueArray(rowArb, { selector: (r) => `${r.kktId}:${r.day}`, maxLength: 60 }), adjustmentsArb, (c, rows, adj) => {
        const perDay = computeMonth(c, PERIOD, rows, adj);
        expect(computeMonthFromAggregates(c, PERIOD, aggregateDays(c, PERIOD, rows), adj)).toEqual(perDay);
        // The aggregates, made as SQL makes them (per register, over its counted days only), in reverse order.
        expect(computeMonthFromAggregates(c, PERIOD, aggregateDays(c, PERIOD, [...rows].reverse()).reverse(), adj)).toEqual(perDay);
      }),
      { numRuns: 5_000 },
    );
  });

  it("aggregates over days a register does not count for are refused, not silently counted", () => {
    const c: ContractInput = { start: "2026-03-10", end: "2027-12-31", kkts: [{ kktId: "k1", rnm: "1" }], terms: [{ effectiveFrom: "2026-03-10", mode: "percentage_only", baseRent: { monthly: 0n }, tiers: [{ from: 0n, rate: "5" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }] };
    const [m] = aggregateDays(c, PERIOD, [{ kktId: "k1", day: day(12), income: 100n, refunds: 0n }]);
    expect(m.presentDays).toBe(1 << 11);
    expect(() => computeMonthFromAggregates(c, PERIOD, [{ ...m, presentDays: 1 << 2 }])).toThrow(RangeError);
    expect(() => computeMonthFromAggregates(c, PERIOD, [m, m])).toThrow(RangeError);
    const s = computeMonthFromAggregates(c, PERIOD, [m]);
    expect(s.turnover).toBe(100n);
    expect(s.flags[0]).toMatchObject({ code: "missing_days" });
    expect(((s.flags[0] as RegisterFlag).days ?? []).length).toBe(21);
  });
});
