/** The client against the simulator over a real socket, and against stub servers that misbehave. */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPrroClient, type PrroClientOptions, type RequestInfo } from "./client";
import { kyivInstant } from "./dates";
import { PrroError } from "./errors";
import { shiftAt, startPrroSimulator, type PrroSimulator } from "./simulator/server";

/** Characters a query string must encode, so both spellings of the token are watched for. */
const TOKEN = "Tok+en/42b5eaccba739f08==";
const AT = kyivInstant("2025-06-03T15:00:00");
const CLEAN = { latencyMs: 0, error5xxRate: 0, rate429: 0, malformedRate: 0, retryAfterSeconds: 1 };
const EXAMPLE = readFileSync(path.join(import.meta.dirname, "fixtures", "tax-object-response.json"), "utf8");

let sim: PrroSimulator;
beforeAll(async () => {
  sim = await startPrroSimulator({ apiToken: TOKEN });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.setFaults(CLEAN);
  sim.setNow(AT);
  sim.resetCounters();
});

const client = (o: Partial<PrroClientOptions> = {}) => createPrroClient({ baseUrl: sim.url, apiToken: TOKEN, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000, ...o });
const fiscal = (i = 0) => sim.taxObjects[i].numFiscal;

async function failure(p: Promise<unknown>): Promise<PrroError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PrroError) return e;
    throw e;
  }
  throw new Error("expected a PrroError");
}

/** The token, raw or as the query string spells it, is nowhere in the error, its cause or its rendering. */
function expectNoToken(e: PrroError, token = TOKEN): void {
  const cause = e.cause as { message?: string; cause?: unknown } | undefined;
  const texts = [String(e), e.message, e.messageRu, e.providerMessage ?? "", e.field ?? "", JSON.stringify(e), e.stack ?? "", String(cause?.message ?? ""), JSON.stringify(cause?.cause ?? null), inspect(e, { depth: 8 })];
  for (const text of texts) for (const form of [token, encodeURIComponent(token)]) expect(text).not.toContain(form);
}

/** A fetch that answers every request itself. */
const answering = (status: number, body: string, headers: Record<string, string> = {}) => {
  let calls = 0;
  const f = (async () => {
    calls++;
    return new Response(body, { status, headers });
  }) as typeof fetch;
  return { fetch: f, calls: () => calls };
};
const stub = (f: typeof fetch, o: Partial<PrroClientOptions> = {}) => createPrroClient({ baseUrl: "http://stub.test", apiToken: TOKEN, fetch: f, baseDelayMs: 1, maxDelayMs: 2, ...o });

describe("reading a register", () => {
  it("gives every register's status and current shift with one request each, as the simulator's truth says", async () => {
    sim.setNow(AT);
    const c = client();
    for (const to of sim.taxObjects) {
      const o = await c.taxObject(to.numFiscal);
      expect(o).toEqual({
        numFiscal: to.numFiscal,
        orgName: to.orgName,
        tin: to.tin,
        ipn: to.ipn,
        name: to.name,
        address: to.address,
        shift: shiftAt(sim, to, AT),
        subscriptionEnded: false,
        subscriptionExpiresAt: to.subscriptionExpiresAt,
        offline: false,
      });
      expect(o.shift).toMatchObject({ isOpen: true, day: "2025-06-03" });
    }
    expect([c.requests, sim.counters.requests, sim.counters.byStatus["200"]]).toEqual([4, 4, 4]);
  });

  it("sends GET /api/v2/tax_objects/{num_fiscal}?api_token=… with both required headers; the request info masks the token", async () => {
    const sent: { url: string; headers: Record<string, string>; method?: string }[] = [];
    const seen: RequestInfo[] = [];
    const recording = (async (input: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(input), headers: init?.headers as Record<string, string>, method: init?.method });
      return fetch(input, init);
    }) as typeof fetch;
    await client({ fetch: recording, onRequest: (i) => seen.push(i) }).taxObject(fiscal());
    expect(sent).toEqual([{ url: `${sim.url}/api/v2/tax_objects/${fiscal()}?api_token=${encodeURIComponent(TOKEN)}`, headers: { Accept: "application/json", "Content-Type": "application/json" }, method: "GET" }]);
    expect(seen.map((i) => [i.url, i.status, i.attempt])).toEqual([[`${sim.url}/api/v2/tax_objects/${fiscal()}?api_token=***`, 200, 0]]);
  });

  it("a request without the headers is refused by the service (406), not retried", async () => {
    const bare = (async (input: string | URL | Request, init?: RequestInit) => fetch(input, { ...init, headers: {} })) as typeof fetch;
    const e = await failure(client({ fetch: bare }).taxObject(fiscal()));
    expect([e.code, e.status, e.retryable, sim.counters.requests]).toEqual(["Http", 406, false, 1]);
    expect(e.providerMessage).toBe("the request must carry Accept: application/json");
  });

  it.each(["400007044", "40000704400", "400007044a", " 4000070440", ""])("fiscal number %j is refused before any request", async (n) => {
    const c = client();
    const e = await failure(c.taxObject(n));
    expect([e.code, e.field, c.requests, sim.counters.requests]).toEqual(["BadRequest", "numFiscal", 0, 0]);
  });

  it("no token is refused before any request; a base URL that is not http(s) when the client is made", async () => {
    const c = client({ apiToken: " " });
    expect((await failure(c.taxObject(fiscal()))).code).toBe("AuthFailed");
    expect(c.requests).toBe(0);
    expect(() => client({ baseUrl: "ftp://example.test" })).toThrow(RangeError);
    expect(() => client({ baseUrl: "not a url" })).toThrow(RangeError);
  });
});

