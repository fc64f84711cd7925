import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeMonth } from "./compute";
import { reconcileLeaseYear } from "./reconcile";
import type { ContractInput, DayTurnover, Mode, Terms } from "./types";

const RUNS = { numRuns: 10_000 };
const MODES: Mode[] = ["greater_of", "base_plus_overage", "base_plus_percentage", "percentage_only"];
const money = (max: number) => fc.bigInt({ min: 0n, max: BigInt(max) });
const rate = fc.integer({ min: 0, max: 3000 }).map((bp) => (bp / 100).toFixed(2)); // 0.00–30.00 % as exact text

const termsArb: fc.Arbitrary<Terms> = fc
  .record({
    mode: fc.constantFrom(...MODES),
    base: money(50_000_000),
    rates: fc.array(rate, { minLength: 1, maxLength: 3 }),
    steps: fc.array(money(200_000_000).map((x) => x + 1n), { minLength: 2, maxLength: 2 }),
    floor: fc.option(money(5_000_000), { nil: undefined }),
    capExtra: fc.option(money(50_000_000), { nil: undefined }),
    natural: fc.boolean(),
    breakpoint: money(100_000_000),
    vat: fc.constantFrom(null, "20", "22"),
    vatInclusive: fc.boolean(),
    refunds: fc.constantFrom("net" as const, "gross" as const),
    vatBasis: fc.constantFrom("included" as const, "excluded" as const),
  })
  .map((t) => {
    let from = 0n;
    const tiers = t.rates.map((r, i) => {
      const tier = { from, rate: r };
      from += t.steps[i % 2];
      return tier;
    });
    if (t.mode === "base_plus_overage" && t.natural && tiers[0].rate === "0.00") tiers[0].rate = "1.00";
    return {
      effectiveFrom: "2020-01-01",
      mode: t.mode,
      baseRent: { monthly: t.base },
      tiers,
      breakpoint: t.mode === "base_plus_overage" ? (t.natural ? ("natural" as const) : t.breakpoint) : undefined,
      pctFloor: t.floor,
      pctCap: t.capExtra !== undefined ? (t.floor ?? 0n) + t.capExtra : undefined,
      basis: { refunds: t.refunds, vat: t.vatBasis },
      vatOnRent: t.vat,
      vatInclusive: t.vatInclusive,
    } satisfies Terms;
  });

const dayArb = fc.record({
  kkt: fc.constantFrom("k1", "k2"),
  day: fc.integer({ min: 1, max: 28 }),
  income: money(10_000_000),
  refundPct: fc.integer({ min: 0, max: 30 }),
});

function build(terms: Terms, start = "2020-01-01"): ContractInput {
  return { start, end: "2030-12-31", kkts: [{ kktId: "k1", rnm: "0000000000000001" }, { kktId: "k2", rnm: "0000000000000002" }], terms: [{ ...terms, effectiveFrom: start }] };
}

function toRows(days: { kkt: string; day: number; income: bigint; refundPct: number }[], period = "2026-02"): DayTurnover[] {
  return days.map((d) => {
    const refunds = (d.income * BigInt(d.refundPct)) / 100n;
    return { kktId: d.kkt, day: `${period}-${String(d.day).padStart(2, "0")}`, income: d.income, refunds, incomeVat: (d.income * 20n) / 120n, refundsVat: (refunds * 20n) / 120n };
  });
}

/** A deterministic Fisher–Yates shuffle driven by the generated seed. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Rows with unique (register, day): a source gives one figure per register and day. */
const rowsArb = fc.uniqueArray(dayArb, { selector: (d) => `${d.kkt}:${d.day}`, maxLength: 20 });

