/** The client against the simulator over a real socket, and against stub servers that misbehave. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dayNumber, eachDay } from "@/lib/providers/renta/dates";
import { periodTotals, type Quad } from "@/lib/providers/renta/simulator/figures";
import { cursorParam, KonturClient, type KonturClientOptions, type RequestInfo } from "./client";
import { KonturError, type KonturErrorCode } from "./errors";
import { dailyTurnover, isReceiptDocument } from "./mapping";
import { TURNOVER_TYPES } from "./schemas";
import { startKonturSimulator, type KonturSimulator } from "./simulator/server";

let sim: KonturSimulator;
let busiest: { organizationId: string; rnm: string; kkt: number };
const CLEAN = { latencyMs: 0, error5xxRate: 0, rate429: 0, malformedRate: 0, retryAfterSeconds: 1, sidExpiresAfterRequests: undefined };

beforeAll(async () => {
  sim = await startKonturSimulator();
  // The first organisation's register with the most receipts in the week: several pages of documents.
  const org = sim.organizations[0];
  const receipts = (kkt: number) => {
    const t = periodTotals(sim.dataset, kkt, dayNumber(WEEK.from)!, dayNumber(WEEK.to)!);
    return count(t.incomeCounts) + count(t.refundCounts);
  };
  const i = org.kkts.reduce((best, kkt, n) => (receipts(kkt) > receipts(org.kkts[best]) ? n : best), 0);
  busiest = { organizationId: org.id, rnm: org.rnms[i], kkt: org.kkts[i] };
});
afterAll(() => sim.close());
afterEach(() => {
  sim.setFaults(CLEAN);
  sim.resetCounters();
});

const total = (q: Quad<bigint>) => q.reduce((a, b) => a + b, 0n);
const count = (q: Quad<number>) => q.reduce((a, b) => a + b, 0);

const client = (o: Partial<KonturClientOptions> = {}) => new KonturClient({ baseUrl: sim.url, apiKey: sim.apiKey, sid: sim.sid, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000, ...o });
const WEEK = { from: "2025-06-02", to: "2025-06-08" };
const busy = () => ({ organizationId: busiest.organizationId, rnm: busiest.rnm });
const oneDay = () => ({ ...busy(), from: "2025-06-02", to: "2025-06-02" });

async function failure(p: Promise<unknown>): Promise<KonturError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KonturError) return e;
    throw e;
  }
  throw new Error("expected a KonturError");
}

/** A fetch whose answers the test rewrites: a server that disagrees with the document. */
const rewriting = (f: (body: string) => string): typeof fetch =>
  (async (input: string | URL | Request, init?: RequestInit) => {
    const res = await fetch(input, init);
    return new Response(f(await res.text()), { status: res.status, headers: res.headers });
  }) as typeof fetch;

/** A server that answers page n (0-based) with `answer(n)`. */
const scripted = (answer: (n: number) => unknown): { fetch: typeof fetch; calls: () => number } => {
  let n = 0;
  return { fetch: (async () => new Response(JSON.stringify(answer(n++)), { status: 200 })) as typeof fetch, calls: () => n };
};
const openShift = (fdn: number) => ({ openShift: { dateTime: "2025-06-02T09:00:00", shiftNumber: 1, kktRegId: "0000000003065868 ", fiscalDriveNumber: "99990788607 ", fiscalDocumentNumber: fdn } });
const stubArgs = { organizationId: "org", rnm: "0000000003065868", from: "2025-06-02", to: "2025-06-02" };