describe("errors", () => {
  it("a wrong token is AuthFailed (401) with one request, never retried, and no trace of the token", async () => {
    const wrong = "wrong-token-0123456789";
    const c = client({ apiToken: wrong });
    const e = await failure(c.taxObject(fiscal()));
    expect([e.code, e.status, e.retryable, c.requests, sim.counters.byStatus]).toEqual(["AuthFailed", 401, false, 1, { "401": 1 }]);
    expect(e.message).toBe("PRRO tax-object: the service refused the credentials (HTTP 401): check the api_token");
    expect(e.messageRu).toBe("PRRO tax-object: сервис ПРРО отклонил api_token: проверьте токен, созданный в личном кабинете");
    expectNoToken(e, wrong);
  });

  it("an unknown fiscal number is NotFound (404), one request", async () => {
    const c = client();
    const e = await failure(c.taxObject("4999999999"));
    expect([e.code, e.status, e.retryable, c.requests]).toEqual(["NotFound", 404, false, 1]);
    expect(e.message).toBe("PRRO tax-object: the service knows no cash register with this fiscal number: HTTP 404 (no cash register with fiscal number 4999999999)");
  });

  it("429 with Retry-After is waited out as the service asks, not by the backoff", async () => {
    sim.setFaults({ rate429: 1, retryAfterSeconds: 0 });
    // A backoff of up to a minute would time the test out: only Retry-After: 0 lets it through at once.
    const c = client({ baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.999, onRequest: () => sim.setFaults({ rate429: 0 }) });
    const o = await c.taxObject(fiscal());
    expect(o.numFiscal).toBe(fiscal());
    expect([c.requests, sim.counters.byStatus]).toEqual([2, { "429": 1, "200": 1 }]);
  });

  it("a Retry-After beyond maxRetryAfterMs goes back to the caller at once, with the wait", async () => {
    sim.setFaults({ rate429: 1, retryAfterSeconds: 30 });
    const c = client({ maxRetryAfterMs: 1000 });
    const e = await failure(c.taxObject(fiscal()));
    expect([e.code, e.status, e.retryable, e.retryAfterMs, c.requests]).toEqual(["Http", 429, true, 30_000, 1]);
    expectNoToken(e);
  });

  it("5xx is retried with backoff until it passes", async () => {
    sim.setFaults({ error5xxRate: 1, seed: 3 });
    let n = 0;
    const c = client({ random: () => 0, onRequest: () => ++n === 2 && sim.setFaults({ error5xxRate: 0 }) });
    expect((await c.taxObject(fiscal())).numFiscal).toBe(fiscal());
    expect([c.requests, sim.counters.requests, sim.counters.byStatus["200"]]).toEqual([3, 3, 1]);
  });

  it("5xx every time gives up after maxRetries + 1 requests", async () => {
    sim.setFaults({ error5xxRate: 1 });
    const c = client({ maxRetries: 2, random: () => 0 });
    const e = await failure(c.taxObject(fiscal()));
    expect([e.code, e.retryable, c.requests, sim.counters.requests]).toEqual(["Http", true, 3, 3]);
    expectNoToken(e);
  });

  it("a body cut off mid-way is Malformed with line and column, retried as a dropped connection", async () => {
    sim.setFaults({ malformedRate: 1 });
    const c = client({ maxRetries: 2, random: () => 0 });
    const e = await failure(c.taxObject(fiscal()));
    expect([e.code, e.retryable, c.requests]).toEqual(["Malformed", true, 3]);
    expect(e.message).toMatch(/^PRRO tax-object: the body is invalid JSON at line 1, column \d+ \(unexpected end of input\)$/);
  });

  it.each([
    [403, "AuthFailed", false],
    [400, "BadRequest", false],
    [422, "BadRequest", false],
    [302, "Http", false],
    [418, "Http", false],
    [503, "Http", true],
  ])("HTTP %i is %s (retryable %s)", async (status, code, retryable) => {
    const s = answering(status, '{"message":"refused"}', status === 302 ? { location: "http://elsewhere.test/" } : {});
    const e = await failure(stub(s.fetch, { maxRetries: 0 }).taxObject("4000070440"));
    expect([e.code, e.status, e.retryable, s.calls()]).toEqual([code, status, retryable, 1]);
  });
});