describe("rent engine properties", () => {
  it("rent is never negative and the parts add up to the total", () => {
    fc.assert(
      fc.property(termsArb, rowsArb, (terms, days) => {
        const s = computeMonth(build(terms), "2026-02", toRows(days));
        expect(s.rent >= 0n && s.vat >= 0n).toBe(true);
        expect(s.rent + s.vat).toBe(s.total);
        expect(s.tiers.reduce((a, t) => a + t.amount, 0n) >= 0n).toBe(true);
        expect(s.turnoverByKkt.reduce((a, k) => a + k.counted, 0n)).toBe(s.turnover);
        const total = s.lines.find((l) => l.key === "total")!;
        expect(total.amount).toBe(s.total);
      }),
      RUNS,
    );
  });

  it("greater_of is at least both its parts", () => {
    fc.assert(
      fc.property(termsArb, rowsArb, (terms, days) => {
        const s = computeMonth(build({ ...terms, mode: "greater_of", vatOnRent: null }), "2026-02", toRows(days));
        expect(s.rent >= s.baseRent && s.rent >= s.percentageRent).toBe(true);
      }),
      RUNS,
    );
  });

  it("rent never falls when turnover rises", () => {
    fc.assert(
      fc.property(termsArb, rowsArb, money(50_000_000), (terms, days, extra) => {
        const rows = toRows(days);
        const more = [...rows, { kktId: "k1", day: "2026-02-28", income: 0n, refunds: 0n, incomeVat: 0n, refundsVat: 0n }];
        // Adding income on a day that had none: the same rows plus extra turnover.
        const base = rows.some((r) => r.kktId === "k1" && r.day === "2026-02-28") ? rows : more;
        const raised = base.map((r) => (r.kktId === "k1" && r.day === "2026-02-28" ? { ...r, income: r.income + extra, incomeVat: r.incomeVat! } : r));
        const a = computeMonth(build(terms), "2026-02", base);
        const b = computeMonth(build(terms), "2026-02", raised);
        expect(b.turnover >= a.turnover).toBe(true);
        expect(b.total >= a.total).toBe(true);
      }),
      RUNS,
    );
  });

  it("a full month equals the unprorated result", () => {
    fc.assert(
      fc.property(termsArb, rowsArb, (terms, days) => {
        const s = computeMonth(build(terms), "2026-02", toRows(days));
        expect(s.activeDays).toBe(s.daysInMonth);
        expect(s.baseRent).toBe(s.baseRentMonthly);
        const tiers = [...terms.tiers].sort((x, y) => (x.from < y.from ? -1 : 1));
        expect(s.tiers.map((t) => t.to)).toEqual(tiers.map((_, i) => tiers[i + 1]?.from ?? null));
      }),
      RUNS,
    );
  });

  it("the order of registers and days changes nothing, and recomputing is identical", () => {
    fc.assert(
      fc.property(termsArb, rowsArb, fc.integer(), (terms, days, seed) => {
        const rows = toRows(days);
        const shuffled = shuffle(rows, seed);
        const c = build(terms);
        const reversedKkts: ContractInput = { ...c, kkts: [...c.kkts].reverse() };
        const a = computeMonth(c, "2026-02", rows);
        expect(computeMonth(reversedKkts, "2026-02", shuffled)).toEqual(a);
        expect(computeMonth(c, "2026-02", rows)).toEqual(a);
      }),
      RUNS,
    );
  });

  it("a lease year billed on its own yearly figures needs no true-up when every month is alike", () => {
    fc.assert(
      fc.property(termsArb, money(20_000_000), (terms, daily) => {
        const t: Terms = { ...terms, mode: "base_plus_percentage", pctFloor: undefined, pctCap: undefined, tiers: [{ from: 0n, rate: terms.tiers[0].rate }], vatOnRent: null };
        const c = build(t, "2025-01-01");
        const months = Array.from({ length: 12 }, (_, i) => {
          const p = `2025-${String(i + 1).padStart(2, "0")}`;
          return computeMonth(c, p, [{ kktId: "k1", day: `${p}-10`, income: daily, refunds: 0n, incomeVat: 0n, refundsVat: 0n }]);
        });
        const r = reconcileLeaseYear({ terms: t, months });
        // A single flat tier is linear, so the year equals the sum of its months up to rounding.
        expect(r.trueUp >= -12n && r.trueUp <= 12n).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
