/** The simulator honours the document: path, body, both key headers, filters, orders, limit/offset paging, the payload's look. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { majorToMinor } from "@/lib/money";
import { dayNumber } from "@/lib/providers/renta/dates";
import { periodTotals, type Quad } from "@/lib/providers/renta/simulator/figures";
import { defaultOrganizations } from "@/lib/providers/kontur/simulator/organizations";
import { layoutOf } from "./documents";
import { startYandexSimulator, YANDEX_DEMO_KEY, YANDEX_DEMO_OFD_KEY, type YandexSimulator } from "./server";

let sim: YandexSimulator;
beforeAll(async () => {
  sim = await startYandexSimulator();
});
afterAll(() => sim.close());
afterEach(() => sim.resetCounters());

type Doc = Record<string, unknown>;
type Page = { data: Doc[]; total: number };
const DAY = { date_from: "2025-06-02", date_to: "2025-06-02" };
const big = () => sim.companies[0];
const small = () => sim.companies[1];

function post(body: unknown, headers: Record<string, string> = { "X-Yandex-Key": sim.yandexKey, "X-OFD-Key": sim.ofdKey, "Content-Type": "application/json" }) {
  return fetch(`${sim.url}/v1/docs/aggregations/receipts`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}
async function page(body: Record<string, unknown>): Promise<Page> {
  const res = await post(body);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}
const kop = (v: unknown) => majorToMinor(String(v));
const sum = (q: Quad<bigint>) => q.reduce((a, b) => a + b, 0n);
const count = (q: Quad<number>) => q.reduce((a, b) => a + b, 0);

describe("keys", () => {
  it.each<[string, () => Record<string, string>]>([
    ["no keys", () => ({ "Content-Type": "application/json" })],
    ["the X-Yandex-Key only", () => ({ "X-Yandex-Key": sim.yandexKey, "Content-Type": "application/json" })],
    ["the X-OFD-Key only", () => ({ "X-OFD-Key": sim.ofdKey, "Content-Type": "application/json" })],
    ["a wrong X-OFD-Key", () => ({ "X-Yandex-Key": sim.yandexKey, "X-OFD-Key": "eka...b17eae", "Content-Type": "application/json" })],
    ["the keys swapped", () => ({ "X-Yandex-Key": sim.ofdKey, "X-OFD-Key": sim.yandexKey, "Content-Type": "application/json" })],
  ])("%s → 401 with a JSON error", async (_, headers) => {
    const res = await post(DAY, headers());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: "Unauthorized", message: "X-Yandex-Key or X-OFD-Key is missing or invalid" });
  });

  it("header names are case-insensitive, as in the document's lower-case example", async () => {
    expect((await post(DAY, { "x-yandex-key": YANDEX_DEMO_KEY, "x-ofd-key": YANDEX_DEMO_OFD_KEY, "content-type": "application/json" })).status).toBe(200);
  });
});

describe("what is refused", () => {
  it("another path is 404, another verb 405, another content type 415; an unknown company or cashbox is 404", async () => {
    const headers = { "X-Yandex-Key": sim.yandexKey, "X-OFD-Key": sim.ofdKey };
    expect((await fetch(`${sim.url}/v1/docs/aggregations/shifts`, { method: "POST", headers, body: "{}" })).status).toBe(404);
    expect((await fetch(`${sim.url}/v1/docs/aggregations/receipts`, { headers })).status).toBe(405);
    expect((await post(JSON.stringify(DAY), { ...headers, "Content-Type": "text/plain" })).status).toBe(415);
    const res = await post({ ...DAY, company_ids: ["999"] });
    expect([res.status, await res.json()]).toEqual([404, { code: "NotFound", message: 'company "999" not found' }]);
    expect((await post({ ...DAY, cashbox_ids: ["0000000000000001"] })).status).toBe(404);
  });

  it.each<[string, unknown, string]>([
    ["a body that is not JSON", "{date_from:", "the body is not JSON"],
    ["a body that is an array", "[]", "the body must be a JSON object"],
    ["no date_from", { date_to: "2025-06-02" }, "date_from is required"],
    ["the filter's date with a T", { date_from: "2025-06-02T00:00:00", date_to: "2025-06-02" }, "date_from must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss"],
    ["a Russian date", { date_from: "2025-06-02", date_to: "02.06.2025" }, "date_to must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss"],
    ["an impossible date", { date_from: "2025-02-30", date_to: "2025-03-02" }, "date_from must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss"],
    ["date_to before date_from", { date_from: "2025-06-03", date_to: "2025-06-02 23:59:59" }, "date_to is before date_from"],
    ["a negative limit", { ...DAY, limit: -1 }, "limit must be a non-negative integer"],
    ["a negative offset", { ...DAY, offset: -20 }, "offset must be a non-negative integer"],
    ["a limit as text", { ...DAY, limit: "20" }, "limit must be a non-negative integer"],
    ["company_ids not a list", { ...DAY, company_ids: "301" }, "company_ids must be an array of strings"],
    ["a Russian document type", { ...DAY, document_types: ["чек"] }, 'unknown document_types value "чек"; known: fiscalReport, fiscalReportCorrection, openShift, closeShift, receipt, receiptCorrection, bso, bsoCorrection, currentStateReport, closeArchive'],
    ["a Russian operation type", { ...DAY, operation_types: ["приход"] }, 'unknown operation_types value "приход"; known: income, income_return, outcome, outcome_return'],
    ["an unknown order", { ...DAY, orders: ["-amount"] }, 'unknown order "-amount"; known: date, shift, rn, fn, doc_number, number, totalSum, cashTotalSum, ecashTotalSum (prefix - for descending)'],
  ])("%s → 400", async (_, body, message) => {
    const res = await post(body);
    expect([res.status, await res.json()]).toEqual([400, { code: "BadRequest", message }]);
  });
});

describe("filters, orders and paging", () => {
  it("total counts every match; limit/offset pages join up to the whole list", async () => {
    const all = await page({ ...DAY, orders: ["date", "fn", "doc_number"] });
    expect(all.total).toBe(all.data.length);
    const seen: Doc[] = [];
    for (let offset = 0; offset < all.total; offset += 70) {
      const p = await page({ ...DAY, orders: ["date", "fn", "doc_number"], limit: 70, offset });
      expect([p.total, p.data.length]).toEqual([all.total, Math.min(70, all.total - offset)]);
      seen.push(...p.data);
    }
    expect(seen).toEqual(all.data);
    expect(await page({ ...DAY, limit: 0 })).toEqual({ data: [], total: all.total });
    expect(await page({ ...DAY, offset: all.total })).toEqual({ data: [], total: all.total });
  });

  it("company_ids and cashbox_ids narrow the registers; the document's example order -doc_number descends", async () => {
    const one = await page({ ...DAY, company_ids: [small().id] });
    expect(new Set(one.data.map((d) => d.rn))).toEqual(new Set(small().rnms));
    const box = await page({ ...DAY, company_ids: [big().id], cashbox_ids: [big().rnms[1]], orders: ["-doc_number"] });
    expect(new Set(box.data.map((d) => d.rn))).toEqual(new Set([big().rnms[1]]));
    const numbers = box.data.map((d) => d.doc_number as number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const both = await page({ ...DAY, company_ids: [small().id], cashbox_ids: [big().rnms[0]] });
    expect(both.total).toBe(0);
  });

  it("orders apply one after another: rn, then -totalSum", async () => {
    const p = await page({ ...DAY, company_ids: [big().id], orders: ["rn", "-totalSum"] });
    const keys = p.data.map((d) => [d.rn as string, kop(d.totalSum)] as const);
    const sorted = [...keys].sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1));
    expect(keys).toEqual(sorted);
  });

  it("document_types take the English values and answer with Russian code_names; shift reports have operation \"\"", async () => {
    const p = await page({ ...DAY, company_ids: [small().id], document_types: ["openShift", "closeShift"] });
    expect(p.data.map((d) => [d.code_name, d.operation, d.number, kop(d.totalSum)])).toEqual([
      ["открытие смены", "", 0, 0n],
      ["закрытие смены", "", 0, 0n],
    ]);
  });

  it("operation_types take income_return and answer \"возврат прихода\", leaving the shift reports out", async () => {
    const p = await page({ ...DAY, operation_types: ["income_return"] });
    expect(p.total).toBeGreaterThan(0);
    expect(new Set(p.data.map((d) => [d.operation, d.code_name].join("/")))).toEqual(new Set(["возврат прихода/чек"]));
  });

  it("shifts, fiscal_doc and fiscal_sign find single documents; retail_point_ids is refused, not ignored", async () => {
    const [first] = (await page({ ...DAY, company_ids: [small().id], limit: 1 })).data;
    expect((await page({ ...DAY, fiscal_doc: first.doc_number, fiscal_sign: first.fiscalSign })).data).toEqual([first]);
    expect((await page({ ...DAY, company_ids: [small().id], shifts: [first.shift] })).total).toBeGreaterThan(1);
    expect((await post({ ...DAY, retail_point_ids: ["1"] })).status).toBe(400);
  });
});

describe("data", () => {
  it("writes sums as JSON numbers in roubles with the document's look: 70.0, 1234.5, 1234.56", async () => {
    const text = await (await post({ date_from: "2025-06-02", date_to: "2025-06-08" })).text();
    const sums = [...text.matchAll(/"(?:total|cashTotal|ecashTotal|prepaid|credit|provision)Sum":([^,}]+)/g)].map((m) => m[1]);
    expect(sums.length).toBeGreaterThan(1000);
    for (const s of sums) expect(s).toMatch(/^(0|[1-9]\d*)\.(\d|\d[1-9])$/);
    expect(sums).toContain("0.0");
    expect(sums.some((s) => /\.\d[1-9]$/.test(s))).toBe(true);
    expect(sums.some((s) => /^[1-9]\d*\.[1-9]$/.test(s))).toBe(true);
  });

  it("a register's day adds up to the dataset's own figures", async () => {
    for (const [i, rnm] of big().rnms.entries()) {
      const p = await page({ ...DAY, cashbox_ids: [rnm], document_types: ["receipt"] });
      const t = periodTotals(sim.dataset, big().kkts[i], dayNumber("2025-06-02")!, dayNumber("2025-06-02")!);
      const of = (op: string, key: string) => p.data.filter((d) => d.operation === op).reduce((a, d) => a + kop(d[key]), 0n);
      expect([of("приход", "totalSum"), of("приход", "cashTotalSum"), of("приход", "ecashTotalSum"), of("возврат прихода", "totalSum")]).toEqual([sum(t.income), t.income[0], t.income[1], sum(t.refund)]);
      expect(p.total).toBe(count(t.incomeCounts) + count(t.refundCounts));
    }
  });

  it("a registration report like the example's appears now and then, outside any shift", async () => {
    const p = await page({ date_from: "2025-01-01", date_to: "2025-12-31", document_types: ["fiscalReportCorrection"], limit: 5 });
    expect(p.total).toBeGreaterThanOrEqual(6);
    expect(p.data[0]).toMatchObject({ operation: "", code_name: "отчет об изменении параметров регистрации", shift: 0, number: 0, totalSum: 0 });
  });

  it("registers write three layouts: the example's key order, the format's with an undocumented field, zero sums left out", async () => {
    const kkts = [0, 1, 2].map((layout) => sim.dataset.kkts.findIndex((_, k) => layoutOf(sim.dataset, k) === layout));
    const s = await startYandexSimulator({ companies: [{ id: "301", inn: "7700000000", name: "ООО \"ТРИ\"", kkts }] });
    try {
      const res = await fetch(`${s.url}/v1/docs/aggregations/receipts`, { method: "POST", headers: { "X-Yandex-Key": s.yandexKey, "X-OFD-Key": s.ofdKey, "Content-Type": "application/json" }, body: JSON.stringify({ ...DAY, document_types: ["receipt"], limit: 1000 }) });
      const p = (await res.json()) as Page;
      const keysOf = (k: number) => Object.keys(p.data.find((d) => d.rn === sim.dataset.kkts[k].rnm)!);
      expect(keysOf(kkts[0])).toEqual(["operation", "doc_number", "fn", "number", "creditSum", "real_date", "totalSum", "prepaidSum", "rn", "cashTotalSum", "provisionSum", "shift", "code_name", "ecashTotalSum", "fiscalSign"]);
      expect(keysOf(kkts[1])).toEqual(["creditSum", "shift", "real_date", "provisionSum", "prepaidSum", "totalSum", "number", "operation", "ecashTotalSum", "fn", "doc_number", "cashTotalSum", "code_name", "rn", "fiscalSign", "doc_id"]);
      expect(keysOf(kkts[2])).not.toContain("provisionSum");
    } finally {
      await s.close();
    }
  });

  it("documents after now have not arrived; the same seed serves the same bytes", async () => {
    const early = await startYandexSimulator({ now: () => new Date("2025-06-02T09:00:00Z") });
    try {
      const body = JSON.stringify({ ...DAY, company_ids: [small().id] });
      const res = await fetch(`${early.url}/v1/docs/aggregations/receipts`, { method: "POST", headers: { "X-Yandex-Key": early.yandexKey, "X-OFD-Key": early.ofdKey, "Content-Type": "application/json" }, body });
      const p = (await res.json()) as Page;
      expect(p.data.length).toBeGreaterThan(1);
      expect(p.data.every((d) => (d.real_date as string) <= "2025-06-02 12:00:00")).toBe(true);
      expect(p.data.some((d) => d.code_name === "закрытие смены")).toBe(false);
      const full = await page({ ...DAY, company_ids: [small().id] });
      expect(JSON.stringify(p.data.slice(0, 5))).toBe(JSON.stringify(full.data.slice(0, 5)));
    } finally {
      await early.close();
    }
  });
});

describe("companies, faults and counters", () => {
  it("the default companies are ids like 301, tenants with few registers, none of the mall's largest and none served by Kontur", async () => {
    const hook = (await (await fetch(`${sim.url}/__simulator/companies`)).json()) as { companies: { id: string; inn: string; name: string; rnms: string[] }[] };
    expect(hook.companies.map((c) => [c.id, c.rnms.length])).toEqual([["301", 2], ["302", 1]]);
    const ds = sim.dataset;
    const week = (t: (typeof ds.tenants)[number]) => t.kkts.reduce((a, k) => a + sum(periodTotals(ds, k, dayNumber("2025-06-02")!, dayNumber("2025-06-08")!).income), 0n);
    const largest = [...ds.tenants].sort((a, b) => (week(b) > week(a) ? 1 : week(b) < week(a) ? -1 : 0)).slice(0, 10).map((t) => t.inn);
    const kontur = defaultOrganizations(ds).map((o) => o.inn);
    for (const c of hook.companies) expect([largest.includes(c.inn), kontur.includes(c.inn)]).toEqual([false, false]);
  });

  it("429 carries Retry-After; a cut body is not JSON; the counters see every answer", async () => {
    sim.setFaults({ rate429: 1, retryAfterSeconds: 7 });
    const limited = await post(DAY);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
    sim.setFaults({ rate429: 0, malformedRate: 1 });
    const cut = await (await post(DAY)).text();
    expect(() => JSON.parse(cut)).toThrow();
    sim.setFaults({ malformedRate: 0, error5xxRate: 1, seed: 3 });
    expect((await post(DAY)).status).toBeGreaterThanOrEqual(500);
    sim.setFaults({ error5xxRate: 0 });
    expect(sim.counters.requests).toBe(3);
    expect(sim.counters.byStatus["429"]).toBe(1);
  });
});
