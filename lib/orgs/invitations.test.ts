import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/db/engine";
import { createTestEngine } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { acceptInvitation, describeInvitation, inviteMember } from "./members";

describe("invitations", () => {
  let engine: Engine;
  let A: OrgFixture;
  beforeAll(async () => {
    engine = await createTestEngine("pglite");
    A = await createOrgFixture(engine, "Invite Mall");
  });
  afterAll(async () => engine?.close());

  it("expire after seven days", async () => {
    const t0 = new Date("2026-11-01T09:00:00Z");
    const inv = await inviteMember(engine.db, A.users.owner.actor, { email: "late@x.test", role: "admin" }, t0);
    expect(await describeInvitation(engine.db, inv.token, new Date("2026-11-07T09:00:00Z"))).toMatchObject({ state: "valid", role: "admin" });
    const late = new Date("2026-11-08T09:00:01Z");
    expect(await describeInvitation(engine.db, inv.token, late)).toEqual({ state: "expired" });
    await expect(acceptInvitation(engine.db, { token: inv.token, password: "late but long enough" }, late)).rejects.toMatchObject({ code: "conflict" });
  });

  it("cannot be used with a made-up token, and only the owner may invite", async () => {
    expect(await describeInvitation(engine.db, "x".repeat(32))).toEqual({ state: "invalid" });
    await expect(inviteMember(engine.db, A.users.admin.actor, { email: "n@x.test", role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
