import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";

const routes = async () => ({
  tenants: await import("@/app/api/v1/tenants/route"),
  kkts: await import("@/app/api/v1/kkts/route"),
  contracts: await import("@/app/api/v1/contracts/route"),
  compute: await import("@/app/api/v1/statements/compute/route"),
  issueMany: await import("@/app/api/v1/statements/issue/route"),
  statement: await import("@/app/api/v1/statements/[id]/route"),
});

describe.each(testEngines)("issuing several statements at once on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let r: Awaited<ReturnType<typeof routes>>;
  const ids: string[] = [];
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Issue Mall A");
    B = await createOrgFixture(engine, "Issue Mall B");
    r = await routes();
    const admin = A.keys.admin;
    const tenant = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "7707083893", kpp: "773601001", name: "ООО «Три зала»" });
    for (const n of [1, 2, 3]) {
      const rnm = `000000000306586${n}`;
      expect((await callRoute(r.kkts.POST, "POST", "/api/v1/kkts", admin, { rnm, tenantId: tenant.json.id })).status).toBe(201);
      const made = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, {
        number: `M-${n}`, tenantId: tenant.json.id, premisesIds: [], start: "2026-01-01", end: "2026-12-31", currency: "RUB", kkts: [{ rnm }],
        terms: [{ effectiveFrom: "2026-01-01", mode: "base_plus_percentage", baseRent: { monthly: 1000000 * n }, tiers: [], basis: { refunds: "net", vat: "included" }, vatOnRent: null }],
      });
      expect(made.status, made.text).toBe(201);
    }
    const computed = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", A.keys.accountant, { period: "2026-03" });
    ids.push(...computed.json.data.map((s: { id: string }) => s.id));
    expect(ids).toHaveLength(3);
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  const issue = (key: string, body: unknown) => callRoute(r.issueMany.POST, "POST", "/api/v1/statements/issue", key, body);
  const status = async (id: string) => (await callRoute(r.statement.GET, "GET", `/api/v1/statements/${id}`, A.keys.accountant, undefined, { id })).json.status;

  it("issues the drafts given, all or none, and only for owners and accountants of their organisation", async () => {
    expect((await issue(A.keys.accountant, { ids: [] })).json.error.fields["body.ids"][0]).toBe("Choose at least one statement");
    expect((await issue(A.keys.admin, { ids: [ids[0]] })).status).toBe(403);
    // Another organisation's key: 404, and nothing issued.
    expect((await issue(B.keys.owner, { ids: [ids[0], ids[1]] })).status).toBe(404);
    expect([await status(ids[0]), await status(ids[1])]).toEqual(["draft", "draft"]);

    const done = await issue(A.keys.accountant, { ids: [ids[0], ids[1], ids[0]] });
    expect(done.status, done.text).toBe(200);
    expect(done.json.data.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([[ids[0], "issued"], [ids[1], "issued"]]);

    // One already issued refuses the whole call: the third stays a draft.
    const again = await issue(A.keys.accountant, { ids: [ids[2], ids[1]] });
    expect(again.status).toBe(409);
    expect(again.json.error.fields.ids[0]).toBe(`Already issued: ${ids[1]}`);
    expect(await status(ids[2])).toBe("draft");
    const audit = (await engine.query(`select count(*)::int as n from audit_events where org_id = $1 and action = 'statement.issued'`, [A.id])) as { rows: { n: number }[] };
    expect(audit.rows[0].n).toBe(2);
  });
});
