import type { Role } from "@/lib/auth/permissions";
import { innFromPrefix } from "@/lib/validations/identifiers";
import type { OrgFixture } from "./fixtures";

/**
 * THE authorisation matrix: every server action and API route, the roles that may call it (written
 * out here, independently of lib/auth/permissions.ts, so a wrong permission table fails), and how to
 * call it against an organisation's resources. Later slices add their rows.
 *
 * `target` gives the ids the call acts on, taken from the organisation under test: the test calls each
 * entry with its own organisation's ids (must succeed for allowed roles, 403 for others) and with the
 * other organisation's ids (must be 404 and change nothing).
 */
/** Makes throw-away rows in the target organisation, so destructive calls never eat the fixtures. */
export interface Spares {
  fresh: string;
  member(): Promise<string>;
  apiKey(): Promise<string>;
  connection(): Promise<string>;
  tenant(): Promise<string>;
  /** A fresh contract (its own tenant, register and premises), active all of 2026. */
  contract(): Promise<string>;
  /** A draft statement for 2026-03 of a fresh contract. */
  draftStatement(): Promise<string>;
  /** An issued statement for 2026-03 of a fresh contract. */
  issuedStatement(): Promise<string>;
  /** A fresh connection to the test's Renta simulator. */
  simConnection(): Promise<string>;
  /** A store (as discovery makes them). */
  store(): Promise<string>;
  /** A fresh Kontur.OFD connection (no simulator behind it: adding registers asks nothing of the provider). */
  konturConnection(): Promise<string>;
  /** A register added to a fresh Kontur.OFD connection. */
  konturRegister(): Promise<{ connectionId: string; kktId: string }>;
  /** A queued sync run of a fresh connection. */
  syncRun(): Promise<string>;
  /** A register discovered from the simulator whose consent covers REGISTER_DAY (made once per organisation). */
  simRegister(): Promise<string>;
}

/** A day of the simulator's data on which simRegister() has receipts. */
export const REGISTER_DAY = "2026-03-10";