describe("paging", () => {
  it("reads a week of more than 1000 documents in pages of 1000, with one request per page and one to learn it was the last", async () => {
    const seen: RequestInfo[] = [];
    const c = client({ onRequest: (i) => seen.push(i) });
    const docs = await c.documentsByPeriod({ ...busy(), ...WEEK });
    expect(docs.length).toBeGreaterThan(2000);
    const pages = Math.ceil(docs.length / 1000) + 1;
    expect([c.requests, sim.counters.requests, sim.counters.byStatus["200"]]).toEqual([pages, pages, pages]);
    // The cursor goes back as the service wrote it, percent-encoded once; never encoded again.
    for (const i of seen.slice(1)) expect(i.url).toMatch(/&offset=[A-Za-z0-9%]+%3D%3D&limit=1000$/);
    expect(seen.map((i) => i.url).join(" ")).not.toContain("%25");
    expect(seen[0].url).toBe(`${sim.url}/v2/organizations/${busy().organizationId}/cashboxes/${busy().rnm}/documents/by-period?dateFrom=2025-06-02T00:00:00&dateTo=2025-06-08T23:59:59&limit=1000`);
    // Every receipt of the week, once, in fiscal order.
    const t = periodTotals(sim.dataset, busiest.kkt, dayNumber(WEEK.from)!, dayNumber(WEEK.to)!);
    expect(docs.filter(isReceiptDocument)).toHaveLength(count(t.incomeCounts) + count(t.refundCounts));
    const numbers = docs.map((d) => (d.data as { fiscalDocumentNumber: number }).fiscalDocumentNumber);
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1])).toBe(true);
  });

  it("asks only for the types given; a page left empty by the filter is not the end while the cursor moves on", async () => {
    const all = client();
    const full = await all.documentsByPeriod({ ...busy(), ...WEEK });
    const c = client();
    const closes = await c.documentsByPeriod({ ...busy(), ...WEEK, types: ["closeShift"] });
    expect(closes).toEqual(full.filter((d) => d.type === "closeShift"));
    expect(closes).toHaveLength(7);
    // No fiscalReport in the week: every page is empty, yet all are read, as many as without the filter.
    const none = client();
    expect(await none.documentsByPeriod({ ...busy(), ...WEEK, types: ["fiscalReport"] })).toEqual([]);
    expect([c.requests, none.requests]).toEqual([all.requests, all.requests]);
  });

  it.each([
    ["T2MbygVny1CAWaPZI1NarQ%3D%3D", "T2MbygVny1CAWaPZI1NarQ%3D%3D"],
    ["T2Mb+ygV/ny1CAWaPZI1NarQ==", "T2Mb%2BygV%2Fny1CAWaPZI1NarQ%3D%3D"],
    ["50%off", "50%25off"],
  ])("the cursor %s goes back as %s: encoded once, never twice", (cursor, sent) => {
    expect(cursorParam(cursor)).toBe(sent);
  });

  it("a key or sid a header cannot carry is refused before anything is sent, and not shown", async () => {
    const c = client({ sid: "bad\nsid-secret" });
    const e = await failure(c.documentsByPeriod(oneDay()));
    expect([e.code, c.requests]).toEqual(["AuthFailed", 0]);
    expect(e.message).not.toContain("sid-secret");
  });

  it("a loop of cursors is stopped", async () => {
    const s = scripted((n) => ({ documents: [openShift(100 + n)], paging: { nextOffset: n % 2 === 0 ? "A%3D%3D" : "B%3D%3D" } }));
    const e = await failure(new KonturClient({ baseUrl: "http://stub", apiKey: "key1", sid: "sid1", fetch: s.fetch }).documentsByPeriod(stubArgs));
    expect([e.code, e.message, s.calls()]).toEqual(["PagingLoop", "Kontur.OFD documents/by-period: the service's paging does not come to an end: page 3 returned a cursor already followed", 3]);
  });

  it("the same page served again under a new cursor is stopped before anything is counted twice", async () => {
    const s = scripted((n) => ({ documents: [openShift(100)], paging: { nextOffset: `C${n}%3D%3D` } }));
    const e = await failure(new KonturClient({ baseUrl: "http://stub", apiKey: "key1", sid: "sid1", fetch: s.fetch }).documentsByPeriod(stubArgs));
    expect([e.code, s.calls()]).toEqual(["PagingLoop", 2]);
    expect(e.message).toContain("page 2 repeats document 99990788607/100");
  });

  it("cursors that never come back are stopped at the page cap", async () => {
    const s = scripted((n) => ({ documents: [], paging: { nextOffset: `E${n}%3D%3D` } }));
    const e = await failure(new KonturClient({ baseUrl: "http://stub", apiKey: "key1", sid: "sid1", fetch: s.fetch, maxPages: 5 }).documentsByPeriod(stubArgs));
    expect([e.code, s.calls()]).toEqual(["PagingLoop", 5]);
  });
});

