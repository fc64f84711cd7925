/** The client against the simulator over a real socket, and against stub servers that misbehave. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dayNumber, eachDay } from "@/lib/providers/renta/dates";
import { periodTotals, type Quad } from "@/lib/providers/renta/simulator/figures";
import { PAGE_ORDER, YandexClient, type ReceiptsArgs, type YandexClientOptions, type RequestInfo } from "./client";
import { YandexError } from "./errors";
import { dailyTurnover } from "./mapping";
import { TURNOVER_TYPES } from "./schemas";
import { startYandexSimulator, type YandexSimulator } from "./simulator/server";

let sim: YandexSimulator;
const CLEAN = { latencyMs: 0, error5xxRate: 0, rate429: 0, malformedRate: 0, retryAfterSeconds: 1 };
beforeAll(async () => {
  sim = await startYandexSimulator();
});
afterAll(() => sim.close());
afterEach(() => {
  sim.setFaults(CLEAN);
  sim.resetCounters();
});

const total = (q: Quad<bigint>) => q.reduce((a, b) => a + b, 0n);
const count = (q: Quad<number>) => q.reduce((a, b) => a + b, 0);
const client = (o: Partial<YandexClientOptions> = {}) => new YandexClient({ baseUrl: sim.url, yandexKey: sim.yandexKey, ofdKey: sim.ofdKey, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000, ...o });
const WEEK = { from: "2025-06-02", to: "2025-06-08" };
const oneDay = (): ReceiptsArgs => ({ companyIds: [sim.companies[1].id], from: "2025-06-02", to: "2025-06-02" });

async function failure(p: Promise<unknown>): Promise<YandexError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof YandexError) return e;
    throw e;
  }
  throw new Error("expected a YandexError");
}

/** A fetch whose answers the test rewrites: a server that disagrees with the document. */
const rewriting = (f: (body: string) => string): typeof fetch =>
  (async (input: string | URL | Request, init?: RequestInit) => {
    const res = await fetch(input, init);
    return new Response(f(await res.text()), { status: res.status, headers: res.headers });
  }) as typeof fetch;

/** A server that answers request n (0-based) with `answer(n, offset)`. */
const scripted = (answer: (n: number, offset: number) => unknown): { fetch: typeof fetch; calls: () => number } => {
  let n = 0;
  const f = (async (_: unknown, init?: RequestInit) => new Response(JSON.stringify(answer(n++, JSON.parse(String(init?.body)).offset)), { status: 200 })) as typeof fetch;
  return { fetch: f, calls: () => n };
};
const stub = (f: typeof fetch, o: Partial<YandexClientOptions> = {}) => new YandexClient({ baseUrl: "http://stub", yandexKey: "key-1234", ofdKey: "ofd-5678", fetch: f, pageLimit: 2, ...o });
const shiftDoc = (n: number, date = "2025-06-02 09:00:00") => ({ operation: "", doc_number: n, fn: "9960440300000001", real_date: date, rn: "0000000000000001", code_name: "открытие смены" });
const stubArgs: ReceiptsArgs = { from: "2025-06-02", to: "2025-06-02" };

