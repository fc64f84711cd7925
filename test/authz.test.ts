import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import crypto from "node:crypto";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { addMembership } from "@/db/queries/members";
import { createUser } from "@/db/queries/users";
import type { Actor } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createConnection } from "@/lib/connections/connections";
import { addConnectionRegister } from "@/lib/connections/registers";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { createContract } from "@/lib/contracts/contracts";
import { computeStatements, issueStatement } from "@/lib/statements/statements";
import { createKkt, createTenant } from "@/lib/tenancy/tenancy";
import { innFromPrefix } from "@/lib/validations/identifiers";
import { startRentaSimulator, type RentaSimulator } from "@/lib/providers/renta/simulator/server";
import { stopQueue } from "@/lib/jobs/queue";
import { startSyncRun } from "@/lib/sync/runs";
import { stores } from "@/db/schema";
import { discoverConnection } from "@/lib/sync/discovery";
import { ACTIONS, REGISTER_DAY, ROUTES, type Spares } from "./authz-matrix";
import { createTestEngine, testEngines } from "./db";
import { createOrgFixture, type OrgFixture } from "./fixtures";

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

let sim: RentaSimulator;
/** One discovered register per organisation (discovering the same simulator twice would only move its registers). */
const registers = new Map<string, Promise<string>>();

