import { describe, expect, it } from "vitest";
import { dayNumber, eachDay, weekday } from "../dates";
import { createDataset } from "./dataset";
import { daySegments, flowTotal, periodTotals, shiftSegments, vatRateOn } from "./figures";
import { isValidInn, isValidRnm, rnmFor } from "./identifiers";
import { decodeReceiptId, receiptItems, segmentReceipts } from "./receipts";

const demo = createDataset();
const dn = (d: string) => dayNumber(d)!;
const total = (kkt: number, from: string, to: string) => {
  const t = periodTotals(demo, kkt, dn(from), dn(to));
  return t.income.reduce((a, b) => a + b, 0n);
};

describe("dataset", () => {
  it("the same seed gives the same mall and the same numbers; another seed does not", () => {
    const again = createDataset();
    expect(again.kkts.map((k) => k.rnm)).toEqual(demo.kkts.map((k) => k.rnm));
    expect(again.tenants.map((t) => t.name)).toEqual(demo.tenants.map((t) => t.name));
    for (const k of [0, 17, 249]) expect(periodTotals(again, k, dn("2025-12-01"), dn("2025-12-31"))).toEqual(periodTotals(demo, k, dn("2025-12-01"), dn("2025-12-31")));
    const other = createDataset({ seed: 7 });
    expect(other.kkts[0].rnm).not.toBe(demo.kkts[0].rnm);
  });

  it("the demo mall: 2 cabinets, 120 tenants, 250 registers with valid identifiers", () => {
    expect([demo.cabinets.length, demo.tenants.length, demo.kkts.length]).toEqual([2, 120, 250]);
    for (const c of demo.cabinets) expect(isValidInn(c.inn) && /^\d{9}$/.test(c.kpp)).toBe(true);
    for (const t of demo.tenants) {
      expect(isValidInn(t.inn)).toBe(true);
      if (t.inn.length === 10) expect(t.kpp).toMatch(/^\d{9}$/);
      else expect(t.kpp).toBeUndefined();
    }
    for (const k of demo.kkts) expect(isValidRnm(k.rnm, demo.tenants[k.tenant].inn, k.factoryNumber)).toBe(true);
    expect(new Set(demo.kkts.map((k) => k.rnm)).size).toBe(250);
    expect(new Set(demo.tenants.map((t) => t.inn)).size).toBe(120);
    expect(demo.tenants.some((t) => t.name.startsWith("ИП "))).toBe(true);
    expect(new Set(demo.tenants.map((t) => t.category.activity)).size).toBeGreaterThanOrEqual(8);
  });

  it("the RNM check matches the document's real example", () => {
    expect(rnmFor("0004321088", "7716872968", "00106900125570")).toBe("0004321088009033");
  });

  it("December is the peak month and Saturdays beat Tuesdays", () => {
    const months = Array.from({ length: 12 }, (_, m) => {
      const from = `2025-${String(m + 1).padStart(2, "0")}-01`;
      const to = eachDay(from, `2025-${String(m + 1).padStart(2, "0")}-28`).at(-1)!;
      return demo.kkts.slice(0, 60).reduce((a, k) => a + total(k.index, from, to), 0n);
    });
    expect(months.indexOf(months.reduce((a, b) => (a > b ? a : b)))).toBe(11);
    const days = eachDay("2025-02-01", "2025-06-30");
    const sumOn = (wd: number) => days.filter((d) => weekday(d) === wd).reduce((a, d) => a + demo.kkts.slice(0, 60).reduce((s, k) => s + total(k.index, d, d), 0n), 0n);
    expect(sumOn(5)).toBeGreaterThan(sumOn(1));
  });

  it("VAT is 20 % until 2025-12-31 and 22 % from 2026-01-01; some tenants pay none, some 10 %", () => {
    const basic = demo.kkts.find((k) => demo.tenants[k.tenant].vat === "basic")!;
    expect(vatRateOn(demo, basic.index, dn("2025-12-31"))).toBe(20);
    expect(vatRateOn(demo, basic.index, dn("2026-01-01"))).toBe(22);
    const seg = daySegments(demo, basic.index, dn("2026-01-10"))[0];
    expect(seg.incomeVat * 122n).toBeGreaterThanOrEqual(flowTotal(seg.income) * 22n - 61n);
    expect(seg.incomeVat * 122n).toBeLessThanOrEqual(flowTotal(seg.income) * 22n + 61n);
    expect(demo.tenants.some((t) => t.vat === "none")).toBe(true);
    expect(demo.tenants.some((t) => t.vat === "reduced")).toBe(true);
  });

  it("has refunds, a cash/cashless mix, silent registers and consents starting or ending mid-month", () => {
    const t = periodTotals(demo, 0, dn("2025-03-01"), dn("2025-03-31"));
    expect(t.refund.reduce((a, b) => a + b, 0n)).toBeGreaterThan(0n);
    expect(t.income[0]).toBeGreaterThan(0n);
    expect(t.income[1]).toBeGreaterThan(t.income[0]);
    const silent = demo.kkts.filter((k) => k.silent);
    expect(silent.length).toBeGreaterThan(3);
    const s = silent[0].silent!;
    expect(s[1] - s[0]).toBeGreaterThanOrEqual(2);
    expect(shiftSegments(demo, silent[0].index, s[0] + 1)).toEqual([]);
    const mid = (d: string) => Number(d.slice(8)) >= 10 && Number(d.slice(8)) <= 20;
    expect(demo.kkts.some((k) => k.consentFrom !== demo.options.from && mid(k.consentFrom))).toBe(true);
    expect(demo.kkts.some((k) => k.consentTo !== demo.options.to && mid(k.consentTo))).toBe(true);
  });

  it("late shifts cross midnight, and receipts, shifts and days add up to the same kopecks", () => {
    const late = demo.kkts.find((k) => k.closeMinute > 1440 && !k.silent)!;
    const day = dn("2025-12-12");
    const shift = shiftSegments(demo, late.index, day);
    expect(shift.map((s) => s.day)).toEqual([day, day + 1]);
    // A calendar day = its own shift before midnight + the previous shift after midnight.
    const segs = daySegments(demo, late.index, day);
    expect(segs.map((s) => [s.shiftDay, s.part])).toEqual([[day - 1, 1], [day, 0]]);
    const receipts = segs.flatMap((s) => segmentReceipts(demo, s));
    const income = receipts.filter((r) => r.operation === "Income").reduce((a, r) => a + r.total, 0n);
    expect(income).toBe(segs.reduce((a, s) => a + flowTotal(s.income), 0n));
    const vat = receipts.filter((r) => r.operation === "Income").reduce((a, r) => a + r.vat, 0n);
    expect(vat).toBe(segs.reduce((a, s) => a + s.incomeVat, 0n));
    expect(receipts.every((r) => r.docDateTime.startsWith("2025-12-12"))).toBe(true);
    const rc = receipts[5];
    expect(decodeReceiptId(demo, rc.id)).toEqual({ kkt: rc.kkt, shiftDay: rc.shiftDay, part: rc.part, index: rc.index });
    const items = receiptItems(demo, rc);
    expect(items.reduce((a, i) => a + i.total, 0n)).toBe(rc.total);
    expect(items.reduce((a, i) => a + i.vat, 0n)).toBe(rc.vat);
  });

  it("is lazy: 1,200 registers over 400 days are cheap to create and to read a day of", () => {
    const started = performance.now();
    const big = createDataset({ seed: 3, tenants: 500, kkts: 1200, from: "2025-01-01", to: "2026-02-04" });
    const d = dn("2025-12-20");
    let sum = 0n;
    for (const k of big.kkts) for (const s of daySegments(big, k.index, d)) sum += flowTotal(s.income);
    expect(sum).toBeGreaterThan(0n);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