describe("the document's num_fiscal quirk", () => {
  it("its example answers a request for 4000022469 with 4000070440: refused, not retried; asked for 4000070440 it is read", async () => {
    const s = answering(200, EXAMPLE);
    const e = await failure(stub(s.fetch).taxObject("4000022469"));
    expect([e.code, e.field, e.retryable, s.calls()]).toEqual(["Malformed", "data.num_fiscal", false, 1]);
    expect(e.message).toBe("PRRO tax-object: data.num_fiscal is 4000070440, but cash register 4000022469 was asked for");
    const o = await stub(s.fetch).taxObject("4000070440");
    expect([o.numFiscal, o.shift?.id, o.shift?.totals.refunds]).toEqual(["4000070440", "607d9850626e8c2e22609fc4", 3000n]);
  });

  it("the simulator's register answered under another's number is refused", async () => {
    const swapping = (async (input: string | URL | Request, init?: RequestInit) => {
      const res = await fetch(String(input).replace(fiscal(0), fiscal(1)), init);
      return new Response(await res.text(), { status: res.status });
    }) as typeof fetch;
    const e = await failure(client({ fetch: swapping }).taxObject(fiscal(0)));
    expect([e.code, e.field]).toEqual(["Malformed", "data.num_fiscal"]);
  });
});

describe("the api_token never leaves the client in an error", () => {
  async function closedPort(): Promise<number> {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }

  it("in any way a request can fail", async () => {
    const url = (n: string) => `http://stub.test/api/v2/tax_objects/${n}?api_token=${encodeURIComponent(TOKEN)}`;
    const echoBody = JSON.stringify({ data: JSON.parse(EXAMPLE).data, message: `seen ${TOKEN}` }).replace('"num_fiscal":4000070440', `"num_fiscal":"${TOKEN}"`);
    const cases: [string, () => Promise<unknown>, string][] = [
      ["wrong token", () => client({ apiToken: "Tok+en/WRONG" }).taxObject(fiscal()), "AuthFailed"],
      ["unknown register", () => client().taxObject("4999999999"), "NotFound"],
      ["no such register at a stub echoing the URL", () => stub(answering(404, JSON.stringify({ message: `no ${url("4000070440")}` })).fetch).taxObject("4000070440"), "NotFound"],
      ["a 400 quoting the raw token", () => stub(answering(400, JSON.stringify({ error: { message: `bad api_token ${TOKEN}` } })).fetch).taxObject("4000070440"), "BadRequest"],
      ["a field holding the token", () => stub(answering(200, echoBody).fetch).taxObject("4000070440"), "Malformed"],
      ["fetch quoting the URL", () => stub((async (input: string | URL | Request) => { throw new TypeError(`Failed to parse URL from ${String(input)}`, { cause: Object.assign(new Error(`Invalid URL ${String(input)}`), { code: "ERR_INVALID_URL", input: String(input) }) }); }) as typeof fetch, { maxRetries: 0 }).taxObject("4000070440"), "Http"],
      ["a closed port", async () => createPrroClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, apiToken: TOKEN, maxRetries: 1, baseDelayMs: 1 }).taxObject(fiscal()), "Http"],
      ["a timeout", () => { sim.setFaults({ latencyMs: 300 }); return client({ timeoutMs: 30, maxRetries: 0 }).taxObject(fiscal()); }, "Timeout"],
      ["5xx", () => { sim.setFaults({ latencyMs: 0, error5xxRate: 1 }); return client({ maxRetries: 0 }).taxObject(fiscal()); }, "Http"],
      ["a cut body", () => { sim.setFaults({ error5xxRate: 0, malformedRate: 1 }); return client({ maxRetries: 0 }).taxObject(fiscal()); }, "Malformed"],
    ];
    for (const [name, run, code] of cases) {
      const e = await failure(run());
      expect([name, e.code]).toEqual([name, code]);
      expectNoToken(e);
    }
  });

  it("the masked messages still say what happened", async () => {
    const e = await failure(stub(answering(400, JSON.stringify({ message: `bad api_token ${TOKEN}` })).fetch).taxObject("4000070440"));
    expect(e.providerMessage).toBe("bad api_token ***");
    const f = await failure(stub(answering(200, EXAMPLE.replace('"num_fiscal": 4000070440', `"num_fiscal": "${TOKEN}"`)).fetch).taxObject("4000070440"));
    expect(f.message).toBe('PRRO tax-object: data.num_fiscal must be a fiscal number: a JSON integer of 10 digits (received string "***")');
  });
});
