import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { callRoute } from "@/test/api-client";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({
  requireActionActor: async () => {
    if (!session.actor) {
      const { AppError } = await import("@/lib/errors");
      throw new AppError("unauthenticated", "Sign in again");
    }
    return session.actor;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const routes = async () => ({
  tenants: await import("@/app/api/v1/tenants/route"),
  tenant: await import("@/app/api/v1/tenants/[id]/route"),
  premises: await import("@/app/api/v1/premises/route"),
  unit: await import("@/app/api/v1/premises/[id]/route"),
  actions: await import("@/lib/actions/tenancy"),
});

describe.each(testEngines)("editing tenants and premises on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;
  let r: Awaited<ReturnType<typeof routes>>;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Edit Mall A");
    B = await createOrgFixture(engine, "Edit Mall B");
    r = await routes();
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  const audit = async (orgId: string, action: string) =>
    (await engine.query(`select entity_id, before, after from audit_events where org_id = $1 and action = $2 order by id`, [orgId, action])).rows as { entity_id: string; before: Record<string, unknown>; after: Record<string, unknown> }[];

  it("renames a tenant and corrects its KPP; refuses bad input, clashes, other roles and other organisations", async () => {
    const { owner, admin, accountant } = A.keys;
    const made = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "7707083893", kpp: "773601001", name: "ООО «Старое имя»" });
    const branch = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "7707083893", kpp: "773602002", name: "ООО «Филиал»" });
    const trader = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", admin, { inn: "500100732259", name: "ИП Петров" });
    expect([made.status, branch.status, trader.status]).toEqual([201, 201, 201]);
    const id = made.json.id as string;
    const patch = (key: string | null, body: unknown, tid = id) => callRoute(r.tenant.PATCH, "PATCH", `/api/v1/tenants/${tid}`, key, body, { id: tid });
    const list = async (key = admin) => (await callRoute(r.tenants.GET, "GET", "/api/v1/tenants", key)).json.data as { id: string; inn: string; kpp: string; name: string }[];

    const renamed = await patch(admin, { name: "  ООО «Новое имя»  " });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json).toEqual({ id, inn: "7707083893", kpp: "773601001", name: "ООО «Новое имя»" });
    const rekpp = await patch(owner, { kpp: "773603003" });
    expect(rekpp.status, rekpp.text).toBe(200);
    expect((await list(accountant)).find((t) => t.id === id)).toEqual({ id, inn: "7707083893", kpp: "773603003", name: "ООО «Новое имя»" });

    // Field errors, each under its field, with the create form's messages.
    const badKpp = await patch(admin, { kpp: "12345" });
    expect(badKpp.status).toBe(400);
    expect(badKpp.json.error.fields["body.kpp"]).toEqual(["A legal entity needs a KPP of 9 characters"]);
    const noKpp = await patch(admin, { kpp: "" });
    expect(noKpp.status).toBe(400);
    expect(noKpp.json.error.fields.kpp).toEqual(["A legal entity needs a KPP of 9 characters"]);
    const traderKpp = await patch(admin, { kpp: "773601001" }, trader.json.id);
    expect(traderKpp.status).toBe(400);
    expect(traderKpp.json.error.fields.kpp).toEqual(["A sole trader (12-digit INN) has no KPP"]);
    const emptyName = await patch(admin, { name: " " });
    expect(emptyName.json.error.fields["body.name"]).toEqual(["Enter the tenant's name"]);
    const empty = await patch(admin, {});
    expect(empty.status).toBe(400);
    expect(empty.json.error.fields.body).toEqual(["Change at least one field"]);
    const inn = await patch(admin, { inn: "7728168971", name: "X" });
    expect(inn.status).toBe(400);
    expect(inn.json.error.fields["body.inn"]).toEqual(["The INN identifies the tenant and cannot be changed"]);
    const clash = await patch(admin, { kpp: "773602002" });
    expect(clash.status).toBe(409);
    expect(clash.json.error.fields.kpp).toEqual(["Another tenant has this INN and KPP"]);

    // Refusals change nothing.
    const before = await list();
    expect((await patch(accountant, { name: "Бухгалтер" })).status).toBe(403);
    expect((await patch(B.keys.owner, { name: "Чужой" })).status).toBe(404);
    expect((await patch(admin, { name: "Нет такого" }, crypto.randomUUID())).status).toBe(404);
    expect((await patch(admin, { name: "Не uuid" }, "not-a-uuid")).status).toBe(404);
    expect(await list()).toEqual(before);

    // Another organisation's tenant, edited with our key: 404, and it stays as it was.
    const theirs = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", B.keys.admin, { inn: "7728168971", kpp: "770101001", name: "Их арендатор" });
    expect((await patch(owner, { name: "Захвачен" }, theirs.json.id)).status).toBe(404);
    expect((await callRoute(r.tenants.GET, "GET", "/api/v1/tenants", B.keys.admin)).json.data).toEqual([{ id: theirs.json.id, inn: "7728168971", kpp: "770101001", name: "Их арендатор" }]);

    const rows = await audit(A.id, "tenant.updated");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ entity_id: id, before: { name: "ООО «Старое имя»", kpp: "773601001" }, after: { name: "ООО «Новое имя»", kpp: "773601001" } });
    expect(rows[1]).toMatchObject({ entity_id: id, before: { kpp: "773601001" }, after: { kpp: "773603003" } });
    expect(await audit(B.id, "tenant.updated")).toHaveLength(0);
  });

  it("a discovered tenant can be renamed by hand but keeps the provider's KPP", async () => {
    const ins = await engine.query(`insert into tenants (org_id, inn, kpp, name, source) values ($1, '7736050003', '773601001', 'ПАО «С провайдера»', 'discovered') returning id`, [A.id]);
    const id = (ins.rows[0] as { id: string }).id;
    const patch = (body: unknown) => callRoute(r.tenant.PATCH, "PATCH", `/api/v1/tenants/${id}`, A.keys.admin, body, { id });
    const renamed = await patch({ name: "Кафе у фонтана", kpp: "773601001" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json.name).toBe("Кафе у фонтана");
    const rekpp = await patch({ kpp: "773699999" });
    expect(rekpp.status).toBe(400);
    expect(rekpp.json.error.fields.kpp).toEqual(["Comes from the provider and cannot be changed"]);
  });

  it("changes a unit's code, area (exact decimal) and floor; refuses bad input, duplicate codes, other roles and other organisations", async () => {
    const { owner, admin, accountant } = A.keys;
    const made = await callRoute(r.premises.POST, "POST", "/api/v1/premises", admin, { code: "1-77", areaM2: "85.25", floor: "1" });
    const other = await callRoute(r.premises.POST, "POST", "/api/v1/premises", admin, { code: "1-78", areaM2: "40" });
    expect([made.status, other.status]).toEqual([201, 201]);
    const id = made.json.id as string;
    const patch = (key: string | null, body: unknown, pid = id) => callRoute(r.unit.PATCH, "PATCH", `/api/v1/premises/${pid}`, key, body, { id: pid });
    const list = async () => (await callRoute(r.premises.GET, "GET", "/api/v1/premises", accountant)).json.data as { id: string; code: string; areaM2: string; floor: string | null }[];

    const area = await patch(admin, { areaM2: "90.5" });
    expect(area.status, area.text).toBe(200);
    expect(area.json).toEqual({ id, code: "1-77", areaM2: "90.50", floor: "1" });
    const moved = await patch(owner, { code: "2-01", floor: null });
    expect(moved.json).toEqual({ id, code: "2-01", areaM2: "90.50", floor: null });
    const exact = await patch(admin, { areaM2: "1234567890.99", floor: "2" });
    expect(exact.json).toMatchObject({ areaM2: "1234567890.99", floor: "2" });
    expect((await list()).find((p) => p.id === id)).toEqual({ id, code: "2-01", areaM2: "1234567890.99", floor: "2" });

    for (const [bad, message] of [
      ["12,5", 'An area: an exact decimal such as "7.5"'],
      ["-3", 'An area: an exact decimal such as "7.5"'],
      ["0", "The area must be above 0"],
      ["1.234", "At most two decimals"],
    ] as const) {
      const res = await patch(admin, { areaM2: bad });
      expect(res.status, bad).toBe(400);
      expect(res.json.error.fields["body.areaM2"], bad).toEqual([message]);
    }
    const number = await patch(admin, { areaM2: 12.5 });
    expect(number.status).toBe(400);
    expect(number.json.error.fields["body.areaM2"]).toBeDefined();
    const emptyCode = await patch(admin, { code: "  " });
    expect(emptyCode.json.error.fields["body.code"]).toEqual(["Enter the unit's code"]);
    const empty = await patch(admin, {});
    expect(empty.status).toBe(400);
    expect(empty.json.error.fields.body).toEqual(["Change at least one field"]);
    const dup = await patch(admin, { code: "1-78" });
    expect(dup.status).toBe(409);
    expect(dup.json.error.fields.code).toEqual(["Already used"]);

    const before = await list();
    expect((await patch(accountant, { code: "X" })).status).toBe(403);
    expect((await patch(B.keys.owner, { code: "X" })).status).toBe(404);
    const theirs = await callRoute(r.premises.POST, "POST", "/api/v1/premises", B.keys.admin, { code: "B-1", areaM2: "10.00" });
    expect((await patch(owner, { code: "stolen", areaM2: "1" }, theirs.json.id)).status).toBe(404);
    expect(await list()).toEqual(before);
    expect((await callRoute(r.premises.GET, "GET", "/api/v1/premises", B.keys.admin)).json.data).toEqual([{ id: theirs.json.id, code: "B-1", areaM2: "10.00", floor: null }]);

    const rows = await audit(A.id, "premises.updated");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ entity_id: id, before: { code: "1-77", areaM2: "85.25", floor: "1" }, after: { code: "1-77", areaM2: "90.50", floor: "1" } });
    expect(rows[1]).toMatchObject({ before: { code: "1-77", floor: "1" }, after: { code: "2-01", floor: null } });
    expect(await audit(B.id, "premises.updated")).toHaveLength(0);
  });

  it("the OpenAPI document lists both PATCH routes with their permissions and bodies", async () => {
    const { buildOpenApiDocument } = await import("@/lib/api/openapi");
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, { "x-permission"?: string; requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
    const tenant = paths["/api/v1/tenants/{id}"].patch;
    const unit = paths["/api/v1/premises/{id}"].patch;
    expect(tenant["x-permission"]).toBe("tenancy.write");
    expect(unit["x-permission"]).toBe("contracts.write");
    expect(Object.keys(tenant.requestBody!.content["application/json"].schema.properties).sort()).toEqual(["inn", "kpp", "name"]);
    expect(Object.keys(unit.requestBody!.content["application/json"].schema.properties).sort()).toEqual(["areaM2", "code", "floor"]);
  });

  it("the actions the page's forms call: same rules, field errors keyed as the form's fields", async () => {
    const { actions } = r;
    session.actor = A.users.admin.actor;
    const t = await callRoute(r.tenants.POST, "POST", "/api/v1/tenants", A.keys.admin, { inn: "7704217370", kpp: "770401001", name: "ООО «Форма»" });
    const p = await callRoute(r.premises.POST, "POST", "/api/v1/premises", A.keys.admin, { code: "F-1", areaM2: "15.00", floor: "3" });

    expect(await actions.updateTenantAction({ id: t.json.id, name: "ООО «Форма 2»", kpp: "770401001" })).toEqual({ ok: true, data: { id: t.json.id, inn: "7704217370", kpp: "770401001", name: "ООО «Форма 2»" } });
    expect(await actions.updateTenantAction({ id: t.json.id, kpp: "77A" })).toMatchObject({ ok: false, error: { code: "validation", fields: { kpp: ["A legal entity needs a KPP of 9 characters"] } } });
    expect(await actions.updateTenantAction({ id: t.json.id })).toMatchObject({ ok: false, error: { code: "validation", fields: { _: ["Change at least one field"] } } });
    expect(await actions.updatePremisesAction({ id: p.json.id, code: "F-1", areaM2: "16.25", floor: "" })).toEqual({ ok: true, data: { id: p.json.id, code: "F-1", areaM2: "16.25", floor: null } });
    expect(await actions.updatePremisesAction({ id: p.json.id, areaM2: "abc" })).toMatchObject({ ok: false, error: { fields: { areaM2: ['An area: an exact decimal such as "7.5"'] } } });

    session.actor = A.users.accountant.actor;
    expect(await actions.updateTenantAction({ id: t.json.id, name: "Бухгалтер" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await actions.updatePremisesAction({ id: p.json.id, code: "Z" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    session.actor = B.users.owner.actor;
    expect(await actions.updateTenantAction({ id: t.json.id, name: "Чужой" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await actions.updatePremisesAction({ id: p.json.id, code: "Z" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    session.actor = null;
  });
});
