import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import type { Engine } from "@/db/engine";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { checkBaseUrl } from "./base-url";
import { createConnection, listConnectionDtos, readConnectionCredentials, updateConnection } from "./connections";

describe("provider base URLs", () => {
  it("defaults to the official host", () => expect(checkBaseUrl("renta", undefined, {})).toBe("https://lk.ofd.ru"));
  it("refuses an unlisted host with a message on the field", () => {
    expect(() => checkBaseUrl("renta", "https://evil.example", {})).toThrow(expect.objectContaining({ fields: { baseUrl: [expect.stringContaining("TURNRENT_PROVIDER_URL_ALLOWLIST")] } }));
  });
  it("accepts an allow-listed origin", () => {
    expect(checkBaseUrl("renta", "http://127.0.0.1:4010/", { TURNRENT_PROVIDER_URL_ALLOWLIST: "http://127.0.0.1:4010, https://x.test" })).toBe("http://127.0.0.1:4010");
  });
  it.each(["ftp://lk.ofd.ru", "https://user:pw@lk.ofd.ru", "not a url"])("refuses %s", (u) => expect(() => checkBaseUrl("renta", u, {})).toThrow());
  it("a PRRO service has no official host: its address is required, and must be allow-listed", () => {
    expect(() => checkBaseUrl("prro", undefined, {})).toThrow(expect.objectContaining({ fields: { baseUrl: ["Enter the PRRO service's API address, e.g. https://api.example.ua"] } }));
    expect(() => checkBaseUrl("prro", "https://api.cashdesk.example", {})).toThrow(expect.objectContaining({ fields: { baseUrl: [expect.stringContaining("No host is allowed yet")] } }));
    expect(checkBaseUrl("prro", "https://api.cashdesk.example/", { TURNRENT_PROVIDER_URL_ALLOWLIST: "https://api.cashdesk.example" })).toBe("https://api.cashdesk.example");
  });
});

describe.each(testEngines)("connections on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  beforeAll(async () => {
    engine = await createTestEngine(kind);
    setKeyRingForTests({ current: { version: 1, key: crypto.randomBytes(32) } });
    A = await createOrgFixture(engine, "Conn Mall");
  });
  afterAll(async () => engine?.close());

  it("stores credentials encrypted, returns them nowhere, and a new host clears them", async () => {
    const c = await createConnection(engine.db, A.users.owner.actor, { provider: "renta", name: "Main", credentials: { login: "landlord@mall.ru", password: "Сверх-секретный пароль" } });
    expect(JSON.stringify(c)).not.toContain("Сверх-секретный");
    expect(c).toMatchObject({ provider: "renta", baseUrl: "https://lk.ofd.ru", hasCredentials: true, status: "new" });
    const raw = await engine.query("select secret_ciphertext from connections where id = $1", [c.id]);
    expect(String(raw.rows[0].secret_ciphertext)).toMatch(/^v1\./);
    expect(String(raw.rows[0].secret_ciphertext)).not.toContain("Сверх");
    expect(await readConnectionCredentials(engine.db, A.id, c.id)).toEqual({ login: "landlord@mall.ru", password: "Сверх-секретный пароль" });
    const audit = await engine.query("select before, after from audit_events where entity_id = $1", [c.id]);
    expect(JSON.stringify(audit.rows)).not.toContain("Сверх");

    process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = "http://127.0.0.1:4010";
    const moved = await updateConnection(engine.db, A.users.owner.actor, { id: c.id, baseUrl: "http://127.0.0.1:4010" });
    delete process.env.TURNRENT_PROVIDER_URL_ALLOWLIST;
    expect(moved.hasCredentials).toBe(false);
    expect(await readConnectionCredentials(engine.db, A.id, c.id)).toBeNull();
    expect((await listConnectionDtos(engine.db, A.users.admin.actor)).map((x) => x.id)).toContain(c.id);
  });

  it("replaces a refused connection's credentials with its own provider's, checked by field, and marks it unchecked again", async () => {
    const c = await createConnection(engine.db, A.users.owner.actor, { provider: "kontur", name: "Kontur", credentials: { apiKey: "key-1", sid: "SESSION1" } });
    expect(await readConnectionCredentials(engine.db, A.id, c.id, "kontur")).toEqual({ apiKey: "key-1", sid: "SESSION1" });
    // Read as another provider's, the secret is no credentials at all (never half-used).
    expect(await readConnectionCredentials(engine.db, A.id, c.id, "renta")).toBeNull();
    await engine.query("update connections set status = 'auth_failed', last_error = 'Kontur.OFD documents/by-period: the service refused the credentials' where id = $1", [c.id]);
    await expect(updateConnection(engine.db, A.users.owner.actor, { id: c.id, credentials: { login: "l", password: "p" } })).rejects.toMatchObject({
      code: "validation", fields: { "credentials.apiKey": ["Enter the Kontur.OFD API key"], "credentials.sid": ["Enter the auth.sid"] },
    });
    expect(await readConnectionCredentials(engine.db, A.id, c.id, "kontur")).toEqual({ apiKey: "key-1", sid: "SESSION1" });
    const after = await updateConnection(engine.db, A.users.owner.actor, { id: c.id, credentials: { apiKey: "key-1", sid: "SESSION2" } });
    expect(after).toMatchObject({ status: "new", lastError: null, hasCredentials: true });
    expect(await readConnectionCredentials(engine.db, A.id, c.id, "kontur")).toEqual({ apiKey: "key-1", sid: "SESSION2" });
    const audit = await engine.query("select after from audit_events where entity_id = $1 and action = 'connection.updated'", [c.id]);
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows)).not.toContain("SESSION2");
    // An admin may not.
    await expect(updateConnection(engine.db, A.users.admin.actor, { id: c.id, credentials: { apiKey: "k", sid: "s" } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a duplicate name with a field message", async () => {
    await createConnection(engine.db, A.users.owner.actor, { provider: "renta", name: "Dup", credentials: { login: "a", password: "b" } });
    await expect(createConnection(engine.db, A.users.owner.actor, { provider: "renta", name: "Dup", credentials: { login: "a", password: "b" } })).rejects.toMatchObject({ code: "conflict", fields: { name: expect.any(Array) } });
  });

  it("an accountant cannot list connections", async () => {
    await expect(listConnectionDtos(engine.db, A.users.accountant.actor)).rejects.toMatchObject({ code: "forbidden" });
  });
});
