import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { registerMonth } from "./register-day";

const routes = async () => ({
  tenants: await import("@/app/api/v1/tenants/route"),
  kkts: await import("@/app/api/v1/kkts/route"),
  contracts: await import("@/app/api/v1/contracts/route"),
  compute: await import("@/app/api/v1/statements/compute/route"),
  issue: await import("@/app/api/v1/statements/[id]/issue/route"),
  statement: await import("@/app/api/v1/statements/[id]/route"),
  day: await import("@/app/api/v1/kkts/[id]/days/[day]/route"),
  turnover: await import("@/app/api/v1/turnover/route"),
});
const TODAY = "2026-12-03";
const rows = (r: unknown) => ((r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]));

describe.each(testEngines)("turnover entered by a person or reported by the tenant, over HTTP, on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let r: Awaited<ReturnType<typeof routes>>;
  let kkt: string;
  let silent: string;
  let statementId: string;

  const put = (key: string, kktId: string, day: string, body: unknown) => callRoute(r.day.PUT, "PUT", `/api/v1/kkts/${kktId}/days/${day}`, key, body, { id: kktId, day });
  const del = (key: string, kktId: string, day: string, source: string) => callRoute(r.day.DELETE, "DELETE", `/api/v1/kkts/${kktId}/days/${day}?source=${source}`, key, undefined, { id: kktId, day });
  const dayOf = async (kktId: string, day: string) => (await registerMonth(engine.db, A.users.owner.actor, kktId, day.slice(0, 7), TODAY)).days.find((d) => d.day === day)!;
  const count = async () => Number(rows(await engine.db.execute(sql`select count(*)::int as n from turnover_daily where org_id = ${A.id}`))[0].n);

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Entries A");
    B = await createOrgFixture(engine, "Entries B");
    r = await routes();
    const post = async (route: { POST: unknown }, path: string, body: object) => {
      const res = await callRoute(route.POST as never, "POST", path, A.keys.admin, body);
      expect(res.status, res.text).toBe(201);
      return res.json as { id: string };
    };
    const tenantId = (await post(r.tenants, "/api/v1/tenants", { inn: "7707083893", kpp: "773601001", name: "ООО «Книги»" })).id;
    kkt = (await post(r.kkts, "/api/v1/kkts", { rnm: "0000000000000501", tenantId })).id;
    silent = (await post(r.kkts, "/api/v1/kkts", { rnm: "0000000000000502", tenantId })).id;
    await post(r.contracts, "/api/v1/contracts", {
      number: "К-9/2026", tenantId, premisesIds: [], start: "2026-03-01", end: "2026-12-31", currency: "RUB",
      kkts: [{ rnm: "0000000000000501" }, { rnm: "0000000000000502" }],
      terms: [{ effectiveFrom: "2026-03-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "10" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }],
    });
    // The provider gave register 1 every day of March: 1 000.00 a day.
    for (let d = 1; d <= 31; d++)
      await engine.query(`insert into turnover_daily (org_id, kkt_id, day, source, income, refunds) values ($1, $2, $3, 'renta:kkt-full-data', 100000, 0)`, [A.id, kkt, `2026-03-${String(d).padStart(2, "0")}`]);
    const computed = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", A.keys.accountant, { period: "2026-03" });
    statementId = computed.json.data[0].id;
    expect((await callRoute(r.issue.POST, "POST", `/api/v1/statements/${statementId}/issue`, A.keys.accountant, undefined, { id: statementId })).status).toBe(200);
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("a day entered by hand counts over the provider's, flags the issued statement, and its removal brings the provider's back", async () => {
    const res = await put(A.keys.accountant, kkt, "2026-03-10", { source: "manual", income: 50_000_000, refunds: 1_000_000, incomeVat: 8_333_333 });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ kktId: kkt, rnm: "0000000000000501", day: "2026-03-10", source: "manual", income: 50_000_000, refunds: 1_000_000, incomeVat: 8_333_333, incomeCash: null });
    const d = await dayOf(kkt, "2026-03-10");
    expect([d.source, d.net, d.otherSources]).toEqual(["manual", 49_000_000n, ["renta:kkt-full-data"]]);
    // The provider's row is still there, unchanged.
    expect(rows(await engine.db.execute(sql`select income::text from turnover_daily where org_id = ${A.id} and kkt_id = ${kkt} and day = '2026-03-10' and source = 'renta:kkt-full-data'`))[0].income).toBe("100000");
    // The issued statement is never changed, but now needs a revision.
    const s = await callRoute(r.statement.GET, "GET", `/api/v1/statements/${statementId}`, A.keys.accountant, undefined, { id: statementId });
    expect(s.json).toMatchObject({ status: "issued", needsRevision: true, turnover: 3_100_000 });
    // Entering it again replaces the entry, not adds a second one.
    expect((await put(A.keys.owner, kkt, "2026-03-10", { source: "manual", income: 40_000_000, refunds: 0 })).json).toMatchObject({ income: 40_000_000, incomeVat: null });
    expect((await dayOf(kkt, "2026-03-10")).net).toBe(40_000_000n);

    expect((await del(A.keys.admin, kkt, "2026-03-10", "manual")).json).toEqual({ kktId: kkt, day: "2026-03-10", source: "manual" });
    expect([(await dayOf(kkt, "2026-03-10")).source, (await dayOf(kkt, "2026-03-10")).net]).toEqual(["renta:kkt-full-data", 100_000n]);
    expect((await del(A.keys.admin, kkt, "2026-03-10", "manual")).status).toBe(404);
    const providers = await del(A.keys.admin, kkt, "2026-03-11", "renta:kkt-full-data");
    expect([providers.status, providers.json.error.fields]).toEqual([400, { "query.source": ["manual or tenant-reported"] }]);
  });

  it("the tenant's own report fills a silent register's days but never outranks the provider", async () => {
    const before = await count();
    const res = await callRoute(r.turnover.POST, "POST", "/api/v1/turnover", A.keys.accountant, {
      entries: [
        { rnm: "0000000000000502", day: "2026-03-01", source: "tenant-reported", income: 2_000_000, refunds: 0, incomeCash: 500_000, incomeCashless: 1_500_000, incomePrepaid: 0, incomeCredit: 0 },
        { rnm: "0000000000000502", day: "2026-03-02", source: "tenant-reported", income: 3_000_000, refunds: 100_000 },
        { rnm: "0000000000000501", day: "2026-03-02", source: "tenant-reported", income: 999_999_999, refunds: 0 },
      ],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({ stored: 3 });
    expect(await count()).toBe(before + 3);
    expect([(await dayOf(silent, "2026-03-02")).source, (await dayOf(silent, "2026-03-02")).net]).toEqual(["tenant-reported", 2_900_000n]);
    expect((await dayOf(silent, "2026-03-03")).state).toBe("missing");
    const d = await dayOf(kkt, "2026-03-02");
    expect([d.source, d.net, d.otherSources]).toEqual(["renta:kkt-full-data", 100_000n, ["tenant-reported"]]);
  });

  it("refuses figures that cannot be a day's turnover next to the field, and stores nothing of a batch with one bad entry", async () => {
    const cases: [unknown, Record<string, string[]>][] = [
      [{ source: "manual", income: -1, refunds: 0 }, { "body.income": ["Amounts are not negative"] }],
      [{ source: "manual", income: 100.5, refunds: 0 }, { "body.income": ["Amounts are whole kopecks"] }],
      [{ source: "manual", income: 100, refunds: 0, incomeVat: 101 }, { "body.incomeVat": ["VAT cannot exceed the income"] }],
      [{ source: "manual", income: 100, refunds: 0, incomeCash: 50 }, { "body.incomeCash": ["Give all four payment forms; they must add up to the income"] }],
      [{ source: "manual", income: 100, refunds: 0, incomeCash: 50, incomeCashless: 40, incomePrepaid: 0, incomeCredit: 0 }, { "body.incomeCash": ["Give all four payment forms; they must add up to the income"] }],
      [{ source: "renta:kkt-full-data", income: 100, refunds: 0 }, { "body.source": ["Choose where the figures come from: manual or tenant-reported"] }],
    ];
    for (const [body, fields] of cases) {
      const res = await put(A.keys.owner, kkt, "2026-03-12", body);
      expect([res.status, res.json.error.fields], JSON.stringify(body)).toEqual([400, fields]);
    }
    const future = await put(A.keys.owner, kkt, "2026-12-04", { source: "manual", income: 100, refunds: 0 });
    expect([future.status, future.json.error.fields]).toEqual([400, { day: ["A day in the future has no turnover yet"] }]);
    const before = await count();
    const batch = await callRoute(r.turnover.POST, "POST", "/api/v1/turnover", A.keys.owner, {
      entries: [
        { rnm: "0000000000000502", day: "2026-03-05", source: "tenant-reported", income: 100, refunds: 0 },
        { rnm: "0000000000009999", day: "2026-03-05", source: "tenant-reported", income: 100, refunds: 0 },
      ],
    });
    expect([batch.status, batch.json.error.fields]).toEqual([400, { "entries.1.rnm": ["No register 0000000000009999 in this organisation"] }]);
    const twice = await callRoute(r.turnover.POST, "POST", "/api/v1/turnover", A.keys.owner, {
      entries: [
        { rnm: "0000000000000502", day: "2026-03-05", source: "tenant-reported", income: 100, refunds: 0 },
        { rnm: "0000000000000502", day: "2026-03-05", source: "tenant-reported", income: 200, refunds: 0 },
      ],
    });
    expect([twice.status, twice.json.error.fields]).toEqual([400, { "entries.1": ["Same register, day and source as entry 0"] }]);
    expect(await count()).toBe(before);
  });

  it("another organisation's register cannot be written, and its registers' RNMs are unknown here", async () => {
    const before = await count();
    expect((await put(B.keys.owner, kkt, "2026-03-12", { source: "manual", income: 100, refunds: 0 })).status).toBe(404);
    expect((await del(B.keys.owner, kkt, "2026-03-01", "manual")).status).toBe(404);
    const res = await callRoute(r.turnover.POST, "POST", "/api/v1/turnover", B.keys.owner, { entries: [{ rnm: "0000000000000501", day: "2026-03-05", source: "manual", income: 100, refunds: 0 }] });
    expect(res.status).toBe(400);
    expect(await count()).toBe(before);
  });
});