function sparesFor(engine: Engine, org: OrgFixture): Spares {
  const fresh = crypto.randomBytes(4).toString("hex");
  return {
    fresh,
    member: async () => {
      const u = await createUser(engine.db, { email: `spare-${crypto.randomBytes(4).toString("hex")}@x.test`, passwordHash: "x" });
      await addMembership(engine.db, org.id, u.id, "accountant");
      return u.id;
    },
    apiKey: async () => (await createApiKey(engine.db, org.users.owner.actor, { name: `spare ${fresh}`, role: "accountant" })).id,
    connection: async () =>
      (await createConnection(engine.db, org.users.owner.actor, { provider: "renta", name: `spare ${crypto.randomBytes(4).toString("hex")}`, credentials: { login: "x", password: "y" } })).id,
    tenant,
    contract,
    simConnection,
    konturConnection,
    konturRegister: async () => {
      const connectionId = await konturConnection();
      const r = await addConnectionRegister(engine.db, org.users.owner.actor, connectionId, { rnm: String(crypto.randomInt(1e12)).padStart(16, "0"), organizationId: "kontur-org-1", tenantId: await tenant() });
      return { connectionId, kktId: r.id };
    },
    store: async () => {
      const [r] = await engine.db.insert(stores).values({ orgId: org.id, externalId: crypto.randomUUID(), name: "Spare store" }).returning({ id: stores.id });
      return r.id;
    },
    syncRun: async () => (await startSyncRun(engine.db, org.users.owner.actor, org.id, { connectionId: await simConnection(), from: "2026-03-01", to: "2026-03-02" }, async () => {})).id,
    draftStatement,
    simRegister: () => {
      if (!registers.has(org.id)) registers.set(org.id, discoveredRegister());
      return registers.get(org.id)!;
    },
    issuedStatement: async () => {
      const id = await draftStatement();
      await issueStatement(engine.db, org.users.owner.actor, id);
      return id;
    },
  };
  async function simConnection() {
    return (await createConnection(engine.db, org.users.owner.actor, { provider: "renta", name: `sim ${crypto.randomBytes(4).toString("hex")}`, baseUrl: sim.url, credentials: { login: sim.login, password: sim.password } })).id;
  }
  async function konturConnection() {
    return (await createConnection(engine.db, org.users.owner.actor, { provider: "kontur", name: `kontur ${crypto.randomBytes(4).toString("hex")}`, credentials: { apiKey: "spare-api-key", sid: "SPARESID" } })).id;
  }
  async function discoveredRegister() {
    await discoverConnection(engine.db, org.users.owner.actor, await simConnection(), { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 1500 });
    const rows = await engine.db.execute(sql`select id from kkts where org_id = ${org.id} and cabinet_id is not null and consent_from <= ${REGISTER_DAY} and (consent_to is null or consent_to >= ${REGISTER_DAY}) order by rnm limit 1`);
    const [r] = ((rows as unknown as { rows?: { id: string }[] }).rows ?? (rows as unknown as { id: string }[]));
    return r.id;
  }
  async function tenant() {
    return (await createTenant(engine.db, org.users.owner.actor, { inn: innFromPrefix(String(crypto.randomInt(1e8, 1e9))), kpp: "773601001", name: `Spare ${crypto.randomBytes(4).toString("hex")}` })).id;
  }
  async function contract() {
    const tenantId = await tenant();
    const rnm = String(crypto.randomInt(1e12)).padStart(16, "0");
    await createKkt(engine.db, org.users.owner.actor, { rnm, tenantId });
    const terms = [{ effectiveFrom: "2026-01-01", mode: "percentage_only", baseRent: { monthly: 0n }, tiers: [{ from: 0n, rate: "7" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }];
    const c = await createContract(engine.db, org.users.owner.actor, {
      number: `S-${crypto.randomBytes(4).toString("hex")}`, tenantId, premisesIds: [], start: "2026-01-01", end: "2026-12-31", currency: "RUB", kkts: [{ rnm }], terms,
    } as never);
    return c.id;
  }
  async function draftStatement() {
    const [s] = await computeStatements(engine.db, org.users.owner.actor, { period: "2026-03", contractIds: [await contract()] });
    return s.id;
  }
}

/** The path's parameters as Next.js gives them to a route: "/a/{id}/b/{day}" against "/a/x/b/y?q" → { id: "x", day: "y" }. */
function paramsOf(pattern: string, path: string): Record<string, string> {
  const names = [...pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const re = new RegExp(`^${pattern.replace(/\{\w+\}/g, "([^/?]+)")}(?:\\?|$)`);
  const m = re.exec(path);
  if (!m) throw new Error(`${path} does not match ${pattern}`);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
}

/** A digest of everything an organisation owns, to prove a refused call changed nothing. */
async function snapshot(engine: Engine, orgId: string) {
  const r = await engine.db.execute(sql`
    select
      (select string_agg(user_id::text || role::text, ',' order by user_id) from memberships where org_id = ${orgId}) as m,
      (select string_agg(id::text || coalesce(revoked_at::text, ''), ',' order by id) from api_keys where org_id = ${orgId}) as k,
      (select string_agg(id::text || coalesce(revoked_at::text, ''), ',' order by id) from invitations where org_id = ${orgId}) as i,
      (select string_agg(id::text || name || base_url || coalesce(secret_ciphertext, ''), ',' order by id) from connections where org_id = ${orgId}) as c,
      (select string_agg(id::text || name, ',' order by id) from tenants where org_id = ${orgId}) as t,
      (select string_agg(id::text || coalesce(connection_id::text, '') || coalesce(provider_ref, ''), ',' order by id) from kkts where org_id = ${orgId}) as r,
      (select string_agg(id::text || code, ',' order by id) from premises where org_id = ${orgId}) as p,
      (select string_agg(id::text || number || end_date::text || status::text, ',' order by id) from contracts where org_id = ${orgId}) as ct,
      (select string_agg(id::text || status::text || revision::text || total::text, ',' order by id) from rent_statements where org_id = ${orgId}) as s,
      (select string_agg(id::text || status::text, ',' order by id) from sync_runs where org_id = ${orgId}) as sr,
      (select string_agg(id::text, ',' order by id) from cabinets where org_id = ${orgId}) as cb,
      (select string_agg(id::text || coalesce(category_override, ''), ',' order by id) from stores where org_id = ${orgId}) as st,
      (select string_agg(id::text || amount::text, ',' order by id) from turnover_adjustments where org_id = ${orgId}) as adj,
      (select string_agg(kkt_id::text || day::text || source || income::text || refunds::text, ',' order by kkt_id, day, source) from turnover_daily where org_id = ${orgId}) as td`);
  return JSON.stringify((r as unknown as { rows?: unknown[] }).rows ?? r);
}

describe.each(testEngines)("authorisation matrix on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  let B: OrgFixture;

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    sim ??= await startRentaSimulator({ port: 0, dataset: { seed: 3, cabinets: 1, tenants: 3, kkts: 4, from: "2026-01-01", to: "2026-03-31" } });
    process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = sim.url;
    A = await createOrgFixture(engine, "Mall A");
    B = await createOrgFixture(engine, "Mall B");
  });
  afterAll(async () => {
    await stopQueue();
    setEngineForTests(undefined);
    await engine?.close();
  });

  for (const entry of ACTIONS) {
    for (const role of ["owner", "admin", "accountant"] as const) {
      const allowed = entry.allowed.includes(role);
      it(`${entry.name} as ${role} in own organisation → ${allowed ? "allowed" : "403"}`, async () => {
        session.actor = A.users[role].actor;
        const input = await entry.input(A, sparesFor(engine, A));
        const before = await snapshot(engine, A.id);
        const r = await entry.call(input);
        if (allowed) expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
        else {
          expect(r.error?.code).toBe("forbidden");
          expect(await snapshot(engine, A.id)).toBe(before);
        }
      });
    }
    if (entry.targetsIds) {
      it(`${entry.name} with another organisation's ids → 404 and nothing changes`, async () => {
        session.actor = A.users.owner.actor;
        const input = await entry.input(B, sparesFor(engine, B));
        const before = await snapshot(engine, B.id);
        const r = await entry.call(input);
        expect(r.error?.code).toBe("not_found");
        expect(await snapshot(engine, B.id)).toBe(before);
      });
    }
    it(`${entry.name} without a session → 401`, async () => {
      session.actor = null;
      const r = await entry.call(await entry.input(A, sparesFor(engine, A)));
      expect(r.error?.code).toBe("unauthenticated");
    });
  }

  for (const entry of ROUTES) {
    /** Prepare first (spares are made here), then send, so a snapshot can sit between the two. */
    const prepare = async (key: string | null, target: OrgFixture) => {
      const spares = sparesFor(engine, target);
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (key) headers.authorization = `Bearer ${key}`;
      const path = await entry.path(target, spares);
      const body = entry.body ? JSON.stringify(await entry.body(target, spares)) : undefined;
      const id = /\/([0-9a-f-]{36})(?:[/?]|$)/.exec(path)?.[1];
      const params = entry.pattern ? paramsOf(entry.pattern, path) : id ? { id } : {};
      return async () => (await entry.handler())(new Request(`http://test.local${path}`, { method: entry.method, headers, body }), { params: Promise.resolve<Record<string, string>>(params) });
    };
    const call = async (key: string | null, target: OrgFixture) => (await prepare(key, target))();
    for (const role of ["owner", "admin", "accountant"] as const) {
      const allowed = entry.allowed.includes(role);
      it(`${entry.name} with a ${role} key → ${allowed ? "2xx" : "403"}`, async () => {
        const send = await prepare(A.keys[role], A);
        const before = await snapshot(engine, A.id);
        const res = await send();
        if (allowed) expect(res.status, await res.clone().text()).toBeLessThan(300);
        else {
          expect(res.status).toBe(403);
          expect(await snapshot(engine, A.id)).toBe(before);
        }
      });
    }
    it(`${entry.name} without a key → 401, with a wrong key → 401`, async () => {
      expect((await call(null, A)).status).toBe(401);
      const res = await call("trk_not-a-real-key", A);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthenticated" } });
    });
    if (entry.targetsIds) {
      it(`${entry.name} with another organisation's ids → 404`, async () => {
        const send = await prepare(A.keys.owner, B);
        const before = await snapshot(engine, B.id);
        expect((await send()).status).toBe(404);
        expect(await snapshot(engine, B.id)).toBe(before);
      });
    }
  }

  it("GET /api/v1/me answers the key's own organisation and role", async () => {
    const res = await (await ROUTES[0].handler())(new Request("http://t/api/v1/me", { headers: { authorization: `Bearer ${B.keys.admin}` } }), {
      params: Promise.resolve({}),
    });
    expect(await res.json()).toEqual({ organization: { id: B.id, name: "Mall B" }, role: "admin" });
  });
});
