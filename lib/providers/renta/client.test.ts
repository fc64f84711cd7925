/** The client against the simulator over a real socket. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RentaClient, type RentaClientOptions } from "./client";
import { addDays } from "./dates";
import { RentaError, type RentaErrorCode } from "./errors";
import { startRentaSimulator, type RentaSimulator } from "./simulator/server";

let sim: RentaSimulator;
const CLEAN = { latencyMs: 0, error5xxRate: 0, timeoutRate: 0, rate429: 0, malformedRate: 0, rejectTokens: false, retryAfterSeconds: 1, retryAfterFormat: "seconds" as const, error5xxStatuses: [500, 502, 503], hangMs: 10_000 };

beforeAll(async () => {
  sim = await startRentaSimulator({
    faults: CLEAN,
    accounts: [
      { login: "single", password: "single-pass", cabinets: [0] },
      { login: "no-agreement", password: "pass-1", state: "no-agreement" },
      { login: "deleted", password: "pass-2", state: "deleted" },
    ],
  });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.setFaults(CLEAN);
  sim.resetCounters();
});

const client = (o: Partial<RentaClientOptions> = {}) =>
  new RentaClient({ baseUrl: sim.url, login: sim.login, password: sim.password, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000, ...o });
const cab = (i = 0) => ({ inn: sim.dataset.cabinets[i].inn, kpp: sim.dataset.cabinets[i].kpp });
const kktOf = (i = 0) => sim.dataset.kkts.find((k) => k.cabinet === i && !k.silent && k.consentFrom === sim.dataset.options.from && k.consentTo === sim.dataset.options.to)!;

async function codeOf(p: Promise<unknown>): Promise<RentaErrorCode> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RentaError) return e.code;
    throw e;
  }
  throw new Error("expected a RentaError");
}

/** A fetch that lets the test play a server which disagrees with the client's own checks. */
const rewriting = (f: (url: string) => string): typeof fetch => ((input: string | URL | Request, init?: RequestInit) => fetch(f(String(input)), init)) as typeof fetch;

describe("authentication", () => {
  it("signs in once and reuses the token", async () => {
    const c = client();
    await c.companies();
    for (let i = 0; i < 3; i++) await c.legalEntities({ cabinet: cab() });
    expect(sim.counters().byPath["/api/Authorization/CreateAuthToken"]).toBe(1);
    expect(c.requests).toBe(5);
  });

  it("renews before ExpirationDateUtc, read as Moscow time, minus the margin", async () => {
    let shift = 0;
    const c = client({ now: () => new Date(Date.now() + shift) });
    await c.legalEntities({ cabinet: cab() });
    shift = 24 * 3600_000 - 10 * 60_000; // ten minutes before expiry: still fine
    await c.legalEntities({ cabinet: cab() });
    expect(sim.counters().byPath["/api/Authorization/CreateAuthToken"]).toBe(1);
    // Thirty seconds before expiry is inside the 60 s margin; read as UTC it would look 3 h away.
    shift = 24 * 3600_000 - 30_000;
    await c.legalEntities({ cabinet: cab() });
    expect(sim.counters().byPath["/api/Authorization/CreateAuthToken"]).toBe(2);
    expect(sim.counters().byStatus["401"]).toBeUndefined();
  });

  it("re-authenticates once when the service drops the token", async () => {
    const c = client();
    await c.legalEntities({ cabinet: cab() });
    sim.expireTokens();
    const list = await c.legalEntities({ cabinet: cab() });
    expect(list.length).toBeGreaterThan(0);
    expect(sim.counters().byPathStatus["/api/renta/v1/legal-entities"]).toEqual({ "200": 2, "401": 1 });
    expect(sim.counters().byPath["/api/Authorization/CreateAuthToken"]).toBe(2);
  });

  it("gives up after exactly one re-authentication", async () => {
    const c = client();
    sim.setFaults({ rejectTokens: true });
    expect(await codeOf(c.legalEntities({ cabinet: cab() }))).toBe("AuthFailed");
    expect(sim.counters().byPath["/api/Authorization/CreateAuthToken"]).toBe(2);
    expect(sim.counters().byPathStatus["/api/renta/v1/legal-entities"]).toEqual({ "401": 2 });
  });

  it("a wrong password is AuthFailed at once, and no message carries a secret", async () => {
    const seen: string[] = [];
    const c = client({ password: "wrong-secret-password", onRequest: (i) => seen.push(i.url) });
    const err = await c.legalEntities({ cabinet: cab() }).catch((e: RentaError) => e);
    expect(err).toBeInstanceOf(RentaError);
    expect((err as RentaError).code).toBe("AuthFailed");
    expect((err as RentaError).retryable).toBe(false);
    expect(c.requests).toBe(1);
    expect(JSON.stringify({ m: (err as Error).message, r: (err as RentaError).messageRu, seen })).not.toContain("wrong-secret-password");
  });

  it("never shows the token in request info", async () => {
    const seen: string[] = [];
    const c = client({ onRequest: (i) => seen.push(i.url) });
    await c.legalEntities({ cabinet: cab() });
    expect(seen[1]).toMatch(/AuthToken=\*\*\*$/);
    expect(seen.join(" ")).not.toMatch(/[0-9a-f]{32}/);
  });
});