describe("paging", () => {
  it("reads a week over several pages with exactly one request per page: offset follows the documents read until it reaches total", async () => {
    const seen: RequestInfo[] = [];
    const c = client({ pageLimit: 300, onRequest: (i) => seen.push(i) });
    const docs = await c.receipts({ companyIds: sim.companies.map((x) => x.id), ...WEEK });
    const pages = Math.ceil(docs.length / 300);
    expect(pages).toBeGreaterThan(3);
    expect([c.requests, sim.counters.requests, sim.counters.byStatus["200"]]).toEqual([pages, pages, pages]);
    const bodies = seen.map((i) => JSON.parse(i.body!));
    expect(bodies.map((b) => b.offset)).toEqual(Array.from({ length: pages }, (_, i) => i * 300));
    expect(bodies[0]).toEqual({ date_from: "2025-06-02 00:00:00", date_to: "2025-06-08 23:59:59", company_ids: ["301", "302"], limit: 300, offset: 0, orders: [...PAGE_ORDER] });
    expect(seen[0].url).toBe(`${sim.url}/v1/docs/aggregations/receipts`);
    // Every document once, in the stable order asked for.
    expect(new Set(docs.map((d) => `${d.fn}/${d.doc_number}`)).size).toBe(docs.length);
    const keys = docs.map((d) => `${d.real_date}|${d.fn}|${String(d.doc_number).padStart(10, "0")}`);
    expect(keys).toEqual([...keys].sort());
  });

  it("the body keeps to the document's request: its keys and date format are the example's", async () => {
    const example = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "receipts-request.json"), "utf8")) as Record<string, unknown>;
    let sent: Record<string, unknown> = {};
    await client({ onRequest: (i) => (sent = JSON.parse(i.body!)) }).receipts({ ...oneDay(), cashboxIds: [sim.companies[1].rnms[0]], documentTypes: ["receipt"], operationTypes: ["income"] });
    const documented = ["date_from", "date_to", "limit", "offset", "company_ids", "retail_point_ids", "cashbox_ids", "document_types", "operation_types", "taxation_types", "fiscal_sign", "fiscal_doc", "shifts", "orders"];
    for (const key of [...Object.keys(example), ...Object.keys(sent)]) expect(documented).toContain(key);
    expect(String(sent.date_from)).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
  });

  it("a limit the service caps is followed by what it sends: offsets advance by the page received", async () => {
    const c = client({ pageLimit: 5000 });
    const docs = await c.receipts({ ...WEEK });
    expect(docs.length).toBeGreaterThan(1000);
    expect(c.requests).toBe(Math.ceil(docs.length / 1000));
  });

  it("total changing between pages (documents arriving) starts the read over; a report that keeps changing is PagingLoop", async () => {
    const settling = scripted((n, offset) => ({ data: [shiftDoc(100 + offset), shiftDoc(101 + offset)], total: n === 0 ? 3 : 4 }));
    const docs = await stub(settling.fetch).receipts(stubArgs);
    expect([docs.map((d) => d.doc_number), settling.calls()]).toEqual([[100, 101, 102, 103], 4]);
    const moving = scripted((n, offset) => ({ data: [shiftDoc(100 + offset), shiftDoc(101 + offset)], total: 10 + n }));
    const e = await failure(stub(moving.fetch, { maxRestarts: 2 }).receipts(stubArgs));
    expect([e.code, moving.calls()]).toEqual(["PagingLoop", 6]);
    expect(e.message).toBe("Yandex OFD docs/aggregations/receipts: the service's paging does not come to an end: total went from 14 to 15 between pages 1 and 2, on each of 3 reads; the report keeps changing");
  });

  it.each<[string, (n: number, offset: number) => unknown, string, string, number?]>([
    ["an empty page before total", (n) => ({ data: n === 0 ? [shiftDoc(1), shiftDoc(2)] : [], total: 5 }), "PagingLoop", "page 2 (offset 2) is empty, yet only 2 of 5 documents have been read"],
    ["a page served again", () => ({ data: [shiftDoc(1), shiftDoc(2)], total: 6 }), "PagingLoop", "page 2 repeats document 9960440300000001/1 (fiscal drive/number) from an earlier page"],
    ["more documents than total", () => ({ data: [shiftDoc(1), shiftDoc(2)], total: 1 }), "Malformed", "total is 1, but page 1 brings the documents read to 2"],
    ["a page cap", (n, offset) => ({ data: [shiftDoc(offset + 1), shiftDoc(offset + 2)], total: 1000 }), "PagingLoop", "more than 3 pages for 2025-06-02 – 2025-06-02", 3],
  ])("%s is stopped", async (_, answer, code, detail, maxPages) => {
    const s = scripted(answer);
    const e = await failure(stub(s.fetch, { maxPages }).receipts(stubArgs));
    expect(e.code).toBe(code);
    expect(e.message).toContain(detail);
  });

  it("without total, pages are read until an empty one", async () => {
    const s = scripted((n, offset) => ({ data: n < 2 ? [shiftDoc(offset + 1)] : [] }));
    expect((await stub(s.fetch).receipts(stubArgs)).map((d) => d.doc_number)).toEqual([1, 2]);
    expect(s.calls()).toBe(3);
  });
});

