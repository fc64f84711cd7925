import "server-only";
import type { Tx, Db } from "@/db/engine";
import { insertAuditEvent } from "@/db/queries/audit";
import { actorLabel, type Actor } from "@/lib/auth/actor";

const SECRET_KEYS = /pass(word)?|secret|token|credential|key_?hash|api_?key|authorization/i;

/** Drop anything that could be a secret before it reaches the audit trail. */
export function redact(v: unknown): unknown {
  if (v === null || v === undefined) return v ?? null;
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(redact);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) out[k] = SECRET_KEYS.test(k) ? "[redacted]" : redact(val);
    return out;
  }
  return v;
}

export async function recordAudit(
  db: Db | Tx,
  actor: Actor,
  e: { action: string; entityType: string; entityId?: string | null; before?: unknown; after?: unknown },
) {
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorApiKeyId: actor.kind === "apikey" ? actor.keyId : null,
    actorLabel: actorLabel(actor),
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: redact(e.before),
    after: redact(e.after),
  });
}