describe("documented errors reach the caller by name", () => {
  const mid = () => sim.dataset.kkts.find((k) => k.cabinet === 0 && k.consentFrom > sim.dataset.options.from)!;

  it.each<[string, RentaErrorCode, () => Promise<unknown>]>([
    ["unknown register", "KktNotFound", () => client().receiptsByKkt({ rnm: "0000000000000000", from: "2025-06-01", to: "2025-06-02", cabinet: cab() })],
    ["unknown tenant", "InnNotFound", () => client().receiptsByInn({ inn: "7716872968", from: "2025-06-01", to: "2025-06-02", cabinet: cab() })],
    ["unknown tenant in kkts", "InnNotFound", () => client().kkts({ inn: "7716872968", cabinet: cab() })],
    ["before the consent", "AccessDenied", () => client().kktFullData({ rnms: [mid().rnm], from: addDays(mid().consentFrom, -2), to: addDays(mid().consentFrom, -1), cabinet: cab() })],
    ["receipts before the consent", "AccessDenied", () => client().receiptsByKkt({ rnm: mid().rnm, from: addDays(mid().consentFrom, -2), to: addDays(mid().consentFrom, -1), cabinet: cab() })],
    ["before the paid period", "TimeIntervalNotPaid", () => client().receiptsByKkt({ rnm: kktOf(1).rnm, from: "2025-01-10", to: "2025-01-12", cabinet: cab(1) })],
    ["unknown cabinet", "RentaNotFound", () => client().legalEntities({ cabinet: { inn: "7716872968", kpp: "771601001" } })],
    ["unknown receipt", "DataNotFound", () => client().receipt({ id: "3a6e3b83-a0b0-4587-bfb3-1b7539b05cf3", cabinet: cab() })],
    ["deleted account", "UserAccountNotFound", () => client({ login: "deleted", password: "pass-2" }).companies()],
    ["no Renta agreement", "RentaAgreementNotFound", () => client({ login: "no-agreement", password: "pass-1" }).companies()],
    ["several cabinets, none chosen (refused locally)", "NeedInnAndKpp", () => client().legalEntities()],
    [
      "several cabinets, none sent (service refuses)",
      "NeedInnAndKpp",
      () => client({ cabinet: cab(), fetch: rewriting((u) => u.replace(/\/\d{10}\/\d{9}\?/, "?")) }).legalEntities(),
    ],
    ["8-day span (service)", "IncorrectDateSpan", () => client({ fetch: rewriting((u) => u.replace("DateTo=2025-06-02", "DateTo=2025-06-10")) }).kktFullData({ rnms: [kktOf().rnm], from: "2025-06-01", to: "2025-06-02", cabinet: cab() })],
    ["8-day span on receipts (service)", "InvalidTimeInterval", () => client({ fetch: rewriting((u) => u.replace("/2025-06-02/", "/2025-06-10/")) }).receiptsByKkt({ rnm: kktOf().rnm, from: "2025-06-01", to: "2025-06-02", cabinet: cab() })],
    ["no registers (service)", "ValidationError", () => client({ fetch: rewriting((u) => u.replace(/&Rnms=\d+/g, "")) }).kktFullData({ rnms: [kktOf().rnm], from: "2025-06-01", to: "2025-06-01", cabinet: cab() })],
  ])("%s → %s", async (_, code, call) => {
    expect(await codeOf(call())).toBe(code);
  });

  it("InternalError after the retries are spent, and it says it may be retried later", async () => {
    const c = client({ maxRetries: 2 });
    await c.authenticate();
    sim.setFaults({ error5xxRate: 1, error5xxStatuses: [500] });
    const err = (await c.legalEntities({ cabinet: cab() }).catch((e: RentaError) => e)) as RentaError;
    expect(err.code).toBe("InternalError");
    expect(err.retryable).toBe(true);
    expect(sim.counters().byPathStatus["/api/renta/v1/legal-entities"]).toEqual({ "500": 3 });
  });

  it("a login with one cabinet needs no rentaInn/rentaKpp", async () => {
    const c = client({ login: "single", password: "single-pass" });
    expect((await c.legalEntities()).length).toBeGreaterThan(0);
    expect((await c.kkts({ inn: sim.dataset.tenants[0].inn })).length).toBeGreaterThan(0);
  });

  it("a period over 7 days is refused before anything is sent", async () => {
    const c = client();
    expect(await codeOf(c.kktFullData({ rnms: [kktOf().rnm], from: "2025-06-01", to: "2025-06-09", cabinet: cab() }))).toBe("PeriodTooLong");
    expect(await codeOf(c.shiftList({ rnm: kktOf().rnm, from: "2025-06-03", to: "2025-06-01", cabinet: cab() }))).toBe("InvalidTimeInterval");
    expect(c.requests).toBe(0);
    await c.kktFullData({ rnms: [kktOf().rnm], from: "2025-06-01", to: "2025-06-08", cabinet: cab() });
  });
});

