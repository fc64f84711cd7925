import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import type { Engine } from "@/db/engine";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { expiringContracts } from "./expiring";

describe.each(testEngines)("leases ending soon on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    A = await createOrgFixture(engine, "Expiring A");
    B = await createOrgFixture(engine, "Expiring B");
    for (const org of [A, B]) {
      const tenant = crypto.randomUUID();
      await engine.query(`insert into tenants (id, org_id, inn, kpp, name, source) values ($1, $2, '7707083893', '773601001', $3, 'manual')`, [tenant, org.id, `ООО «Арендатор ${org.name}»`]);
      const contract = (number: string, end: string, status = "active") =>
        engine.query(`insert into contracts (org_id, number, tenant_id, start_date, end_date, currency, status) values ($1, $2, $3, '2024-01-01', $4, 'RUB', $5)`, [org.id, number, tenant, end, status]);
      await contract("ends-today", "2026-12-03");
      await contract("ends-in-90", "2027-03-03");
      await contract("ends-in-91", "2027-03-04");
      await contract("ended-yesterday", "2026-12-02");
      await contract("ended-early", "2027-01-15", "ended");
      await contract("ends-in-30", "2027-01-02");
    }
  });
  afterAll(async () => {
    await engine?.close();
  });

  it("lists active contracts ending from today to 90 days ahead, soonest first, with the days left, of the caller's organisation only", async () => {
    const rows = await expiringContracts(engine.db, A.users.accountant.actor, "2026-12-03");
    expect(rows.map((r) => [r.number, r.end, r.daysLeft, r.tenant])).toEqual([
      ["ends-today", "2026-12-03", 0, "ООО «Арендатор Expiring A»"],
      ["ends-in-30", "2027-01-02", 30, "ООО «Арендатор Expiring A»"],
      ["ends-in-90", "2027-03-03", 90, "ООО «Арендатор Expiring A»"],
    ]);
    expect((await expiringContracts(engine.db, A.users.owner.actor, "2026-12-03", 30)).map((r) => r.number)).toEqual(["ends-today", "ends-in-30"]);
  });
});
