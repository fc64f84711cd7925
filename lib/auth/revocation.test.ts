import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setEngineForTests } from "@/db/client";
import type { Engine } from "@/db/engine";
import { getUserSessionState } from "@/db/queries/users";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { changeMemberRole, removeMember } from "@/lib/orgs/members";

// The JWT the browser would present: who, and the session version it was issued with.
const jwt = vi.hoisted(() => ({ current: null as { uid: string; sv: number } | null }));
vi.mock("./config", () => ({ auth: async () => jwt.current }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("react", async (orig) => ({ ...(await orig<typeof import("react")>()), cache: <T>(f: T) => f }));

describe.each(testEngines)("session revocation on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setEngineForTests(engine);
    A = await createOrgFixture(engine, "Revocation Mall");
  });
  afterAll(async () => {
    setEngineForTests(undefined);
    await engine?.close();
  });

  const signInAs = async (userId: string) => {
    const u = await getUserSessionState(engine.db, userId);
    jwt.current = { uid: userId, sv: u!.sessionVersion };
  };

  it("a demoted admin's next action is refused", async () => {
    const { getSessionContext } = await import("./session");
    const { orgAction } = await import("@/lib/actions/safe-action");
    const { z } = await import("zod");
    const adminOnly = orgAction(z.object({}), "contracts.write", async () => "done");

    await signInAs(A.users.admin.id);
    expect((await getSessionContext())?.actor.role).toBe("admin");
    expect(await adminOnly({})).toEqual({ ok: true, data: "done" });

    await changeMemberRole(engine.db, A.users.owner.actor, { userId: A.users.admin.id, role: "accountant" });
    // The old token's version is stale: the session is gone, the action refused.
    expect(await getSessionContext()).toBeNull();
    expect(await adminOnly({})).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    // Signing in again gives the new, lower role, which still may not write contracts.
    await signInAs(A.users.admin.id);
    expect((await getSessionContext())?.actor.role).toBe("accountant");
    expect(await adminOnly({})).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("a removed member's session stops working", async () => {
    const { getSessionContext } = await import("./session");
    await signInAs(A.users.accountant.id);
    expect(await getSessionContext()).not.toBeNull();
    await removeMember(engine.db, A.users.owner.actor, A.users.accountant.id);
    expect(await getSessionContext()).toBeNull();
    // Even a fresh token finds no organisation to work in.
    await signInAs(A.users.accountant.id);
    expect(await getSessionContext()).toBeNull();
  });

  it("the last owner cannot be demoted or removed", async () => {
    await expect(changeMemberRole(engine.db, A.users.owner.actor, { userId: A.users.owner.id, role: "admin" })).rejects.toMatchObject({ code: "conflict" });
    await expect(removeMember(engine.db, A.users.owner.actor, A.users.owner.id)).rejects.toMatchObject({ code: "conflict" });
  });
});