describe("retries", () => {
  it("retries 5xx answers (JSON, HTML and empty) until they succeed", async () => {
    const clean = await client().kktFullData({ rnms: [kktOf().rnm], from: "2025-06-01", to: "2025-06-07", cabinet: cab() });
    sim.setFaults({ error5xxRate: 0.6, seed: 11 });
    const c = client({ maxRetries: 12 });
    for (let i = 0; i < 6; i++) expect(await c.kktFullData({ rnms: [kktOf().rnm], from: "2025-06-01", to: "2025-06-07", cabinet: cab() })).toEqual(clean);
    const s = sim.counters().byStatus;
    expect((s["500"] ?? 0) + (s["502"] ?? 0) + (s["503"] ?? 0)).toBeGreaterThan(3);
  });

  it("waits out Retry-After on 429 (seconds)", async () => {
    sim.setFaults({ rate429: 0.5, retryAfterSeconds: 1, seed: 5 });
    const c = client({ maxRetries: 10 });
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) await c.legalEntities({ cabinet: cab() });
    const n429 = sim.counters().byStatus["429"] ?? 0;
    expect(n429).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(n429 * 1000 - 50);
  });

  it("waits out Retry-After given as an HTTP date", async () => {
    sim.setFaults({ rate429: 1, retryAfterSeconds: 2, retryAfterFormat: "date" });
    const c = client({ maxRetries: 3 });
    const t0 = performance.now();
    const p = c.legalEntities({ cabinet: cab() });
    setTimeout(() => sim.setFaults({ rate429: 0 }), 200);
    await p;
    expect(sim.counters().byStatus["429"]).toBe(1);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("does not sit out a Retry-After longer than allowed: the caller gets it to reschedule", async () => {
    sim.setFaults({ rate429: 1, retryAfterSeconds: 600 });
    const err = (await client({ maxRetryAfterMs: 5000 }).legalEntities({ cabinet: cab() }).catch((e: RentaError) => e)) as RentaError;
    expect(err.status).toBe(429);
    expect(err.retryAfterMs).toBe(600_000);
    expect(sim.counters().byStatus["429"]).toBe(1);
  });

  it("does not retry other 4xx", async () => {
    const c = client();
    expect(await codeOf(c.receiptsByKkt({ rnm: "0000000000000000", from: "2025-06-01", to: "2025-06-01", cabinet: cab() }))).toBe("KktNotFound");
    expect(sim.counters().byPathStatus["/api/renta/v1/kkt/{KKT}/receipts"]).toEqual({ "404": 1 });
  });

  it("times out a hanging request and retries it", async () => {
    const c = client({ timeoutMs: 150, maxRetries: 2 });
    await c.authenticate();
    sim.setFaults({ timeoutRate: 1 });
    const t0 = performance.now();
    expect(await codeOf(c.legalEntities({ cabinet: cab() }))).toBe("Timeout");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(440);
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.counters().byPathStatus["/api/renta/v1/legal-entities"]).toEqual({ aborted: 3 });
    sim.setFaults({ timeoutRate: 0.5, seed: 3 });
    expect((await client({ timeoutMs: 150, maxRetries: 12 }).legalEntities({ cabinet: cab() })).length).toBeGreaterThan(0);
  });

  it("retries a body cut off mid-way", async () => {
    sim.setFaults({ malformedRate: 0.5, seed: 9 });
    const c = client({ maxRetries: 12 });
    for (let i = 0; i < 4; i++) expect((await c.kkts({ cabinet: cab() })).length).toBeGreaterThan(0);
    expect(sim.counters().faults.malformed).toBeGreaterThan(0);
  });
});