describe("errors", () => {
  it("a wrong auth.sid is AuthFailed at once, and nothing shows the key or the sid", async () => {
    const seen: string[] = [];
    const c = client({ sid: "WRONG-SID-0123456789", onRequest: (i) => seen.push(i.url) });
    const e = await failure(c.documentsByPeriod(oneDay()));
    expect([e.code, e.status, e.retryable, c.requests]).toEqual(["AuthFailed", 401, false, 1]);
    expect(e.message).toBe("Kontur.OFD documents/by-period: the service refused the credentials (HTTP 401): check the API key and auth.sid");
    const shown = JSON.stringify({ m: e.message, ru: e.messageRu, p: e.providerMessage, seen });
    expect(shown).not.toContain("WRONG-SID-0123456789");
    expect(shown).not.toContain(sim.apiKey);
    expect(sim.counters.byStatus).toEqual({ "401": 1 });
  });

  it("an auth.sid that expires half-way through the pages ends the call with AuthFailed", async () => {
    sim.setFaults({ sidExpiresAfterRequests: 1 });
    expect((await failure(client().documentsByPeriod({ ...busy(), ...WEEK }))).code).toBe("AuthFailed");
    expect(sim.counters.byStatus).toEqual({ "200": 1, "401": 1 });
  });

  it.each<[string, KonturErrorCode, () => Promise<unknown>]>([
    ["an unknown organisation (service)", "NotFound", () => client().documentsByPeriod({ ...oneDay(), organizationId: "c2e3a34c-823f-4b1e-a9g1-d94fa40c22a6" })],
    ["a cashbox of another organisation (service)", "NotFound", () => client().documentsByPeriod({ ...oneDay(), rnm: sim.organizations[1].rnms[0] })],
  ])("%s → %s, not retried", async (_, code, call) => {
    expect((await failure(call())).code).toBe(code);
    expect(sim.counters.requests).toBe(1);
  });

  it.each<[string, Partial<Parameters<KonturClient["documentsByPeriod"]>[0]>, string]>([
    ["an end before the start", { from: "2025-06-03", to: "2025-06-02" }, "to"],
    ["a date that is not one", { from: "2025-02-30" }, "from"],
    ["an unknown type", { types: ["receipts"] }, "types"],
    ["a register number that is not one", { rnm: "abc" }, "rnm"],
  ])("%s is refused before a request is spent", async (_, args, field) => {
    const c = client();
    const e = await failure(c.documentsByPeriod({ ...oneDay(), ...args }));
    expect([e.code, e.field, c.requests]).toEqual(["BadRequest", field, 0]);
  });

  it("a body cut off mid-way is Malformed, naming the method, once the retries are spent", async () => {
    sim.setFaults({ malformedRate: 1 });
    const e = await failure(client({ maxRetries: 1 }).documentsByPeriod(oneDay()));
    expect([e.code, e.retryable]).toEqual(["Malformed", true]);
    expect(e.message).toMatch(/^Kontur\.OFD documents\/by-period: the body is invalid JSON at line 1, column \d+ \(unexpected end of input\)$/);
    expect(sim.counters.byStatus).toEqual({ "200": 2 });
  });

  it("an amount with decimals is Malformed, naming the field", async () => {
    const c = client({ fetch: rewriting((b) => b.replace(/"totalSum":(\d+)/, '"totalSum":$1.5')) });
    const e = await failure(c.documentsByPeriod(oneDay()));
    expect([e.code, e.field, e.retryable, c.requests]).toEqual(["Malformed", "documents[1].receipt.totalSum", false, 1]);
    expect(e.message).toMatch(/^Kontur\.OFD documents\/by-period: documents\[1\]\.receipt\.totalSum must be an integer number of kopecks \(received number \d+\.5\)$/);
  });

  it("a document of another register is Malformed, naming the field", async () => {
    const c = client({ fetch: rewriting((b) => b.replace(/"kktRegId":"\d+ "/, '"kktRegId":"0000000000000001 "')) });
    const e = await failure(c.documentsByPeriod(oneDay()));
    expect(e.message).toBe(`Kontur.OFD documents/by-period: documents[0].openShift.kktRegId is "0000000000000001" on page 1, but cash register ${busy().rnm} was asked for`);
  });

  it("a redirect is refused, not followed", async () => {
    const s = { fetch: (async () => new Response(null, { status: 302, headers: { location: "http://elsewhere/" } })) as typeof fetch };
    const e = await failure(new KonturClient({ baseUrl: "http://stub", apiKey: "key1", sid: "sid1", fetch: s.fetch }).documentsByPeriod(stubArgs));
    expect([e.code, e.status, e.retryable]).toEqual(["Http", 302, false]);
  });
});

