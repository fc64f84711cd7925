import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/db/engine";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from "@/test/fixtures";
import { verifyCredentials } from "./credentials";

const cfg = { maxPerAccount: 5, maxPerIp: 20, windowSeconds: 900 };

describe.each(testEngines)("sign-in throttling on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    A = await createOrgFixture(engine, "Throttle Mall");
  });
  afterAll(async () => engine?.close());

  it("refuses the (N+1)th wrong password in the window without hashing; a correct one after the window works", async () => {
    const email = A.users.admin.email;
    const t0 = new Date("2026-11-25T10:00:00Z");
    let hashes = 0;
    const onHash = () => hashes++;
    for (let i = 0; i < cfg.maxPerAccount; i++) {
      await expect(verifyCredentials(engine.db, email, "wrong password!", "10.0.0.1", { config: cfg, now: t0, onHash })).rejects.toMatchObject({ code: "unauthenticated" });
    }
    expect(hashes).toBe(cfg.maxPerAccount);
    // Even the right password is refused now, and no hash is computed for it.
    await expect(verifyCredentials(engine.db, email, FIXTURE_PASSWORD, "10.0.0.2", { config: cfg, now: new Date(t0.getTime() + 60_000), onHash })).rejects.toMatchObject({
      code: "throttled",
      message: expect.stringContaining("Too many failed sign-in attempts"),
    });
    expect(hashes).toBe(cfg.maxPerAccount);
    const later = new Date(t0.getTime() + (cfg.windowSeconds + 1) * 1000);
    const u = await verifyCredentials(engine.db, email, FIXTURE_PASSWORD, "10.0.0.2", { config: cfg, now: later, onHash });
    expect(u.email).toBe(email);
  });

  it("throttles one IP guessing many accounts", async () => {
    const t0 = new Date("2026-11-25T12:00:00Z");
    for (let i = 0; i < cfg.maxPerIp; i++) {
      await expect(verifyCredentials(engine.db, `nobody${i}@x.test`, "guess-guess-guess", "10.9.9.9", { config: cfg, now: t0 })).rejects.toMatchObject({ code: "unauthenticated" });
    }
    await expect(verifyCredentials(engine.db, A.users.owner.email, FIXTURE_PASSWORD, "10.9.9.9", { config: cfg, now: t0 })).rejects.toMatchObject({ code: "throttled" });
    // Another address is not affected.
    await expect(verifyCredentials(engine.db, A.users.owner.email, FIXTURE_PASSWORD, "10.1.1.1", { config: cfg, now: t0 })).resolves.toMatchObject({ email: A.users.owner.email });
  });

  it("does not say whether the account exists", async () => {
    const a = verifyCredentials(engine.db, "ghost@nowhere.test", "some password here", null, { config: cfg });
    await expect(a).rejects.toMatchObject({ code: "unauthenticated", message: "Wrong email or password" });
  });
});
