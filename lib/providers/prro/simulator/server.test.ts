/** The simulator honours the document (path, token, headers, payload) and its shifts follow the Renta dataset as the clock moves. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { roundDiv } from "@/lib/money";
import { dayNumber } from "@/lib/providers/renta/dates";
import { flowCount, flowTotal, periodTotals, shiftSegments } from "@/lib/providers/renta/simulator/figures";
import { shiftPayload } from "@/lib/providers/renta/simulator/payloads";
import { createPrroClient } from "../client";
import { kyivInstant, kyivWallClock } from "../dates";
import type { PrroShift } from "../mapping";
import { isValidEdrpou } from "./identifiers";
import { simShift } from "./shifts";
import { finalShiftTotals, PRRO_DEMO_API_TOKEN, shiftAt, startPrroSimulator, type PrroSimulator, type SimTaxObject } from "./server";

let sim: PrroSimulator;
beforeAll(async () => {
  sim = await startPrroSimulator();
});
afterAll(() => sim.close());
afterEach(() => {
  sim.setNow(null);
  sim.resetCounters();
});

const HEADERS = { Accept: "application/json", "Content-Type": "application/json" };
const get = (n: string, o: { headers?: Record<string, string>; token?: string | null; method?: string } = {}) =>
  fetch(`${sim.url}/api/v2/tax_objects/${n}${o.token === null ? "" : `?api_token=${encodeURIComponent(o.token ?? sim.apiToken)}`}`, { method: o.method ?? "GET", headers: o.headers ?? HEADERS });
const client = () => createPrroClient({ baseUrl: sim.url, apiToken: sim.apiToken, maxRetries: 0 });
const at = (local: string) => kyivInstant(local);
const kkt = (to: SimTaxObject) => sim.dataset.kkts[to.kkt];
const late = () => sim.taxObjects.find((t) => kkt(t).closeMinute > 1440 && kkt(t).afterMidnightPermille > 0)!;

/** What the service shows at a Kyiv wall-clock time, read by the client (schema and mapping included). */
async function shownAt(to: SimTaxObject, local: string): Promise<PrroShift | null> {
  sim.setNow(at(local));
  return (await client().taxObject(to.numFiscal)).shift;
}

