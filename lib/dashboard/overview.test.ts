import { describe, expect, it } from "vitest";
import type { TurnoverRow } from "@/lib/turnover/report";
import { tenantOverview } from "./overview";

const row = (tenantId: string, net: bigint): TurnoverRow => ({ key: { tenantId, inn: "", name: "" }, income: net, refunds: 0n, net, receipts: 0, days: 1 });
const tenants = [
  { id: "a", name: "А", inn: "1" },
  { id: "b", name: "Б", inn: "2" },
  { id: "c", name: "В", inn: "3" },
  { id: "d", name: "Г", inn: "4" },
];

describe("tenantOverview", () => {
  it("compares with a year before, adds up each tenant's statements and gives its occupancy cost, exactly", () => {
    const o = tenantOverview({
      byTenant: [row("a", 300_000_00n), row("b", 100_000_00n)],
      yearBefore: [row("a", 250_000_00n), row("c", 10_000_00n)],
      statements: [
        { contractId: "a1", rent: 20_000_00n, total: 24_400_00n },
        { contractId: "a2", rent: 5_000_00n, total: 6_100_00n },
        { contractId: "d1", rent: 1_000_00n, total: 1_220_00n },
        { contractId: "gone", rent: 9n, total: 9n },
      ],
      contractTenant: new Map([["a1", "a"], ["a2", "a"], ["d1", "d"]]),
      tenants,
    });
    expect(o.net).toBe(400_000_00n);
    expect(o.netYearBefore).toBe(260_000_00n);
    expect(o.changeTenths).toBe(538n); // 140 000 ÷ 260 000 = 53.846… % → 53.8 %
    expect(o.rows).toEqual([
      // 300 000 vs 250 000: +20.0 %; 75.0 % of the mall; rent 25 000 ÷ 300 000 = 8.33… % → 8.3 %.
      { tenantId: "a", name: "А", inn: "1", net: 300_000_00n, netYearBefore: 250_000_00n, changeTenths: 200n, shareTenths: 750n, rent: 25_000_00n, total: 30_500_00n, occupancyCostTenths: 83n },
      // No turnover a year before: nothing to compare; no statement: no occupancy cost.
      { tenantId: "b", name: "Б", inn: "2", net: 100_000_00n, netYearBefore: null, changeTenths: null, shareTenths: 250n, rent: null, total: null, occupancyCostTenths: null },
      // A statement but no turnover: listed, with its rent, and no ratio.
      { tenantId: "d", name: "Г", inn: "4", net: 0n, netYearBefore: null, changeTenths: null, shareTenths: 0n, rent: 1_000_00n, total: 1_220_00n, occupancyCostTenths: null },
    ]);
  });
  it("a fall is negative, and a month with nothing a year before has no change", () => {
    const o = tenantOverview({ byTenant: [row("a", 90n)], yearBefore: [row("a", 120n)], statements: [], contractTenant: new Map(), tenants });
    expect(o.rows[0].changeTenths).toBe(-250n);
    expect(tenantOverview({ byTenant: [row("a", 90n)], yearBefore: [], statements: [], contractTenant: new Map(), tenants }).changeTenths).toBeNull();
  });
  it("within one category, lists only its tenants and still compares rent with each tenant's whole turnover", () => {
    const o = tenantOverview({
      byTenant: [row("a", 100_000_00n)],
      yearBefore: [],
      statements: [{ contractId: "a1", rent: 30_000_00n, total: 36_600_00n }, { contractId: "d1", rent: 1n, total: 1n }],
      contractTenant: new Map([["a1", "a"], ["d1", "d"]]),
      tenants,
      wholeNet: new Map([["a", 300_000_00n]]),
    });
    expect(o.rows.map((r) => [r.tenantId, r.net, r.shareTenths, r.occupancyCostTenths])).toEqual([["a", 100_000_00n, 1000n, 100n]]);
  });
});
