/**
 * A month of the demo mall pulled through heavy faults must give exactly the clean run's numbers.
 * The faulty simulator's clock runs 30× fast, so its 30-second tokens expire every second of test time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RentaClient } from "./client";
import { dayNumber, eachDay } from "./dates";
import { fetchDailyTurnover } from "./daily";
import { toCashRegister, type DailyTurnover } from "./mapping";
import { periodTotals } from "./simulator/figures";
import { startRentaSimulator, type RentaSimulator } from "./simulator/server";

const DAYS = eachDay("2025-12-01", "2025-12-31");
let clean: RentaSimulator;
let faulty: RentaSimulator;
let t0 = Date.now();
const fastClock = () => new Date(t0 + (Date.now() - t0) * 30);

beforeAll(async () => {
  clean = await startRentaSimulator({});
  faulty = await startRentaSimulator({
    now: fastClock,
    faults: {
      latencyMs: 1,
      error5xxRate: 0.2,
      timeoutRate: 0.05,
      hangMs: 5_000,
      rate429: 0.05,
      retryAfterSeconds: 0,
      malformedRate: 0.02,
      tokenLifetimeSeconds: 30,
      seed: 2025,
    },
  });
});
afterAll(async () => {
  await clean?.close();
  await faulty?.close();
});

async function pullMonth(sim: RentaSimulator, client: RentaClient): Promise<Map<string, DailyTurnover>> {
  const out = new Map<string, DailyTurnover>();
  for (const c of await client.companies()) {
    const cabinet = { inn: c.Inn, kpp: c.Kpp };
    const registers = (await client.kkts({ cabinet })).map(toCashRegister);
    const rows = await fetchDailyTurnover(client, { registers, days: DAYS, cabinet });
    for (const r of rows) {
      const key = `${r.rnm}/${r.day}`;
      expect(out.has(key)).toBe(false);
      out.set(key, r);
    }
  }
  return out;
}

describe("a month of kkt-full-data under faults", () => {
  it("gives totals identical to the clean run", async () => {
    const cleanClient = new RentaClient({ baseUrl: clean.url, login: clean.login, password: clean.password });
    const faultyClient = new RentaClient({
      baseUrl: faulty.url,
      login: faulty.login,
      password: faulty.password,
      now: fastClock,
      timeoutMs: 250,
      maxRetries: 14,
      baseDelayMs: 2,
      maxDelayMs: 30,
    });
    const expected = await pullMonth(clean, cleanClient);
    t0 = Date.now();
    const actual = await pullMonth(faulty, faultyClient);

    expect(actual.size).toBe(expected.size);
    expect(actual).toEqual(expected);
    const sum = (m: Map<string, DailyTurnover>) => [...m.values()].reduce((a, r) => a + r.income - r.refunds, 0n);
    expect(sum(actual)).toBe(sum(expected));

    // And both equal the generator's own figures for every register with consent all month.
    const ds = clean.dataset;
    const full = ds.kkts.filter((k) => k.consentFrom <= DAYS[0] && k.consentTo >= DAYS.at(-1)!);
    const generated = full.reduce((a, k) => a + periodTotals(ds, k.index, dayNumber(DAYS[0])!, dayNumber(DAYS.at(-1)!)!).income.reduce((x, y) => x + y, 0n), 0n);
    const pulled = [...actual.values()].filter((r) => full.some((k) => k.rnm === r.rnm)).reduce((a, r) => a + r.income, 0n);
    expect(pulled).toBe(generated);

    // The faults really happened, and the clean run used the fewest requests.
    const f = faulty.counters();
    expect(f.faults.error5xx).toBeGreaterThan(5);
    expect(f.faults.timeout).toBeGreaterThan(0);
    expect(f.faults.rate429).toBeGreaterThan(0);
    expect(f.faults.malformed).toBeGreaterThan(0);
    expect(f.tokensIssued).toBeGreaterThan(2);
    const cleanRequests = clean.counters().byPath["/api/renta/v1/kkt-full-data"];
    expect(cleanRequests).toBeLessThanOrEqual(DAYS.length * 4);
    expect(f.byPath["/api/renta/v1/kkt-full-data"]).toBeGreaterThan(cleanRequests);
  });
});
