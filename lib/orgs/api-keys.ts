import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db/engine";
import * as q from "@/db/queries/api-keys";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { sha256 } from "./members";

const PREFIX = "trk_";

/** A 256-bit random key, shown once; only its SHA-256 is stored. */
export async function createApiKey(db: Db, actor: Actor, input: { name: string; role: Role }) {
  authorize(actor, "apikeys.manage");
  const key = PREFIX + crypto.randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const row = await q.insertApiKey(tx, {
      orgId: actor.orgId,
      name: input.name,
      role: input.role,
      keyHash: sha256(key),
      prefix: key.slice(0, PREFIX.length + 6),
      createdBy: actor.kind === "user" ? actor.userId : null,
    });
    await recordAudit(tx, actor, { action: "apikey.created", entityType: "api_key", entityId: row.id, after: { name: row.name, role: row.role, prefix: row.prefix } });
    return { ...row, key };
  });
}

export async function revokeApiKey(db: Db, actor: Actor, id: string) {
  authorize(actor, "apikeys.manage");
  return db.transaction(async (tx) => {
    const [row] = await q.revokeApiKey(tx, actor.orgId, id);
    if (!row) throw new AppError("not_found", "API key not found");
    await recordAudit(tx, actor, { action: "apikey.revoked", entityType: "api_key", entityId: id, before: { name: row.name, role: row.role } });
  });
}

/** Resolve a bearer key to an actor; records last use at most once a minute. */
export async function authenticateApiKey(db: Db, key: string): Promise<Actor | null> {
  if (!key.startsWith(PREFIX) || key.length > 200) return null;
  const row = await q.findActiveApiKey(db, sha256(key));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) await q.touchApiKey(db, row.id);
  return { kind: "apikey", keyId: row.id, name: row.name, orgId: row.orgId, orgName: row.orgName, role: row.role };
}
