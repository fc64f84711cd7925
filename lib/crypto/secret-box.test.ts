import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { decryptSecret, encryptSecret, keyVersionOf, parseKey, SecretDecryptError, type KeyRing } from "./secret-box";

const k1 = crypto.randomBytes(32);
const k2 = crypto.randomBytes(32);
const ring: KeyRing = { current: { version: 1, key: k1 } };
const ctx = { orgId: "org-a", table: "connections", rowId: "row-1" };

describe("secret box", () => {
  it("round-trips and never contains the plaintext", () => {
    const env = encryptSecret(ring, ctx, '{"password":"Пароль-123"}');
    expect(env).not.toContain("Пароль");
    expect(env.startsWith("v1.")).toBe(true);
    expect(decryptSecret(ring, ctx, env)).toBe('{"password":"Пароль-123"}');
  });

  it("uses a fresh 12-byte IV and 16-byte tag each time", () => {
    const a = encryptSecret(ring, ctx, "x").split(".");
    const b = encryptSecret(ring, ctx, "x").split(".");
    expect(a[1]).not.toBe(b[1]);
    expect(Buffer.from(a[1], "base64url")).toHaveLength(12);
    expect(Buffer.from(a[2], "base64url")).toHaveLength(16);
  });

  it.each([
    ["another organisation", { ...ctx, orgId: "org-b" }],
    ["another row", { ...ctx, rowId: "row-2" }],
    ["another table", { ...ctx, table: "api_keys" }],
  ])("refuses a ciphertext moved to %s", (_, other) => {
    const env = encryptSecret(ring, ctx, "secret");
    expect(() => decryptSecret(ring, other, env)).toThrow(SecretDecryptError);
  });

  it("refuses a tampered ciphertext", () => {
    const env = encryptSecret(ring, ctx, "secret").split(".");
    const ct = Buffer.from(env[3], "base64url");
    ct[0] ^= 1;
    env[3] = ct.toString("base64url");
    expect(() => decryptSecret(ring, ctx, env.join("."))).toThrow(/authentication failed/);
  });

  it("reads old versions during rotation and writes the new one", () => {
    const old = encryptSecret(ring, ctx, "secret");
    const rotated: KeyRing = { current: { version: 2, key: k2 }, previous: [{ version: 1, key: k1 }] };
    expect(decryptSecret(rotated, ctx, old)).toBe("secret");
    expect(keyVersionOf(encryptSecret(rotated, ctx, "secret"))).toBe(2);
    expect(() => decryptSecret({ current: { version: 2, key: k2 } }, ctx, old)).toThrow(/version 1/);
  });

  it("error messages never carry the secret", () => {
    const env = encryptSecret(ring, ctx, "hunter2-very-secret");
    try {
      decryptSecret({ current: { version: 1, key: k2 } }, ctx, env);
    } catch (e) {
      expect(String(e)).not.toContain("hunter2");
    }
  });

  it("accepts hex or base64 keys of 32 bytes only", () => {
    expect(parseKey(k1.toString("hex"))).toEqual(k1);
    expect(parseKey(k1.toString("base64"))).toEqual(k1);
    expect(() => parseKey("short")).toThrow(/32 bytes/);
  });
});