describe("filters", () => {
  it("document_types in English come back as their Russian code_names, and nothing else", async () => {
    const docs = await client().receipts({ ...WEEK, companyIds: [sim.companies[0].id], documentTypes: ["openShift", "closeShift"] });
    expect(new Set(docs.map((d) => `${d.type}/${d.code_name}/${d.operation}`))).toEqual(new Set(["openShift/открытие смены/", "closeShift/закрытие смены/"]));
    expect(docs).toHaveLength(2 * 7 * 2);
  });

  it("operation_types income_return comes back as \"возврат прихода\"; cashbox_ids narrow to one register", async () => {
    const rnm = sim.companies[0].rnms[1];
    const docs = await client().receipts({ ...WEEK, cashboxIds: [rnm], operationTypes: ["income_return"] });
    expect(docs.length).toBeGreaterThan(0);
    expect(new Set(docs.map((d) => [d.rn, d.operation, d.operationType].join("/")))).toEqual(new Set([`${rnm}/возврат прихода/income_return`]));
  });

  it("an answer the filter excludes is Malformed, naming the field: the English/Russian pairing is checked", async () => {
    const c = client({ fetch: rewriting((b) => b.replace('"возврат прихода"', '"приход"')) });
    const e = await failure(c.receipts({ ...WEEK, companyIds: [sim.companies[0].id], operationTypes: ["income_return"] }));
    expect([e.code, e.field]).toEqual(["Malformed", "data[0].operation"]);
    expect(e.message).toBe('Yandex OFD docs/aggregations/receipts: data[0].operation is "приход" on page 1, but operation_types asked for income_return ("возврат прихода")');
  });

  it.each<[string, Partial<ReceiptsArgs>, string]>([
    ["an end before the start", { from: "2025-06-03", to: "2025-06-02" }, "to"],
    ["a date that is not one", { from: "2025-02-30" }, "from"],
    ["a Russian document type", { documentTypes: ["чек"] }, "documentTypes"],
    ["a Russian operation type", { operationTypes: ["приход"] }, "operationTypes"],
    ["an empty list of companies", { companyIds: [] }, "companyIds"],
  ])("%s is refused before a request is spent", async (_, args, field) => {
    const c = client();
    const e = await failure(c.receipts({ ...oneDay(), ...args }));
    expect([e.code, e.field, c.requests]).toEqual(["BadRequest", field, 0]);
  });
});

describe("errors", () => {
  it("wrong keys are AuthFailed at once, and nothing shows either key", async () => {
    const seen: string[] = [];
    const c = client({ ofdKey: "WRONG-OFD-KEY-0123456789", onRequest: (i) => seen.push(JSON.stringify(i)) });
    const e = await failure(c.receipts(oneDay()));
    expect([e.code, e.status, e.retryable, c.requests]).toEqual(["AuthFailed", 401, false, 1]);
    expect(e.message).toBe("Yandex OFD docs/aggregations/receipts: the service refused the credentials (HTTP 401): check the X-Yandex-Key and X-OFD-Key");
    const shown = JSON.stringify({ m: e.message, ru: e.messageRu, p: e.providerMessage, seen });
    for (const secret of ["WRONG-OFD-KEY-0123456789", sim.yandexKey]) expect(shown).not.toContain(secret);
    expect(sim.counters.byStatus).toEqual({ "401": 1 });
  });

  it("a key a header cannot carry is refused before anything is sent, and not shown", async () => {
    const c = client({ yandexKey: "bad\nkey-secret" });
    const e = await failure(c.receipts(oneDay()));
    expect([e.code, c.requests, e.message.includes("key-secret")]).toEqual(["AuthFailed", 0, false]);
  });

  it("an unknown company is NotFound, not retried", async () => {
    const e = await failure(client().receipts({ ...oneDay(), companyIds: ["999"] }));
    expect([e.code, e.providerMessage, sim.counters.requests]).toEqual(["NotFound", 'company "999" not found', 1]);
  });

  it("a body cut off mid-way is Malformed, naming the method, once the retries are spent", async () => {
    sim.setFaults({ malformedRate: 1 });
    const e = await failure(client({ maxRetries: 1 }).receipts(oneDay()));
    expect([e.code, e.retryable]).toEqual(["Malformed", true]);
    expect(e.message).toMatch(/^Yandex OFD docs\/aggregations\/receipts: the body is invalid JSON at line 1, column \d+ \(unexpected end of input\)$/);
    expect(sim.counters.byStatus).toEqual({ "200": 2 });
  });

  it("a fraction of a kopeck is Malformed, naming the field, and not retried", async () => {
    const c = client({ fetch: rewriting((b) => b.replace(/"totalSum":(\d+)\.(\d+)/, (_, rub: string, kop: string) => `"totalSum":${rub}.${kop.padEnd(2, "0")}7`)) });
    const e = await failure(c.receipts(oneDay()));
    expect([e.code, e.field, e.retryable, c.requests]).toEqual(["Malformed", "data[0].totalSum", false, 1]);
    expect(e.message).toMatch(/^Yandex OFD docs\/aggregations\/receipts: data\[0\]\.totalSum must be whole kopecks, at most 2 decimals \(received number \d+\.\d+7\)$/);
  });

  it("a redirect is refused, not followed", async () => {
    const e = await failure(stub((async () => new Response(null, { status: 302, headers: { location: "http://elsewhere/" } })) as typeof fetch).receipts(stubArgs));
    expect([e.code, e.status, e.retryable]).toEqual(["Http", 302, false]);
  });
});