describe("the document's rules", () => {
  it.each<[string, number, string, () => Promise<Response>]>([
    ["no api_token", 401, "api_token is missing or invalid", () => get("4000070440", { token: null })],
    ["a wrong api_token", 401, "api_token is missing or invalid", () => get("4000070440", { token: "42b5eaccba739f08***e7fe157eba8bf" })],
    ["another path", 404, "no such method", () => fetch(`${sim.url}/api/v2/tax_object/1?api_token=${sim.apiToken}`, { headers: HEADERS })],
    ["POST", 405, "only GET is allowed", () => get("4000070440", { method: "POST" })],
    ["no Accept", 406, "the request must carry Accept: application/json", () => get("4000070440", { headers: { "Content-Type": "application/json" } })],
    ["Accept: text/html", 406, "the request must carry Accept: application/json", () => get("4000070440", { headers: { Accept: "text/html", "Content-Type": "application/json" } })],
    ["no Content-Type", 415, "the request must carry Content-Type: application/json", () => get("4000070440", { headers: { Accept: "application/json" } })],
    ["a num_fiscal that is not a number", 400, "num_fiscal must be an integer", () => get("40000x0440")],
    ["an unknown num_fiscal", 404, "no cash register with fiscal number 4000070440", () => get("4000070440")],
  ])("%s → %i with a JSON error that does not repeat the token", async (_, status, message, send) => {
    const res = await send();
    const text = await res.text();
    expect([res.status, JSON.parse(text).message]).toEqual([status, message]);
    expect(text).not.toContain(sim.apiToken);
  });

  it("Accept may list other types too; header names are case-insensitive", async () => {
    const res = await get(sim.taxObjects[0].numFiscal, { headers: { accept: "text/plain, application/json;q=0.9", "content-type": "application/json; charset=utf-8" } });
    expect(res.status).toBe(200);
  });

  it("the test hook lists the registers it serves, each from one dataset register, with a valid ЄДРПОУ", async () => {
    const res = await fetch(`${sim.url}/__simulator/tax-objects`);
    const body = (await res.json()) as { taxObjects: { numFiscal: string; tin: string; orgName: string; name: string; rnm: string }[] };
    expect(body.taxObjects).toEqual(sim.taxObjects.map(({ numFiscal, tin, orgName, name, rnm }) => ({ numFiscal, tin, orgName, name, rnm })));
    expect(sim.taxObjects).toHaveLength(4);
    expect(new Set(sim.taxObjects.map((t) => t.rnm)).size).toBe(4);
    for (const t of sim.taxObjects) {
      expect(t.numFiscal).toMatch(/^\d{10}$/);
      expect(t.address).toContain("Київ");
      expect(t.orgName).toMatch(/^ТОВ "/);
      expect(isValidEdrpou(t.tin)).toBe(true);
    }
    expect(sim.apiToken).toBe(PRRO_DEMO_API_TOKEN);
  });

  it("covers a shift past midnight, a tenant without VAT and one with prepaid or credit sales", () => {
    const tenant = (t: SimTaxObject) => sim.dataset.tenants[kkt(t).tenant];
    expect(late()).toBeDefined();
    expect(sim.taxObjects.some((t) => tenant(t).vat === "none" && !t.vatPayer && t.ipn === null)).toBe(true);
    expect(sim.taxObjects.some((t) => tenant(t).category.prepaidPermille + tenant(t).category.creditPermille > 0)).toBe(true);
  });
});

describe("the payload", () => {
  it("writes money as hryvnias with at most two decimals, num_fiscal as an integer, dates as the document does", async () => {
    sim.setNow(at("2025-06-03T18:00:00"));
    const to = sim.taxObjects[2];
    const text = await (await get(to.numFiscal)).text();
    expect(text).toContain(`"num_fiscal":${to.numFiscal},`);
    expect(text).not.toMatch(/[:[,]-?\d+\.\d{3,}/);
    expect(text).toMatch(/"sum":\d+(\.\d{1,2})?[,}]/);
    const body = JSON.parse(text);
    expect(body.data.created_at).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(body.data.shift.open_date).toMatch(/^03\.06\.2025 \d{2}:\d{2}:\d{2}$/);
    expect(body.data.shift.state).toBe(true);
    expect(body.data.shift.totals.number).toBe(simShift(sim.dataset, to.kkt, dayNumber("2025-06-03")!)!.number);
  });

  it("a shift id is 24 hex digits starting with the opening's Unix seconds, like the example's ObjectIds", async () => {
    const s = (await shownAt(sim.taxObjects[0], "2025-06-03T18:00:00"))!;
    expect(s.id).toMatch(/^[0-9a-f]{24}$/);
    expect(parseInt(s.id.slice(0, 8), 16) * 1000).toBe(at(s.openedAt).getTime());
  });

  it("is the same for the same seed and clock", async () => {
    const other = await startPrroSimulator({ now: () => at("2025-06-03T18:00:00") });
    try {
      sim.setNow(at("2025-06-03T18:00:00"));
      const url = (base: string, token: string) => `${base}/api/v2/tax_objects/${sim.taxObjects[1].numFiscal}?api_token=${token}`;
      const [a, b] = await Promise.all([fetch(url(sim.url, sim.apiToken), { headers: HEADERS }), fetch(url(other.url, other.apiToken), { headers: HEADERS })]);
      expect(await a.text()).toBe(await b.text());
    } finally {
      await other.close();
    }
  });
});

describe("shifts as the clock moves", () => {
  it("before the register's first shift there is none", async () => {
    const first = sim.dataset.options.from;
    sim.setNow(at(`${first}T05:00:00`));
    const body = await (await get(sim.taxObjects[0].numFiscal)).json();
    expect(body.data.shift).toBeNull();
    expect(await shownAt(sim.taxObjects[0], `${first}T05:00:00`)).toBeNull();
    expect(shiftAt(sim, sim.taxObjects[0], at("2024-12-31T23:00:00"))).toBeNull();
  });

  it("an open shift's totals grow over the day and never go down; once closed it shows its final totals", async () => {
    const to = sim.taxObjects.find((t) => t !== late())!;
    const day = "2025-06-03";
    const s = simShift(sim.dataset, to.kkt, dayNumber(day)!)!;
    const seen: PrroShift[] = [];
    for (let t = at(s.openedAt).getTime(); t < at(s.closedAt).getTime(); t += 40 * 60_000) {
      const shown = (await shownAt(to, kyivWallClock(new Date(t))))!;
      expect(shown).toEqual(shiftAt(sim, to, new Date(t)));
      expect([shown.id, shown.isOpen, shown.day, shown.openedAt]).toEqual([s.id, true, day, s.openedAt]);
      seen.push(shown);
    }
    expect(seen.length).toBeGreaterThan(15);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1].totals, seen[i].totals];
      expect(b.income >= a.income && b.refunds >= a.refunds && b.receipts >= a.receipts && b.refundReceipts >= a.refundReceipts).toBe(true);
      expect(b.incomeVat! >= a.incomeVat!).toBe(true);
    }
    expect(seen[0].totals.receipts).toBe(0);
    expect(seen.at(-1)!.totals.income).toBeGreaterThan(seen[1].totals.income);
    const closed = (await shownAt(to, s.closedAt))!;
    expect([closed.id, closed.isOpen, closed.day]).toEqual([s.id, false, day]);
    expect(closed.totals).toEqual(finalShiftTotals(sim, to, day));
    // Until the next shift opens, the closed one stays on show with the same figures.
    const nextMorning = (await shownAt(to, "2025-06-04T07:00:00"))!;
    expect(nextMorning).toEqual(closed);
    const next = (await shownAt(to, "2025-06-04T12:00:00"))!;
    expect([next.day, next.isOpen, next.number, next.id === s.id]).toEqual(["2025-06-04", true, s.number + 1, false]);
  });

  it("a shift past midnight stays open on the next calendar day and counts on the day it opened", async () => {
    const to = late();
    const day = "2025-06-06";
    const s = simShift(sim.dataset, to.kkt, dayNumber(day)!)!;
    expect(s.closedAt.slice(0, 10)).toBe("2025-06-07");
    const before = (await shownAt(to, "2025-06-06T23:59:59"))!;
    const lastAfterMidnight = s.sales.filter((x) => x.at.startsWith("2025-06-07")).at(-1)!;
    expect(lastAfterMidnight.at < s.closedAt).toBe(true);
    const after = (await shownAt(to, lastAfterMidnight.at))!;
    expect([after.id, after.isOpen, after.day]).toEqual([s.id, true, day]);
    expect(after.totals.receipts + after.totals.refundReceipts).toBe(s.sales.length);
    expect(after.totals.receipts + after.totals.refundReceipts).toBeGreaterThan(before.totals.receipts + before.totals.refundReceipts);
    const closed = (await shownAt(to, "2025-06-07T04:00:00"))!;
    expect([closed.isOpen, closed.day]).toEqual([false, day]);
    const final = finalShiftTotals(sim, to, day)!;
    expect(closed.totals).toEqual(final);
    // The calendar day of 2025-06-06 (Renta's kkt-full-data view) misses the receipts after midnight; the shift has them.
    const calendar = periodTotals(sim.dataset, to.kkt, dayNumber(day)!, dayNumber(day)!);
    const ownBefore = shiftSegments(sim.dataset, to.kkt, dayNumber(day)!).find((x) => x.part === 0)!;
    expect(final.income).toBeGreaterThan(flowTotal(ownBefore.income));
    expect(calendar.income.reduce((a, b) => a + b, 0n)).not.toBe(final.income);
  });

  it("the daylight-saving nights change nothing: shifts close before 03:00 and ids keep the true instant", () => {
    for (const day of ["2025-03-29", "2025-03-30", "2025-10-25", "2025-10-26"]) {
      for (const to of sim.taxObjects) {
        const s = simShift(sim.dataset, to.kkt, dayNumber(day)!);
        if (!s) continue;
        expect(s.closedAt.slice(11) < "03:00:00" || s.closedAt.slice(0, 10) === day).toBe(true);
        expect(parseInt(s.id.slice(0, 8), 16) * 1000).toBe(at(s.openedAt).getTime());
        expect(shiftAt(sim, to, at(s.closedAt.slice(0, 10) === day ? s.closedAt : `${s.closedAt.slice(0, 10)}T05:00:00`))!.totals).toEqual(finalShiftTotals(sim, to, day));
      }
    }
  });
});

