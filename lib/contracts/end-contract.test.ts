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
  contract: await import("@/app/api/v1/contracts/[id]/route"),
  end: await import("@/app/api/v1/contracts/[id]/end/route"),
  compute: await import("@/app/api/v1/statements/compute/route"),
  issue: await import("@/app/api/v1/statements/[id]/issue/route"),
});

describe.each(testEngines)("ending a contract early on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let r: Awaited<ReturnType<typeof routes>>;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "End Mall A");
    B = await createOrgFixture(engine, "End Mall B");
    r = await routes();
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  it("cuts the term and the registers at the last day, keeps issued months whole, frees the register for the next tenant", async () => {
    const admin = A.keys.admin;
    const tenant = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "7707083893", kpp: "773601001", name: "ООО «Уходящий»" });
    const next = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "500100732259", name: "ИП Новый" });
    await callRoute(r.kkts.POST, "POST", "/api/v1/kkts", admin, { rnm: "0000000003065868", tenantId: tenant.json.id });
    const terms = [{ effectiveFrom: "2026-01-01", mode: "base_plus_percentage", baseRent: { monthly: 10000000 }, tiers: [{ from: 0, rate: "5" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }];
    const made = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, {
      number: "E-1", tenantId: tenant.json.id, premisesIds: [], start: "2026-01-01", end: "2026-12-31", currency: "RUB",
      kkts: [{ rnm: "0000000003065868" }],
      terms,
    });
    expect(made.status, made.text).toBe(201);
    const id = made.json.id as string;
    const end = (key: string | null, body: unknown, cid = id) => callRoute(r.end.POST, "POST", `/api/v1/contracts/${cid}/end`, key, body, { id: cid });

    // March's rent is issued.
    const computed = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", A.keys.accountant, { period: "2026-03", contractIds: [id] });
    const st = computed.json.data[0];
    expect((await callRoute(r.issue.POST, "POST", `/api/v1/statements/${st.id}/issue`, A.keys.accountant, undefined, { id: st.id })).json.status).toBe("issued");

    // Refusals, each next to its field; nothing changes.
    const inIssued = await end(admin, { end: "2026-03-15", reason: "Tenant left" });
    expect(inIssued.status).toBe(409);
    expect(inIssued.json.error.fields.end[0]).toBe("Rent for 2026-03 is issued: end on or after 2026-03-31, or revise that statement first");
    const later = await end(admin, { end: "2027-01-31", reason: "Tenant left" });
    expect(later.status).toBe(400);
    expect(later.json.error.fields.end[0]).toBe("On or before the current end, 2026-12-31");
    const noReason = await end(admin, { end: "2026-06-15", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields["body.reason"][0]).toContain("Say why");
    const badDate = await end(admin, { end: "2026-02-30", reason: "Tenant left" });
    expect(badDate.status).toBe(400);
    expect(badDate.json.error.fields["body.end"][0]).toBe("No such date");
    expect((await end(A.keys.accountant, { end: "2026-06-15", reason: "Tenant left" })).status).toBe(403);
    expect((await end(B.keys.owner, { end: "2026-06-15", reason: "Tenant left" })).status).toBe(404);
    const unchanged = await callRoute(r.contract.GET, "GET", `/api/v1/contracts/${id}`, admin, undefined, { id });
    expect(unchanged.json).toMatchObject({ end: "2026-12-31", status: "active", kkts: [{ rnm: "0000000003065868", from: "2026-01-01", to: "2026-12-31" }] });

    // Ended on 15 June: the contract and its register stop that day.
    const ended = await end(admin, { end: "2026-06-15", reason: "Tenant left the mall" });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.json).toMatchObject({ end: "2026-06-15", status: "ended", kkts: [{ rnm: "0000000003065868", from: "2026-01-01", to: "2026-06-15" }] });

    // The register counts for the next tenant from the 16th, not a day earlier.
    const nextBody = { number: "E-2", tenantId: next.json.id, premisesIds: [], start: "2026-06-15", end: "2027-06-14", currency: "RUB", kkts: [{ rnm: "0000000003065868" }], terms: [{ ...terms[0], effectiveFrom: "2026-06-15" }] };
    const clash = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, nextBody);
    expect(clash.status).toBe(409);
    expect(clash.json.error.fields["kkts.0.rnm"][0]).toContain("E-1");
    const ok = await callRoute(r.contracts.POST, "POST", "/api/v1/contracts", admin, { ...nextBody, start: "2026-06-16", terms: [{ ...terms[0], effectiveFrom: "2026-06-16" }] });
    expect(ok.status, ok.text).toBe(201);

    // June is billed for 15 of 30 days; July is not billed at all.
    const june = await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", A.keys.accountant, { period: "2026-06", contractIds: [id] });
    // base 100 000.00 × 15/30 = 50 000.00; no turnover stored → no percentage rent
    expect(june.json.data[0]).toMatchObject({ baseRent: 5000000, rent: 5000000 });
    expect((await callRoute(r.compute.POST, "POST", "/api/v1/statements/compute", A.keys.accountant, { period: "2026-07", contractIds: [id] })).status).toBe(404);

    const audit = await engine.query(`select action, after from audit_events where org_id = $1 and action = 'contract.ended'`, [A.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ end: "2026-06-15", status: "ended", reason: "Tenant left the mall" });
  });
});
