import { describe, expect, it } from "vitest";
import { eachDay } from "./dates";
import { consentCoversDay, minimumRequests, planFullDataRequests } from "./mapping";
import { fullDataUrl } from "./urls";

const rnm = (i: number) => String(4321088009033 + i * 7919).padStart(16, "0");
const rnms = Array.from({ length: 250 }, (_, i) => rnm(i));
const days = eachDay("2025-12-01", "2025-12-31");

describe("planFullDataRequests", () => {
  it("packs as many registers per one-day URL as fit, and no URL is too long", () => {
    const base = fullDataUrl("https://lk.ofd.ru", { from: "2025-12-01", to: "2025-12-01", rnms: [], token: "0".repeat(32), cabinet: { inn: "7728115183", kpp: "503243002" } }).length;
    const plan = planFullDataRequests(rnms, days, 2048, { baseLength: base });
    for (const p of plan) {
      const url = fullDataUrl("https://lk.ofd.ru", { from: p.day, to: p.day, rnms: p.rnms, token: "0".repeat(32), cabinet: { inn: "7728115183", kpp: "503243002" } });
      expect(url.length).toBeLessThanOrEqual(2048);
    }
    const perUrl = Math.floor((2048 - base) / "&Rnms=0000000000000000".length);
    expect(plan.length).toBe(days.length * Math.ceil(250 / perUrl));
    expect(plan.length).toBe(minimumRequests(rnms, days, 2048, { baseLength: base }));
    // Every register asked for every day, once.
    expect(plan.reduce((a, p) => a + p.rnms.length, 0)).toBe(250 * days.length);
  });

  it("asks only for registers whose consent covers the day", () => {
    const consent = { consentFrom: "2025-12-15T00:00:00", consentTo: "2026-12-31T23:59:00" };
    const covers = (r: string, d: string) => r !== rnms[0] || consentCoversDay(consent, d);
    const plan = planFullDataRequests(rnms.slice(0, 3), days, 2048, { covers });
    expect(plan.filter((p) => p.rnms.includes(rnms[0])).map((p) => p.day)).toEqual(eachDay("2025-12-15", "2025-12-31"));
    expect(plan).toHaveLength(31);
  });

  it("a tiny limit still works, one register per request; an impossible one throws", () => {
    expect(planFullDataRequests(rnms.slice(0, 5), ["2025-12-01"], 200, { baseLength: 170 })).toHaveLength(5);
    expect(() => planFullDataRequests(rnms, ["2025-12-01"], 180, { baseLength: 170 })).toThrow(RangeError);
  });
});