describe("the truth for sync tests", () => {
  it("a business day's final totals are the Renta dataset's figures for the shift opened that day", () => {
    const ds = sim.dataset;
    for (const to of sim.taxObjects) {
      for (let d = dayNumber("2025-06-01")!; d <= dayNumber("2025-06-14")!; d++) {
        const day = new Date(d * 86_400_000).toISOString().slice(0, 10);
        const final = finalShiftTotals(sim, to, day);
        const segs = shiftSegments(ds, to.kkt, d);
        if (segs.length === 0) {
          expect(final).toBeNull();
          continue;
        }
        const sum = (f: (s: (typeof segs)[number]) => bigint) => segs.reduce((a, s) => a + f(s), 0n);
        const count = (f: (s: (typeof segs)[number]) => number) => segs.reduce((a, s) => a + f(s), 0);
        // Renta's own shift report (3.6) for the same shift says the same.
        const renta = shiftPayload(ds, to.kkt, d, "2099-01-01T00:00:00");
        expect(final!.income).toBe(sum((s) => flowTotal(s.income)));
        expect(final!.income).toBe(renta.IncomeSumm);
        expect(final!.refunds).toBe(sum((s) => flowTotal(s.refund)));
        expect(final!.refunds).toBe(renta.RefundIncomeSumm);
        expect([final!.receipts, final!.refundReceipts]).toEqual([count((s) => flowCount(s.income)), count((s) => flowCount(s.refund))]);
        expect([final!.receipts]).toEqual([renta.IncomeCount]);
        const split = sum((s) => s.income.amounts[2] + s.income.amounts[3]) === 0n;
        expect([final!.incomeCash, final!.incomeCashless]).toEqual(split ? [renta.IncomeCashSumm, renta.IncomeECashSumm] : [null, null]);
        // VAT at 20 % inside each receipt: within a kopiyka a receipt of 20/120 of the whole.
        const vat = to.vatPayer ? roundDiv(final!.income * 20n, 120n) : 0n;
        const diff = final!.incomeVat! - vat;
        expect(diff <= BigInt(final!.receipts) && -diff <= BigInt(final!.receipts)).toBe(true);
      }
    }
  });
});