export interface ActionEntry {
  kind: "action";
  name: string;
  allowed: Role[];
  /** Builds the input from the organisation whose rows it targets (own or other). */
  input: (target: OrgFixture, spares: Spares) => unknown | Promise<unknown>;
  /** Whether the call targets existing rows by id (then another organisation's ids give 404). */
  targetsIds: boolean;
  call: (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
}

export interface RouteEntry {
  kind: "route";
  name: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: (target: OrgFixture, spares: Spares) => string | Promise<string>;
  allowed: Role[];
  body?: (target: OrgFixture, spares: Spares) => unknown | Promise<unknown>;
  targetsIds: boolean;
  /** The route's path with its parameters, when it has others than one `{id}`: "/api/v1/kkts/{id}/days/{day}". */
  pattern?: string;
  handler: () => Promise<(req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>;
}

const owner: Role[] = ["owner"];
/** A download's HTTP answer in an action's result shape, so one matrix checks both. */
async function asResult(res: Response): Promise<{ ok: boolean; error?: { code: string } }> {
  if (res.status < 300) return { ok: true };
  return { ok: false, error: (await res.json()).error };
}
const managers: Role[] = ["owner", "admin"];
const billing: Role[] = ["owner", "accountant"];
const rnm = () => String(Math.floor(Math.random() * 1e15)).padStart(16, "0");
const terms = [{ effectiveFrom: "2026-01-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "7" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null }];
const all: Role[] = ["owner", "admin", "accountant"];
/** A fresh unit in the target organisation, made through the real use case (Spares has no premises). */
async function sparePremises(target: OrgFixture, s: Spares) {
  const { createPremises } = await import("@/lib/tenancy/tenancy");
  const { getDb } = await import("@/db/client");
  return (await createPremises(await getDb(), target.users.owner.actor, { code: `SP-${s.fresh}-${Math.random().toString(36).slice(2, 6)}`, areaM2: "20.00" })).id;
}

/** A fresh adjustment of a fresh contract in the target organisation, made through the real use case. */
async function spareAdjustment(target: OrgFixture, s: Spares) {
  const { addAdjustment } = await import("@/lib/adjustments/adjustments");
  const { getDb } = await import("@/db/client");
  return (await addAdjustment(await getDb(), target.users.owner.actor, { contractId: await s.contract(), period: "2026-03", amount: 100n, reason: "spare adjustment" })).id;
}

export const ACTIONS: ActionEntry[] = [
  {
    kind: "action",
    name: "addMemberAction",
    allowed: owner,
    targetsIds: false,
    input: (_t, s) => ({ email: `m-${s.fresh}@new.test`, role: "accountant" }),
    call: async (i) => (await import("@/lib/actions/members")).addMemberAction(i as never),
  },
  {
    kind: "action",
    name: "inviteMemberAction",
    allowed: owner,
    targetsIds: false,
    input: (_t, s) => ({ email: `i-${s.fresh}@new.test`, role: "admin" }),
    call: async (i) => (await import("@/lib/actions/members")).inviteMemberAction(i as never),
  },
  {
    kind: "action",
    name: "changeMemberRoleAction",
    allowed: owner,
    targetsIds: true,
    input: async (_t, s) => ({ userId: await s.member(), role: "admin" }),
    call: async (i) => (await import("@/lib/actions/members")).changeMemberRoleAction(i as never),
  },
  {
    kind: "action",
    name: "removeMemberAction",
    allowed: owner,
    targetsIds: true,
    input: async (_t, s) => ({ userId: await s.member() }),
    call: async (i) => (await import("@/lib/actions/members")).removeMemberAction(i as never),
  },
  {
    kind: "action",
    name: "createApiKeyAction",
    allowed: owner,
    targetsIds: false,
    input: (_t, s) => ({ name: `k-${s.fresh}`, role: "accountant" }),
    call: async (i) => (await import("@/lib/actions/api-keys")).createApiKeyAction(i as never),
  },
  {
    kind: "action",
    name: "revokeInvitationAction",
    allowed: owner,
    targetsIds: true,
    input: async (t, s) => {
      const { inviteMember } = await import("@/lib/orgs/members");
      const { getDb } = await import("@/db/client");
      return { id: (await inviteMember(await getDb(), t.users.owner.actor, { email: `inv-${s.fresh}@x.test`, role: "admin" })).id };
    },
    call: async (i) => (await import("@/lib/actions/members")).revokeInvitationAction(i as never),
  },
  {
    kind: "action",
    name: "createConnectionAction",
    allowed: owner,
    targetsIds: false,
    input: (_t, s) => ({ provider: "renta", name: `c-${s.fresh}`, credentials: { login: "l@x.ru", password: "renta-secret-pw" } }),
    call: async (i) => (await import("@/lib/actions/connections")).createConnectionAction(i as never),
  },
  {
    kind: "action",
    name: "updateConnectionAction",
    allowed: owner,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.connection(), name: `renamed-${s.fresh}` }),
    call: async (i) => (await import("@/lib/actions/connections")).updateConnectionAction(i as never),
  },
  {
    kind: "action",
    name: "deleteConnectionAction",
    allowed: owner,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.connection() }),
    call: async (i) => (await import("@/lib/actions/connections")).deleteConnectionAction(i as never),
  },
  {
    kind: "action",
    name: "addConnectionRegisterAction",
    allowed: managers,
    targetsIds: true,
    input: async (t, s) => ({ connectionId: await s.konturConnection(), rnm: rnm(), organizationId: "kontur-org-2", tenantId: await s.tenant() }),
    call: async (i) => (await import("@/lib/actions/connections")).addConnectionRegisterAction(i as never),
  },
  {
    kind: "action",
    name: "removeConnectionRegisterAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => s.konturRegister(),
    call: async (i) => (await import("@/lib/actions/connections")).removeConnectionRegisterAction(i as never),
  },
  {
    kind: "action",
    name: "revokeApiKeyAction",
    allowed: owner,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.apiKey() }),
    call: async (i) => (await import("@/lib/actions/api-keys")).revokeApiKeyAction(i as never),
  },
  {
    kind: "action",
    name: "createTenantAction",
    allowed: managers,
    targetsIds: false,
    input: (_t, s) => ({ inn: innFromPrefix(String(Math.floor(1e8 + Math.random() * 8.9e8))), kpp: "773601001", name: `Action tenant ${s.fresh}` }),
    call: async (i) => (await import("@/lib/actions/tenancy")).createTenantAction(i as never),
  },
  {
    kind: "action",
    name: "createKktAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ rnm: rnm(), tenantId: await s.tenant() }),
    call: async (i) => (await import("@/lib/actions/tenancy")).createKktAction(i as never),
  },
  {
    kind: "action",
    name: "createPremisesAction",
    allowed: managers,
    targetsIds: false,
    input: (_t, s) => ({ code: `A-${s.fresh}-${Math.random().toString(36).slice(2, 6)}`, areaM2: "10.00" }),
    call: async (i) => (await import("@/lib/actions/tenancy")).createPremisesAction(i as never),
  },
  {
    kind: "action",
    name: "updateTenantAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.tenant(), name: `Renamed ${s.fresh}` }),
    call: async (i) => (await import("@/lib/actions/tenancy")).updateTenantAction(i as never),
  },
  {
    kind: "action",
    name: "updatePremisesAction",
    allowed: managers,
    targetsIds: true,
    input: async (t, s) => ({ id: await sparePremises(t, s), code: `E-${s.fresh}-${Math.random().toString(36).slice(2, 6)}`, areaM2: "12.50" }),
    call: async (i) => (await import("@/lib/actions/tenancy")).updatePremisesAction(i as never),
  },
  {
    kind: "action",
    name: "createContractAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ number: `AC-${s.fresh}-${Math.random().toString(36).slice(2, 6)}`, tenantId: await s.tenant(), premisesIds: [], start: "2026-01-01", end: "2026-12-31", currency: "RUB", kkts: [], terms }),
    call: async (i) => (await import("@/lib/actions/contracts")).createContractAction(i as never),
  },
  {
    kind: "action",
    name: "updateContractAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.contract(), end: "2026-10-31" }),
    call: async (i) => (await import("@/lib/actions/contracts")).updateContractAction(i as never),
  },
  {
    kind: "action",
    name: "endContractAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.contract(), end: "2026-09-30", reason: "authorisation matrix" }),
    call: async (i) => (await import("@/lib/actions/contracts")).endContractAction(i as never),
  },
  {
    kind: "action",
    name: "addAdjustmentAction",
    allowed: billing,
    targetsIds: true,
    input: async (_t, s) => ({ contractId: await s.contract(), period: "2026-03", amount: "-1 500,25", reason: "authorisation matrix" }),
    call: async (i) => (await import("@/lib/actions/adjustments")).addAdjustmentAction(i as never),
  },
  {
    kind: "action",
    name: "deleteAdjustmentAction",
    allowed: billing,
    targetsIds: true,
    input: async (t, s) => ({ id: await spareAdjustment(t, s) }),
    call: async (i) => (await import("@/lib/actions/adjustments")).deleteAdjustmentAction(i as never),
  },
  {
    kind: "action",
    name: "enterDayAction",
    allowed: all,
    targetsIds: true,
    input: async (_t, s) => ({ kktId: await s.simRegister(), day: REGISTER_DAY, source: "manual", income: "1 500,25", refunds: "", incomeVat: "", receipts: "" }),
    call: async (i) => (await import("@/lib/actions/turnover")).enterDayAction(i as never),
  },
  {
    kind: "action",
    name: "removeDayAction",
    allowed: all,
    targetsIds: true,
    input: async (t, s) => {
      const kktId = await s.simRegister();
      const { enterDay } = await import("@/lib/turnover/entries");
      const { getDb } = await import("@/db/client");
      await enterDay(await getDb(), t.users.owner.actor, kktId, "2026-03-11", { source: "tenant-reported", income: 5_000n, refunds: 0n }, "2026-12-31");
      return { kktId, day: "2026-03-11", source: "tenant-reported" };
    },
    call: async (i) => (await import("@/lib/actions/turnover")).removeDayAction(i as never),
  },
  {
    kind: "action",
    name: "issueStatementsAction",
    allowed: billing,
    targetsIds: true,
    input: async (_t, s) => ({ ids: [await s.draftStatement(), await s.draftStatement()] }),
    call: async (i) => (await import("@/lib/actions/statements")).issueStatementsAction(i as never),
  },
  {
    kind: "action",
    name: "computeStatementsAction",
    allowed: billing,
    targetsIds: true,
    input: async (_t, s) => ({ period: "2026-03", contractIds: [await s.contract()] }),
    call: async (i) => (await import("@/lib/actions/statements")).computeStatementsAction(i as never),
  },
  {
    kind: "action",
    name: "issueStatementAction",
    allowed: billing,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.draftStatement() }),
    call: async (i) => (await import("@/lib/actions/statements")).issueStatementAction(i as never),
  },
  {
    kind: "action",
    name: "reviseStatementAction",
    allowed: billing,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.issuedStatement(), reason: "late receipts" }),
    call: async (i) => (await import("@/lib/actions/statements")).reviseStatementAction(i as never),
  },
  ...(["pdf", "xlsx", "csv"] as const).map(
    (format): ActionEntry => ({
      kind: "action",
      name: `GET /exports/statements/{id}?format=${format} (browser download, session)`,
      allowed: all,
      targetsIds: true,
      input: async (_t, s) => ({ id: await s.draftStatement() }),
      call: async (i) => asResult(await (await import("@/lib/statements/downloads")).downloadStatement(new Request(`http://t/exports/statements/x?format=${format}`), (i as { id: string }).id)),
    }),
  ),
  {
    kind: "action",
    name: "GET /exports/statements?period&format=zip (browser download, session)",
    allowed: all,
    targetsIds: false,
    input: () => ({}),
    call: async () => asResult(await (await import("@/lib/statements/downloads")).downloadMonth(new Request("http://t/exports/statements?period=2026-03&format=zip"))),
  },
  {
    kind: "action",
    name: "GET /exports/turnover?from&to&groupBy=tenant (dashboard CSV, session)",
    allowed: all,
    targetsIds: false,
    input: () => ({}),
    call: async () => asResult(await (await import("@/lib/turnover/downloads")).downloadTurnover(new Request("http://t/exports/turnover?from=2026-03-01&to=2026-03-31&groupBy=tenant"))),
  },
  {
    kind: "action",
    name: "setStoreCategoryAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ storeId: await s.store(), category: "Кафе" }),
    call: async (i) => (await import("@/lib/actions/tenancy")).setStoreCategoryAction(i as never),
  },
  {
    kind: "action",
    name: "discoverConnectionAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.simConnection() }),
    call: async (i) => (await import("@/lib/actions/sync")).discoverConnectionAction(i as never),
  },
  {
    kind: "action",
    name: "startSyncAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ connectionId: await s.simConnection(), from: "2026-03-01", to: "2026-03-02" }),
    call: async (i) => (await import("@/lib/actions/sync")).startSyncAction(i as never),
  },
  {
    kind: "action",
    name: "getSyncRunAction",
    allowed: managers,
    targetsIds: true,
    input: async (_t, s) => ({ id: await s.syncRun() }),
    call: async (i) => (await import("@/lib/actions/sync")).getSyncRunAction(i as never),
  },
];

