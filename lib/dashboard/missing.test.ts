import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { computeStatements } from "@/lib/statements/statements";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { missingDays } from "./missing";

const routes = async () => ({
  tenants: await import("@/app/api/v1/tenants/route"),
  kkts: await import("@/app/api/v1/kkts/route"),
  contracts: await import("@/app/api/v1/contracts/route"),
});
const MARCH = { from: "2026-03-01", to: "2026-03-31" };

describe.each(testEngines)("registers with missing days on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let contractId: string;

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Missing Days A");
    B = await createOrgFixture(engine, "Missing Days B");
    const r = await routes();
    const post = async (route: { POST: unknown }, path: string, body: object) => {
      const res = await callRoute(route.POST as never, "POST", path, A.keys.admin, body);
      expect(res.status, res.text).toBe(201);
      return res.json as { id: string };
    };
    const tenantId = (await post(r.tenants, "/api/v1/tenants", { inn: "7707083893", kpp: "773601001", name: "ООО «Книги»" })).id;
    const k1 = await post(r.kkts, "/api/v1/kkts", { rnm: "0000000000000401", tenantId });
    const k2 = await post(r.kkts, "/api/v1/kkts", { rnm: "0000000000000402", tenantId });
    // A register in no contract: its silence is nobody's rent.
    await post(r.kkts, "/api/v1/kkts", { rnm: "0000000000000403", tenantId });
    // The lease starts on 3 March; register 2 counts from 16 March.
    contractId = (
      await post(r.contracts, "/api/v1/contracts", {
        number: "К-7/2026", tenantId, premisesIds: [], start: "2026-03-03", end: "2026-12-31", currency: "RUB",
        kkts: [{ rnm: "0000000000000401" }, { rnm: "0000000000000402", from: "2026-03-16" }],
        terms: [{ effectiveFrom: "2026-03-03", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "10" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }],
      })
    ).id;
    const ins = (kkt: string, day: string, source = "renta:kkt-full-data") =>
      engine.query(`insert into turnover_daily (org_id, kkt_id, day, source, income, refunds) values ($1, $2, $3, $4, 100000, 0)`, [A.id, kkt, day, source]);
    for (let d = 1; d <= 31; d++) {
      const day = `2026-03-${String(d).padStart(2, "0")}`;
      // Register 1: nothing on 5 and 20 March; 12 March only from a person's entry (which counts).
      if (d !== 5 && d !== 20) await ins(k1.id, day, d === 12 ? "manual" : "renta:kkt-full-data");
      // Register 2: nothing before 10 March (not counted before the 16th anyway) and nothing on 25 March.
      if (d >= 10 && d !== 25) await ins(k2.id, day);
    }
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("lists each register's days that count for a contract and have no turnover, as the statement flags them", async () => {
    const rows = await missingDays(engine.db, A.users.accountant.actor, MARCH, "2026-12-03");
    expect(rows).toEqual([
      { kktId: expect.any(String), rnm: "0000000000000401", tenantId: expect.any(String), tenantName: "ООО «Книги»", missing: 2, days: ["2026-03-05", "2026-03-20"] },
      { kktId: expect.any(String), rnm: "0000000000000402", tenantId: expect.any(String), tenantName: "ООО «Книги»", missing: 1, days: ["2026-03-25"] },
    ]);
    // The same days as the month's statement flags.
    const [s] = await computeStatements(engine.db, A.users.owner.actor, { period: "2026-03", contractIds: [contractId] });
    const flagged = (s.flags as { code: string; rnm: string; days: string[] }[]).filter((f) => f.code === "missing_days").map((f) => [f.rnm, f.days]);
    expect(flagged).toEqual(rows.map((r) => [r.rnm, r.days]));
  });

  it("in the current month counts up to yesterday (today's turnover is still coming in)", async () => {
    expect((await missingDays(engine.db, A.users.owner.actor, { from: "2026-03-01", to: "2026-03-20" }, "2026-03-20")).map((r) => [r.rnm, r.days])).toEqual([["0000000000000401", ["2026-03-05"]]]);
    expect(await missingDays(engine.db, A.users.owner.actor, { from: "2026-03-01", to: "2026-03-01" }, "2026-03-01")).toEqual([]);
  });

  it("another organisation sees none of it", async () => {
    expect(await missingDays(engine.db, B.users.owner.actor, MARCH, "2026-12-03")).toEqual([]);
  });
});
