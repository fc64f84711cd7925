import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestEngine, testEngines } from "@/test/db";
import type { Engine } from "./engine";
import { contracts, kkts, organizations, rentStatements, tenants } from "./schema";

/** drizzle wraps driver errors; the database's own message is on the cause. */
const dbError = (re: RegExp) => (e: unknown) => re.test(String((e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message));

describe.each(testEngines)("data model on %s", (kind) => {
  let engine: Engine;
  let A: string;
  let B: string;
  let tenantB: string;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    [{ id: A }, { id: B }] = await engine.db.insert(organizations).values([{ name: "A" }, { name: "B" }]).returning({ id: organizations.id });
    [{ id: tenantB }] = await engine.db.insert(tenants).values({ orgId: B, inn: "7707083893", kpp: "773601001", name: "B tenant" }).returning({ id: tenants.id });
  });
  afterAll(async () => engine?.close());

  it("refuses a row pointing at another organisation's row (composite foreign key)", async () => {
    await expect(engine.db.insert(kkts).values({ orgId: A, rnm: "0000000000000001", tenantId: tenantB })).rejects.toThrow();
    await expect(
      engine.db.insert(contracts).values({ orgId: A, number: "X-1", tenantId: tenantB, startDate: "2026-01-01", endDate: "2026-12-31" }),
    ).rejects.toThrow();
    // The same rows inside B are fine.
    await engine.db.insert(kkts).values({ orgId: B, rnm: "0000000000000001", tenantId: tenantB });
  });

  it("keeps money as exact bigint beyond 2^53", async () => {
    const [c] = await engine.db
      .insert(contracts)
      .values({ orgId: B, number: "B-1", tenantId: tenantB, startDate: "2026-01-01", endDate: "2026-12-31" })
      .returning({ id: contracts.id });
    const big = 9_007_199_254_740_993n;
    const [s] = await engine.db
      .insert(rentStatements)
      .values({ orgId: B, contractId: c.id, period: "2026-01", currency: "RUB", turnover: big, baseRent: 0n, percentageRent: 0n, rent: 0n, vat: 0n, total: 0n, termsSnapshot: {}, inputs: {}, lines: [], flags: [] })
      .returning();
    expect(s.turnover).toBe(big);
  });

  it("an issued statement cannot be updated or deleted, even by direct SQL", async () => {
    const [c] = await engine.db
      .insert(contracts)
      .values({ orgId: B, number: "B-2", tenantId: tenantB, startDate: "2026-01-01", endDate: "2026-12-31" })
      .returning({ id: contracts.id });
    const [s] = await engine.db
      .insert(rentStatements)
      .values({ orgId: B, contractId: c.id, period: "2026-02", currency: "RUB", turnover: 100n, baseRent: 10n, percentageRent: 8n, rent: 10n, vat: 2n, total: 12n, termsSnapshot: {}, inputs: {}, lines: [], flags: [] })
      .returning({ id: rentStatements.id });
    // A draft may change; issuing is the last change.
    await engine.db.update(rentStatements).set({ total: 13n }).where(eq(rentStatements.id, s.id));
    await engine.db.update(rentStatements).set({ status: "issued", issuedAt: new Date() }).where(eq(rentStatements.id, s.id));

    await expect(engine.db.execute(sql`update rent_statements set total = 1 where id = ${s.id}`)).rejects.toSatisfy(dbError(/cannot be changed/));
    await expect(engine.db.execute(sql`update rent_statements set status = 'draft' where id = ${s.id}`)).rejects.toSatisfy(dbError(/cannot be changed/));
    await expect(engine.db.execute(sql`delete from rent_statements where id = ${s.id}`)).rejects.toSatisfy(dbError(/cannot be deleted/));
    // The late-receipt marker is the one thing that may be set.
    await engine.db.update(rentStatements).set({ needsRevision: true }).where(eq(rentStatements.id, s.id));
    const [after] = await engine.db.select().from(rentStatements).where(eq(rentStatements.id, s.id));
    expect(after).toMatchObject({ status: "issued", total: 13n, needsRevision: true });
  });

  it("allows one active sync run per connection", async () => {
    const [conn] = (await engine.query(
      `insert into connections (org_id, provider, name, base_url) values ($1, 'renta', 'R', 'https://lk.ofd.ru') returning id`,
      [B],
    )).rows as { id: string }[];
    await engine.query(`insert into sync_runs (org_id, connection_id, kind, status) values ($1, $2, 'turnover', 'running')`, [B, conn.id]);
    await expect(engine.query(`insert into sync_runs (org_id, connection_id, kind, status) values ($1, $2, 'turnover', 'queued')`, [B, conn.id])).rejects.toThrow();
    await engine.query(`insert into sync_runs (org_id, connection_id, kind, status) values ($1, $2, 'turnover', 'succeeded')`, [B, conn.id]);
  });
});