export const ROUTES: RouteEntry[] = [
  {
    kind: "route",
    name: "GET /api/v1/me",
    method: "GET",
    path: () => "/api/v1/me",
    allowed: all,
    targetsIds: false,
    handler: async () => (await import("@/app/api/v1/me/route")).GET,
  },
  {
    kind: "route",
    name: "GET /api/v1/connections",
    method: "GET",
    path: () => "/api/v1/connections",
    allowed: ["owner", "admin"],
    targetsIds: false,
    handler: async () => (await import("@/app/api/v1/connections/route")).GET,
  },
  {
    kind: "route",
    name: "POST /api/v1/connections",
    method: "POST",
    path: () => "/api/v1/connections",
    allowed: owner,
    targetsIds: false,
    body: (_t, s) => ({ provider: "renta", name: `api-${s.fresh}`, credentials: { login: "l@x.ru", password: "renta-secret-pw" } }),
    handler: async () => (await import("@/app/api/v1/connections/route")).POST,
  },
  {
    kind: "route",
    name: "PATCH /api/v1/connections/{id}",
    method: "PATCH",
    path: async (_t, s) => `/api/v1/connections/${await s.connection()}`,
    allowed: owner,
    targetsIds: true,
    body: (_t, s) => ({ name: `patched-${s.fresh}` }),
    handler: async () => (await import("@/app/api/v1/connections/[id]/route")).PATCH,
  },
  ...(
    [
      ["GET", "/api/v1/tenants", () => import("@/app/api/v1/tenants/route"), all],
      ["GET", "/api/v1/kkts", () => import("@/app/api/v1/kkts/route"), all],
      ["GET", "/api/v1/stores", () => import("@/app/api/v1/stores/route"), all],
      ["GET", "/api/v1/premises", () => import("@/app/api/v1/premises/route"), all],
      ["GET", "/api/v1/contracts", () => import("@/app/api/v1/contracts/route"), all],
      ["GET", "/api/v1/statements?period=2026-03", () => import("@/app/api/v1/statements/route"), all],
      ["GET", "/api/v1/adjustments?period=2026-03", () => import("@/app/api/v1/adjustments/route"), all],
      ["GET", "/api/v1/turnover?from=2026-01-01&to=2026-03-31&groupBy=tenant", () => import("@/app/api/v1/turnover/route"), all],
      ["GET", "/api/v1/statements?period=2026-03&format=csv", () => import("@/app/api/v1/statements/route"), all],
    ] as const
  ).map(
    ([method, url, load, allowed]): RouteEntry => ({
      kind: "route",
      name: `${method} ${url}`,
      method,
      path: () => url,
      allowed: [...allowed],
      targetsIds: false,
      handler: async () => (await load()).GET,
    }),
  ),
  {
    kind: "route",
    name: "GET /api/v1/kkts/{id}/days?month=2026-03",
    method: "GET",
    path: async (_t, s) => `/api/v1/kkts/${await s.simRegister()}/days?month=2026-03`,
    allowed: all,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/kkts/[id]/days/route")).GET,
  },
  {
    kind: "route",
    name: "GET /api/v1/kkts/{id}/days/{day} (receipts read live from the simulator)",
    method: "GET",
    path: async (_t, s) => `/api/v1/kkts/${await s.simRegister()}/days/${REGISTER_DAY}`,
    pattern: "/api/v1/kkts/{id}/days/{day}",
    allowed: all,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/kkts/[id]/days/[day]/route")).GET,
  },
  {
    kind: "route",
    name: "GET /api/v1/kkts/{id}/check?month=2026-03 (the month against receipts, live)",
    method: "GET",
    path: async (_t, s) => `/api/v1/kkts/${await s.simRegister()}/check?month=2026-03`,
    allowed: all,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/kkts/[id]/check/route")).GET,
  },
  {
    kind: "route",
    name: "GET /api/v1/kkts/{id}/receipts/{receiptId}",
    method: "GET",
    path: async (t, s) => {
      const kkt = await s.simRegister();
      const { checkRegisterDay } = await import("@/lib/turnover/register-day");
      const { getDb } = await import("@/db/client");
      const day = await checkRegisterDay(await getDb(), t.users.owner.actor, kkt, REGISTER_DAY, "2026-12-31");
      return `/api/v1/kkts/${kkt}/receipts/${day.receipts[0].id}`;
    },
    pattern: "/api/v1/kkts/{id}/receipts/{receiptId}",
    allowed: all,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/kkts/[id]/receipts/[receiptId]/route")).GET,
  },
  {
    kind: "route",
    name: "PUT /api/v1/kkts/{id}/days/{day} (a day entered by hand)",
    method: "PUT",
    path: async (_t, s) => `/api/v1/kkts/${await s.simRegister()}/days/${REGISTER_DAY}`,
    pattern: "/api/v1/kkts/{id}/days/{day}",
    allowed: all,
    targetsIds: true,
    body: () => ({ source: "manual", income: 100_000, refunds: 0 }),
    handler: async () => (await import("@/app/api/v1/kkts/[id]/days/[day]/route")).PUT,
  },
  {
    kind: "route",
    name: "DELETE /api/v1/kkts/{id}/days/{day}?source=tenant-reported",
    method: "DELETE",
    path: async (t, s) => {
      const kkt = await s.simRegister();
      const { enterDay } = await import("@/lib/turnover/entries");
      const { getDb } = await import("@/db/client");
      await enterDay(await getDb(), t.users.owner.actor, kkt, REGISTER_DAY, { source: "tenant-reported", income: 5_000n, refunds: 0n }, "2026-12-31");
      return `/api/v1/kkts/${kkt}/days/${REGISTER_DAY}?source=tenant-reported`;
    },
    pattern: "/api/v1/kkts/{id}/days/{day}",
    allowed: all,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/kkts/[id]/days/[day]/route")).DELETE,
  },
  {
    kind: "route",
    name: "POST /api/v1/turnover (days entered in bulk)",
    method: "POST",
    path: () => "/api/v1/turnover",
    allowed: all,
    targetsIds: false,
    body: async (t, s) => {
      const { getDb } = await import("@/db/client");
      const { registerInfo } = await import("@/lib/turnover/register-day");
      const { rnm } = await registerInfo(await getDb(), t.users.owner.actor, await s.simRegister());
      return { entries: [{ rnm, day: REGISTER_DAY, source: "tenant-reported", income: 7_000, refunds: 0 }] };
    },
    handler: async () => (await import("@/app/api/v1/turnover/route")).POST,
  },
  {
    kind: "route",
    name: "POST /api/v1/tenants",
    method: "POST",
    path: () => "/api/v1/tenants",
    allowed: managers,
    targetsIds: false,
    body: (_t, s) => ({ inn: innFromPrefix(String(Math.floor(1e8 + Math.random() * 8.9e8))), kpp: "773601001", name: `Tenant ${s.fresh}` }),
    handler: async () => (await import("@/app/api/v1/tenants/route")).POST,
  },
  {
    kind: "route",
    name: "POST /api/v1/kkts",
    method: "POST",
    path: () => "/api/v1/kkts",
    allowed: managers,
    targetsIds: false,
    body: async (_t, s) => ({ rnm: rnm(), tenantId: await s.tenant() }),
    handler: async () => (await import("@/app/api/v1/kkts/route")).POST,
  },
  {
    kind: "route",
    name: "POST /api/v1/premises",
    method: "POST",
    path: () => "/api/v1/premises",
    allowed: managers,
    targetsIds: false,
    body: (_t, s) => ({ code: `P-${s.fresh}-${Math.random().toString(36).slice(2, 6)}`, areaM2: "42.50" }),
    handler: async () => (await import("@/app/api/v1/premises/route")).POST,
  },
  {
    kind: "route",
    name: "PATCH /api/v1/tenants/{id}",
    method: "PATCH",
    path: async (_t, s) => `/api/v1/tenants/${await s.tenant()}`,
    allowed: managers,
    targetsIds: true,
    body: (_t, s) => ({ name: `Patched ${s.fresh}` }),
    handler: async () => (await import("@/app/api/v1/tenants/[id]/route")).PATCH,
  },
  {
    kind: "route",
    name: "PATCH /api/v1/premises/{id}",
    method: "PATCH",
    path: async (t, s) => `/api/v1/premises/${await sparePremises(t, s)}`,
    allowed: managers,
    targetsIds: true,
    body: (_t, s) => ({ code: `PP-${s.fresh}-${Math.random().toString(36).slice(2, 6)}`, areaM2: "33.75", floor: null }),
    handler: async () => (await import("@/app/api/v1/premises/[id]/route")).PATCH,
  },
  {
    kind: "route",
    name: "POST /api/v1/contracts",
    method: "POST",
    path: () => "/api/v1/contracts",
    allowed: managers,
    targetsIds: false,
    body: async (_t, s) => ({ number: `C-${s.fresh}-${Math.random().toString(36).slice(2, 6)}`, tenantId: await s.tenant(), premisesIds: [], start: "2026-01-01", end: "2026-12-31", currency: "RUB", kkts: [], terms }),
    handler: async () => (await import("@/app/api/v1/contracts/route")).POST,
  },
  {
    kind: "route",
    name: "GET /api/v1/contracts/{id}",
    method: "GET",
    path: async (_t, s) => `/api/v1/contracts/${await s.contract()}`,
    allowed: all,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/contracts/[id]/route")).GET,
  },
  {
    kind: "route",
    name: "PATCH /api/v1/contracts/{id}",
    method: "PATCH",
    path: async (_t, s) => `/api/v1/contracts/${await s.contract()}`,
    allowed: managers,
    targetsIds: true,
    body: () => ({ end: "2026-11-30" }),
    handler: async () => (await import("@/app/api/v1/contracts/[id]/route")).PATCH,
  },
  {
    kind: "route",
    name: "POST /api/v1/contracts/{id}/end",
    method: "POST",
    path: async (_t, s) => `/api/v1/contracts/${await s.contract()}/end`,
    allowed: managers,
    targetsIds: true,
    body: () => ({ end: "2026-09-30", reason: "authorisation matrix" }),
    handler: async () => (await import("@/app/api/v1/contracts/[id]/end/route")).POST,
  },
  {
    kind: "route",
    name: "POST /api/v1/statements/issue",
    method: "POST",
    path: () => "/api/v1/statements/issue",
    allowed: billing,
    targetsIds: true,
    body: async (_t, s) => ({ ids: [await s.draftStatement()] }),
    handler: async () => (await import("@/app/api/v1/statements/issue/route")).POST,
  },
  {
    kind: "route",
    name: "POST /api/v1/adjustments",
    method: "POST",
    path: () => "/api/v1/adjustments",
    allowed: billing,
    targetsIds: true,
    body: async (_t, s) => ({ contractId: await s.contract(), period: "2026-03", amount: 12345, reason: "authorisation matrix" }),
    handler: async () => (await import("@/app/api/v1/adjustments/route")).POST,
  },
  {
    kind: "route",
    name: "DELETE /api/v1/adjustments/{id}",
    method: "DELETE",
    path: async (t, s) => `/api/v1/adjustments/${await spareAdjustment(t, s)}`,
    allowed: billing,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/adjustments/[id]/route")).DELETE,
  },
  {
    kind: "route",
    name: "POST /api/v1/statements/compute (own contracts, or another organisation's ids)",
    method: "POST",
    path: () => "/api/v1/statements/compute",
    allowed: billing,
    targetsIds: true,
    body: async (_t, s) => ({ period: "2026-03", contractIds: [await s.contract()] }),
    handler: async () => (await import("@/app/api/v1/statements/compute/route")).POST,
  },
  {
    kind: "route",
    name: "GET /api/v1/statements/{id}",
    method: "GET",
    path: async (_t, s) => `/api/v1/statements/${await s.draftStatement()}`,
    allowed: all,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/statements/[id]/route")).GET,
  },
  {
    kind: "route",
    name: "GET /api/v1/statements/{id}?format=csv",
    method: "GET",
    path: async (_t, s) => `/api/v1/statements/${await s.draftStatement()}?format=csv`,
    allowed: all,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/statements/[id]/route")).GET,
  },
  {
    kind: "route",
    name: "POST /api/v1/statements/{id}/issue",
    method: "POST",
    path: async (_t, s) => `/api/v1/statements/${await s.draftStatement()}/issue`,
    allowed: billing,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/statements/[id]/issue/route")).POST,
  },
  {
    kind: "route",
    name: "POST /api/v1/statements/{id}/revise",
    method: "POST",
    path: async (_t, s) => `/api/v1/statements/${await s.issuedStatement()}/revise`,
    allowed: billing,
    targetsIds: true,
    body: () => ({ reason: "late receipts arrived" }),
    handler: async () => (await import("@/app/api/v1/statements/[id]/revise/route")).POST,
  },
  {
    kind: "route",
    name: "POST /api/v1/connections/{id}/discover",
    method: "POST",
    path: async (_t, s) => `/api/v1/connections/${await s.simConnection()}/discover`,
    allowed: managers,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/connections/[id]/discover/route")).POST,
  },
  {
    kind: "route",
    name: "DELETE /api/v1/connections/{id}",
    method: "DELETE",
    path: async (_t, s) => `/api/v1/connections/${await s.connection()}`,
    allowed: owner,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/connections/[id]/route")).DELETE,
  },
  {
    kind: "route",
    name: "GET /api/v1/connections/{id}/kkts",
    method: "GET",
    path: async (_t, s) => `/api/v1/connections/${(await s.konturRegister()).connectionId}/kkts`,
    allowed: managers,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/connections/[id]/kkts/route")).GET,
  },
  {
    kind: "route",
    name: "POST /api/v1/connections/{id}/kkts",
    method: "POST",
    path: async (_t, s) => `/api/v1/connections/${await s.konturConnection()}/kkts`,
    allowed: managers,
    targetsIds: true,
    body: async (_t, s) => ({ rnm: rnm(), organizationId: "kontur-org-3", tenantId: await s.tenant() }),
    handler: async () => (await import("@/app/api/v1/connections/[id]/kkts/route")).POST,
  },
  {
    kind: "route",
    name: "GET /api/v1/connections/{id}/shifts",
    method: "GET",
    path: async (_t, s) => `/api/v1/connections/${await s.konturConnection()}/shifts`,
    allowed: managers,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/connections/[id]/shifts/route")).GET,
  },
  {
    kind: "route",
    name: "DELETE /api/v1/connections/{id}/kkts/{kktId}",
    method: "DELETE",
    path: async (_t, s) => {
      const r = await s.konturRegister();
      return `/api/v1/connections/${r.connectionId}/kkts/${r.kktId}`;
    },
    pattern: "/api/v1/connections/{id}/kkts/{kktId}",
    allowed: managers,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/connections/[id]/kkts/[kktId]/route")).DELETE,
  },
  {
    kind: "route",
    name: "POST /api/v1/sync-runs",
    method: "POST",
    path: () => "/api/v1/sync-runs",
    allowed: managers,
    targetsIds: true,
    body: async (_t, s) => ({ connectionId: await s.simConnection(), from: "2026-03-01", to: "2026-03-02" }),
    handler: async () => (await import("@/app/api/v1/sync-runs/route")).POST,
  },
  {
    kind: "route",
    name: "GET /api/v1/sync-runs/{id}",
    method: "GET",
    path: async (_t, s) => `/api/v1/sync-runs/${await s.syncRun()}`,
    allowed: managers,
    targetsIds: true,
    handler: async () => (await import("@/app/api/v1/sync-runs/[id]/route")).GET,
  },
];