describe("retries", () => {
  it("waits out Retry-After on 429, then succeeds", async () => {
    const clean = await client().documentsByPeriod(oneDay());
    sim.resetCounters();
    sim.setFaults({ rate429: 1, retryAfterSeconds: 1 });
    const t0 = performance.now();
    const p = client().documentsByPeriod(oneDay());
    setTimeout(() => sim.setFaults({ rate429: 0 }), 200);
    expect(await p).toEqual(clean);
    expect(sim.counters.byStatus["429"]).toBe(1);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it("does not sit out a Retry-After longer than allowed: the caller gets it to reschedule", async () => {
    sim.setFaults({ rate429: 1, retryAfterSeconds: 600 });
    const e = await failure(client({ maxRetryAfterMs: 5000 }).documentsByPeriod(oneDay()));
    expect([e.code, e.status, e.retryable, e.retryAfterMs]).toEqual(["Http", 429, true, 600_000]);
    expect(sim.counters.requests).toBe(1);
  });

  it("retries 5xx answers (JSON, HTML and empty) until they succeed", async () => {
    const clean = await client().documentsByPeriod({ ...busy(), ...WEEK });
    sim.resetCounters();
    sim.setFaults({ error5xxRate: 0.5, seed: 11 });
    expect(await client({ maxRetries: 12 }).documentsByPeriod({ ...busy(), ...WEEK })).toEqual(clean);
    const s = sim.counters.byStatus;
    expect((s["500"] ?? 0) + (s["502"] ?? 0) + (s["503"] ?? 0)).toBeGreaterThan(0);
  });

  it("times out a slow answer and retries it", async () => {
    sim.setFaults({ latencyMs: 300 });
    const c = client({ timeoutMs: 80, maxRetries: 1 });
    const e = await failure(c.documentsByPeriod(oneDay()));
    expect([e.code, e.retryable, c.requests]).toEqual(["Timeout", true, 2]);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = (async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return new Response('{"documents":[],"paging":{}}', { status: 200 });
    }) as typeof fetch;
    const c = new KonturClient({ baseUrl: "http://stub", apiKey: "key1", sid: "sid1", fetch: slow, concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => c.documentsByPeriod(stubArgs)));
    expect([most, c.requests]).toEqual([2, 6]);
  });
});

describe("a week of documents makes the dataset's own daily figures", () => {
  it("for every register of both organisations, shifts past midnight included", async () => {
    const c = client({ concurrency: 4 });
    const regs = sim.organizations.flatMap((o) => o.kkts.slice(0, 4).map((kkt, i) => ({ org: o.id, kkt, rnm: o.rnms[i] })));
    expect(regs.some((r) => sim.dataset.kkts[r.kkt].closeMinute > 1440)).toBe(true);
    // None is silent in the week: every day has figures on both sides.
    for (const r of regs) {
      const silent = sim.dataset.kkts[r.kkt].silent;
      expect(!silent || silent[1] < dayNumber(WEEK.from)! - 1 || silent[0] > dayNumber(WEEK.to)!).toBe(true);
    }
    await Promise.all(
      regs.map(async (r) => {
        const docs = await c.documentsByPeriod({ organizationId: r.org, rnm: r.rnm, ...WEEK, types: TURNOVER_TYPES });
        const expected = eachDay(WEEK.from, WEEK.to).map((day) => {
          const t = periodTotals(sim.dataset, r.kkt, dayNumber(day)!, dayNumber(day)!);
          return {
            rnm: r.rnm,
            day,
            income: total(t.income),
            refunds: total(t.refund),
            incomeVat: t.vatBasic + t.vatReduced,
            refundsVat: t.refundVat,
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
        });
        expect(dailyTurnover(r.rnm, docs, WEEK.from, WEEK.to)).toEqual(expected);
      }),
    );
  });
});