describe("transport rules", () => {
  it("keeps at most `concurrency` requests in flight at the service", async () => {
    sim.setFaults({ latencyMs: 40 });
    const c = client({ concurrency: 3 });
    await c.legalEntities({ cabinet: cab() });
    sim.resetCounters();
    const rnms = sim.dataset.kkts.filter((k) => k.cabinet === 0).slice(0, 12).map((k) => k.rnm);
    await Promise.all(rnms.map((r) => c.shiftList({ rnm: r, from: "2025-06-01", to: "2025-06-01", cabinet: cab() }).catch(() => undefined)));
    expect(sim.counters().requests).toBe(12);
    expect(sim.counters().maxInFlight).toBe(3);
  });

  it("does not follow redirects", async () => {
    const redirector = http.createServer((req, res) => {
      res.writeHead(302, { location: sim.url + req.url });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", () => r()));
    try {
      const port = (redirector.address() as AddressInfo).port;
      const c = new RentaClient({ baseUrl: `http://127.0.0.1:${port}`, login: sim.login, password: sim.password, maxRetries: 1, baseDelayMs: 1 });
      const err = (await c.companies().catch((e: RentaError) => e)) as RentaError;
      expect([err.code, err.status, err.retryable]).toEqual(["Http", 302, false]);
      expect(sim.counters().requests).toBe(0);
    } finally {
      redirector.close();
    }
  });

  it("splits kkt-full-data over as many URLs as the length limit needs", async () => {
    const rnms = sim.dataset.kkts.filter((k) => k.cabinet === 0 && k.consentFrom <= "2025-06-01" && k.consentTo >= "2025-06-01").map((k) => k.rnm);
    const c = client();
    const rows = await c.kktFullData({ rnms, from: "2025-06-01", to: "2025-06-01", cabinet: cab() });
    const silent = sim.dataset.kkts.filter((k) => rnms.includes(k.rnm) && k.silent && k.silent[0] <= 20_240 && k.silent[1] >= 20_240).length;
    expect(rows.length).toBe(rnms.length - silent);
    expect(sim.counters().byPath["/api/renta/v1/kkt-full-data"]).toBe(Math.ceil(rnms.length / 86));
    expect(sim.counters().byStatus["414"]).toBeUndefined();
  });

  it("the simulator takes AuthToken and authToken alike and serves its counters over HTTP", async () => {
    const auth = await fetch(`${sim.url}/api/Authorization/CreateAuthToken`, { method: "POST", body: JSON.stringify({ Login: sim.login, Password: sim.password }) });
    const { Data } = (await auth.json()) as { Data: { AuthToken: string } };
    const { inn, kpp } = cab();
    for (const key of ["AuthToken", "authToken"]) {
      expect((await fetch(`${sim.url}/api/renta/v1/legal-entities/${inn}/${kpp}?${key}=${Data.AuthToken}`)).status).toBe(200);
    }
    expect((await fetch(`${sim.url}/api/renta/v1/legal-entities/${inn}/${kpp}`)).status).toBe(401);
    const counters = (await (await fetch(`${sim.url}/__simulator/counters`)).json()) as { byPathStatus: Record<string, Record<string, number>> };
    expect(counters.byPathStatus["/api/renta/v1/legal-entities"]).toEqual({ "200": 2, "401": 1 });
  });

  it("reads every documented method from the simulator", async () => {
    const c = client();
    const k = kktOf();
    const receipts = await c.receiptsByKkt({ rnm: k.rnm, from: "2025-12-30", to: "2025-12-31", cabinet: cab() });
    const detail = await c.receipt({ id: receipts[3].Id, cabinet: cab() });
    expect(detail.TotalSumm).toBe(receipts[3].TotalSumm);
    expect(detail.Items.reduce((a, i) => a + i.Total, 0n)).toBe(detail.TotalSumm);
    const tenant = sim.dataset.tenants[k.tenant];
    expect((await c.receiptsByInn({ inn: tenant.inn, from: "2025-12-31", to: "2025-12-31", cabinet: cab() })).length).toBeGreaterThan(0);
    const shifts = await c.shiftList({ rnm: k.rnm, from: "2025-12-30", to: "2025-12-31", cabinet: cab() });
    expect(shifts).toHaveLength(2);
    expect((await c.shiftList({ rnm: k.rnm, from: "2025-12-30", to: "2025-12-31", accounting: "byClose", cabinet: cab() })).length).toBeGreaterThan(0);
    const entities = await c.legalEntities({ cabinet: cab() });
    expect(entities.every((e) => typeof e.KktRegistered === "number")).toBe(true);
    const kkts = await c.kkts({ cabinet: cab() });
    expect(kkts.every((x) => typeof x.KktAddress === "string" && x.Rnm.length === 16)).toBe(true);
    expect((await c.companies()).map((x) => x.Inn)).toEqual(sim.dataset.cabinets.map((x) => x.inn));
  });
});
