/** The simulator honours the document: path, parameters, both credential headers, errors, limit and cursor paging. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dayNumber } from "@/lib/providers/renta/dates";
import { decodeCursor, encodeCursor } from "./cursor";
import { shiftDocuments } from "./documents";
import { startKonturSimulator, type KonturSimulator } from "./server";

let sim: KonturSimulator;
beforeAll(async () => {
  sim = await startKonturSimulator();
});
afterAll(() => sim.close());
afterEach(() => sim.resetCounters());

type Page = { documents: Record<string, Record<string, unknown>>[]; paging: { nextOffset?: string } };
const org = () => sim.organizations[0];
const late = () => sim.organizations[1];
const DAY = "dateFrom=2025-06-02T00:00:00&dateTo=2025-06-02T23:59:59";

function get(query: string, o: { org?: string; rnm?: string; headers?: Record<string, string> } = {}) {
  const url = `${sim.url}/v2/organizations/${o.org ?? org().id}/cashboxes/${o.rnm ?? org().rnms[0]}/documents/by-period?${query}`;
  return fetch(url, { headers: o.headers ?? { "X-Kontur-Ofd-ApiKey": sim.apiKey, Authorization: `auth.sid ${sim.sid}` } });
}
async function page(query: string, o: Parameters<typeof get>[1] = {}): Promise<Page> {
  const res = await get(query, o);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}
const typeOf = (d: Record<string, unknown>) => Object.keys(d)[0];
const dataOf = (d: Record<string, Record<string, unknown>>) => Object.values(d)[0];

describe("authentication", () => {
  it.each<[string, () => Record<string, string>]>([
    ["no headers", () => ({})],
    ["the API key only", () => ({ "X-Kontur-Ofd-ApiKey": sim.apiKey })],
    ["the auth.sid only", () => ({ Authorization: `auth.sid ${sim.sid}` })],
    ["a wrong auth.sid", () => ({ "X-Kontur-Ofd-ApiKey": sim.apiKey, Authorization: "auth.sid nope" })],
    ["the sid without its scheme", () => ({ "X-Kontur-Ofd-ApiKey": sim.apiKey, Authorization: sim.sid })],
  ])("%s → 401 with a JSON error", async (_, headers) => {
    const res = await get(DAY, { headers: headers() });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "Unauthorized" });
  });

  it("an auth.sid that expires after some requests is refused from then on", async () => {
    sim.setFaults({ sidExpiresAfterRequests: 1 });
    try {
      expect((await get(DAY)).status).toBe(200);
      expect((await get(DAY)).status).toBe(401);
    } finally {
      sim.setFaults({ sidExpiresAfterRequests: undefined });
    }
    expect(sim.counters).toEqual({ requests: 2, byStatus: { "200": 1, "401": 1 } });
  });
});

describe("what is refused", () => {
  it("another path is 404, another verb 405; an unknown organisation or a cashbox of another one is 404", async () => {
    const headers = { "X-Kontur-Ofd-ApiKey": sim.apiKey, Authorization: `auth.sid ${sim.sid}` };
    expect((await fetch(`${sim.url}/v2/organizations/${org().id}/cashboxes`, { headers })).status).toBe(404);
    expect((await fetch(`${sim.url}/v2/organizations/${org().id}/cashboxes/${org().rnms[0]}/documents/by-period?${DAY}`, { method: "POST", headers })).status).toBe(405);
    expect((await get(DAY, { org: "c2e3a34c-823f-4b1e-a9g1-d94fa40c22a6" })).status).toBe(404);
    const res = await get(DAY, { rnm: late().rnms[0] });
    expect([res.status, ((await res.json()) as { message: string }).message]).toEqual([404, "cashbox not found in the organization"]);
  });

  it.each([
    ["no dateFrom", "dateTo=2025-06-02T23:59:59", "dateFrom is required"],
    ["a date without time", "dateFrom=2025-06-02&dateTo=2025-06-02T23:59:59", "dateFrom must be yyyy-MM-ddTHH:mm:ss"],
    ["an impossible date", "dateFrom=2025-02-30T00:00:00&dateTo=2025-03-02T23:59:59", "dateFrom must be yyyy-MM-ddTHH:mm:ss"],
    ["dateTo before dateFrom", "dateFrom=2025-06-03T00:00:00&dateTo=2025-06-02T23:59:59", "dateTo is before dateFrom"],
    ["limit 0", `${DAY}&limit=0`, "limit must be at least 1"],
    ["a negative limit", `${DAY}&limit=-3`, "limit must be at least 1"],
    ["a limit in words", `${DAY}&limit=ten`, "limit must be a number"],
    ["an unknown type", `${DAY}&types=receipt,receipts`, 'unknown document type "receipts"; known: fiscalReport, fiscalReportCorrection, currentStateReport, openShift, closeShift, receipt, bso, receiptCorrection, bsoCorrection, closeArchive'],
    ["a made-up cursor", `${DAY}&offset=T2MbygVny1CAWaPZI1NarQ%3D%3D`, "offset is not a valid cursor"],
  ])("%s → 400", async (_, query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: "BadRequest", message });
  });

  it("a cursor encoded twice, or one of another cashbox, is 400", async () => {
    const first = await page(`${DAY}&limit=1`);
    const cursor = first.paging.nextOffset!;
    expect((await get(`${DAY}&offset=${encodeURIComponent(cursor)}`)).status).toBe(400);
    expect((await get(`${DAY}&offset=${cursor}`, { rnm: org().rnms[1] })).status).toBe(400);
  });
});

describe("paging", () => {
  it("cursors look like the document's and name the last document of the page", () => {
    const c = encodeCursor(42, { kkt: 7, fdn: 1_447_329 });
    expect(c).toMatch(/^[A-Za-z0-9%]{22,}%3D%3D$/);
    expect(decodeCursor(42, decodeURIComponent(c))).toEqual({ kkt: 7, fdn: 1_447_329 });
    expect(decodeCursor(43, decodeURIComponent(c))).toBeUndefined();
  });

  it("follows the cursor to the end: pages join up, and the last page hands back the request's own cursor", async () => {
    const all = await page(DAY);
    const seen: Page["documents"] = [];
    let offset: string | undefined;
    for (;;) {
      const p = await page(`${DAY}${offset ? `&offset=${offset}` : ""}&limit=40`);
      expect(p.documents.length).toBeLessThanOrEqual(40);
      if (p.documents.length === 0) {
        expect(p.paging.nextOffset).toBe(offset);
        break;
      }
      seen.push(...p.documents);
      offset = p.paging.nextOffset;
    }
    expect(seen).toEqual(all.documents);
    expect(typeOf(all.documents[0])).toBe("openShift");
    expect(typeOf(all.documents.at(-1)!)).toBe("closeShift");
    expect(all.documents.map((d) => dataOf(d).fiscalDocumentNumber)).toEqual(all.documents.map((_, i) => (dataOf(all.documents[0]).fiscalDocumentNumber as number) + i));
  });

  it("sends the register and fiscal drive numbers with a trailing space, as the example does", async () => {
    const p = await page(`${DAY}&limit=3`);
    for (const d of p.documents) {
      expect(dataOf(d).kktRegId).toBe(`${org().rnms[0]} `);
      expect(dataOf(d).fiscalDriveNumber).toMatch(/^\d{16} $/);
    }
  });

  it("a limit above 1000 gives 1000", async () => {
    const week = "dateFrom=2025-06-02T00:00:00&dateTo=2025-06-08T23:59:59";
    expect((await page(`${week}&limit=5000`)).documents).toHaveLength(1000);
  });

  it("no cursor and nothing in the period: `paging: {}`; a cursor before the period starts at its start; one after it, an empty page", async () => {
    expect(await page("dateFrom=2024-06-02T00:00:00&dateTo=2024-06-02T23:59:59")).toEqual({ documents: [], paging: {} });
    const before = (await page("dateFrom=2025-06-01T00:00:00&dateTo=2025-06-01T23:59:59")).paging.nextOffset!;
    expect((await page(`${DAY}&offset=${before}`)).documents).toEqual((await page(DAY)).documents);
    const after = (await page("dateFrom=2025-06-05T00:00:00&dateTo=2025-06-05T23:59:59")).paging.nextOffset!;
    expect(await page(`${DAY}&offset=${after}`)).toEqual({ documents: [], paging: { nextOffset: after } });
  });

  it("types filter the documents read, so a page may hold fewer than the limit, even none, while more remain", async () => {
    const first = await page(`${DAY}&types=closeShift&limit=100`);
    expect(first.documents).toEqual([]);
    expect(first.paging.nextOffset).toBeDefined();
    const shifts = await page(`${DAY}&types=openShift,closeShift`);
    expect(shifts.documents.map(typeOf)).toEqual(["openShift", "closeShift"]);
  });
});

describe("data", () => {
  it("a late register's shift closes after midnight, dated the next day; its receipts after midnight follow on", async () => {
    const p = await page("dateFrom=2025-06-06T00:00:00&dateTo=2025-06-07T06:00:00", { org: late().id, rnm: late().rnms[0] });
    const closes = p.documents.filter((d) => typeOf(d) === "closeShift").map((d) => dataOf(d).dateTime as string);
    expect(closes.every((t) => t.slice(11) < "06:00:00")).toBe(true);
    expect(closes.map((t) => t.slice(0, 10))).toEqual(["2025-06-06", "2025-06-07"]);
  });

  it("documents after now have not arrived; the same seed serves the same bytes", async () => {
    const early = await startKonturSimulator({ now: () => new Date("2025-06-02T09:00:00Z") });
    try {
      const p = (await (await fetch(`${early.url}/v2/organizations/${org().id}/cashboxes/${org().rnms[0]}/documents/by-period?${DAY}`, { headers: { "X-Kontur-Ofd-ApiKey": early.apiKey, Authorization: `auth.sid ${early.sid}` } })).json()) as Page;
      expect(p.documents.length).toBeGreaterThan(1);
      expect(p.documents.every((d) => (dataOf(d).dateTime as string) <= "2025-06-02T12:00:00")).toBe(true);
      expect(p.documents.some((d) => typeOf(d) === "closeShift")).toBe(false);
      const kkt = org().kkts[0];
      const full = shiftDocuments(early.dataset, kkt, dayNumber("2025-06-02")!).filter((d) => d.dateTime <= "2025-06-02T12:00:00");
      expect(p.documents.map((d) => dataOf(d).fiscalDocumentNumber)).toEqual(full.map((d) => d.fdn));
      expect(JSON.stringify(p.documents.slice(0, 5))).toBe(JSON.stringify((await page(DAY)).documents.slice(0, 5)));
    } finally {
      await early.close();
    }
  });
});

describe("test hook", () => {
  it("lists the organisations and registers it serves, outside the API (no credentials)", async () => {
    const res = await fetch(`${sim.url}/__simulator/organizations`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { organizations: { id: string; inn: string; name: string; rnms: string[] }[] };
    expect(body.organizations).toEqual(sim.organizations.map(({ id, inn, name, rnms }) => ({ id, inn, name, rnms })));
    expect(sim.counters.requests).toBe(1);
  });
});
