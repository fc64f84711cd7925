import crypto from "node:crypto";

/**
 * AES-256-GCM envelope for credentials at rest. Format: "v<keyVersion>.<iv b64url>.<tag b64url>.<ct b64url>".
 * The AAD binds a ciphertext to its organisation and row, so a ciphertext copied into another
 * organisation's row (or another row) fails to decrypt instead of leaking.
 */
export interface KeyRing {
  current: { version: number; key: Buffer };
  /** Older keys still readable during a rotation. */
  previous?: { version: number; key: Buffer }[];
}

export interface SecretContext {
  orgId: string;
  table: string;
  rowId: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptError extends Error {
  constructor(reason: string) {
    super(`stored secret cannot be decrypted: ${reason}`);
    this.name = "SecretDecryptError";
  }
}

function aad(ctx: SecretContext): Buffer {
  return Buffer.from(`turnrent:v1:${ctx.orgId}:${ctx.table}:${ctx.rowId}`, "utf8");
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error("TURNRENT_SECRET_KEY must be 32 bytes (64 hex characters or base64)");
  return key;
}

export function generateKey(): string {
  return crypto.randomBytes(32).toString("base64");
}

export function encryptSecret(ring: KeyRing, ctx: SecretContext, plaintext: string): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", ring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(ctx));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v" + ring.current.version, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

export function keyVersionOf(envelope: string): number {
  const m = /^v(\d+)\./.exec(envelope);
  if (!m) throw new SecretDecryptError("unknown format");
  return Number(m[1]);
}

export function decryptSecret(ring: KeyRing, ctx: SecretContext, envelope: string): string {
  const parts = envelope.split(".");
  if (parts.length !== 4) throw new SecretDecryptError("unknown format");
  const version = keyVersionOf(envelope);
  const entry = [ring.current, ...(ring.previous ?? [])].find((k) => k.version === version);
  if (!entry) throw new SecretDecryptError(`key version ${version} is not configured`);
  const iv = Buffer.from(parts[1], "base64url");
  const tag = Buffer.from(parts[2], "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError("bad envelope");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", entry.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(ctx));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(parts[3], "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptError("authentication failed (wrong key, or the ciphertext was moved or altered)");
  }
}

/** A short MAC proving which key is configured, stored in secret_keys to catch a wrong key at start. */
export function keyFingerprint(key: Buffer): string {
  return crypto.createHmac("sha256", key).update("turnrent-key-fingerprint").digest("base64url").slice(0, 22);
}