describe("retries", () => {
  it("waits out Retry-After on 429, then succeeds", async () => {
    const clean = await client().receipts(oneDay());
    sim.resetCounters();
    sim.setFaults({ rate429: 1, retryAfterSeconds: 1 });
    const t0 = performance.now();
    const p = client().receipts(oneDay());
    setTimeout(() => sim.setFaults({ rate429: 0 }), 200);
    expect(await p).toEqual(clean);
    expect([sim.counters.byStatus["429"], sim.counters.byStatus["200"]]).toEqual([1, 1]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it("does not sit out a Retry-After longer than allowed: the caller gets it to reschedule", async () => {
    sim.setFaults({ rate429: 1, retryAfterSeconds: 600 });
    const e = await failure(client({ maxRetryAfterMs: 5000 }).receipts(oneDay()));
    expect([e.code, e.status, e.retryable, e.retryAfterMs]).toEqual(["Http", 429, true, 600_000]);
    expect(sim.counters.requests).toBe(1);
  });

  it("retries 5xx answers (JSON, HTML and empty) until they succeed", async () => {
    const clean = await client({ pageLimit: 300 }).receipts(WEEK);
    sim.resetCounters();
    sim.setFaults({ error5xxRate: 0.5, seed: 11 });
    expect(await client({ pageLimit: 300, maxRetries: 12 }).receipts(WEEK)).toEqual(clean);
    const s = sim.counters.byStatus;
    expect((s["500"] ?? 0) + (s["502"] ?? 0) + (s["503"] ?? 0)).toBeGreaterThan(0);
  });

  it("times out a slow answer and retries it", async () => {
    sim.setFaults({ latencyMs: 300 });
    const c = client({ timeoutMs: 80, maxRetries: 1 });
    const e = await failure(c.receipts(oneDay()));
    expect([e.code, e.retryable, c.requests]).toEqual(["Timeout", true, 2]);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = (async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return new Response('{"data":[],"total":0}', { status: 200 });
    }) as typeof fetch;
    const c = stub(slow, { concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => c.receipts(stubArgs)));
    expect([most, c.requests]).toEqual([2, 6]);
  });
});

describe("a week of documents makes the dataset's own daily figures", () => {
  it("for every register of both companies, shifts past midnight included", async () => {
    const regs = sim.companies.flatMap((o) => o.kkts.map((kkt, i) => ({ kkt, rnm: o.rnms[i] })));
    expect(regs.some((r) => sim.dataset.kkts[r.kkt].closeMinute > 1440)).toBe(true);
    for (const r of regs) {
      const silent = sim.dataset.kkts[r.kkt].silent;
      expect(!silent || silent[1] < dayNumber(WEEK.from)! - 1 || silent[0] > dayNumber(WEEK.to)!).toBe(true);
    }
    const c = client();
    const docs = await c.receipts({ ...WEEK, companyIds: sim.companies.map((o) => o.id), documentTypes: TURNOVER_TYPES });
    expect(c.requests).toBe(2);
    const expected = regs.flatMap((r) =>
      eachDay(WEEK.from, WEEK.to).map((day) => {
        const t = periodTotals(sim.dataset, r.kkt, dayNumber(day)!, dayNumber(day)!);
        return {
          rnm: r.rnm,
          day,
          income: total(t.income),
          refunds: total(t.refund),
          incomeCash: t.income[0],
          incomeCashless: t.income[1],
          incomePrepaid: t.income[2],
          incomeCredit: t.income[3],
          refundsCash: t.refund[0],
          refundsCashless: t.refund[1],
          refundsPrepaid: t.refund[2],
          refundsCredit: t.refund[3],
          receipts: count(t.incomeCounts),
          refundReceipts: count(t.refundCounts),
        };
      }),
    );
    const rows = dailyTurnover(regs.map((r) => r.rnm), docs, WEEK.from, WEEK.to);
    expect(rows).toEqual(expected);
    // The landlord added only one of company 301's registers: the other's documents are ignored.
    expect(dailyTurnover([regs[0].rnm], docs, WEEK.from, WEEK.to)).toEqual(expected.filter((e) => e.rnm === regs[0].rnm));
  });
});
