import "server-only";
import type { Db } from "@/db/engine";
import * as q from "@/db/queries/connections";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { getKeyRing } from "@/lib/crypto/keys";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { CREDENTIALS_SCHEMA, type ConnectionDto, type CreateConnectionInput, type Credentials, type ProviderKind } from "@/lib/validations/connections";
import { checkBaseUrl } from "./base-url";

type Row = NonNullable<Awaited<ReturnType<typeof q.getConnection>>>;

export function toConnectionDto(r: Row): ConnectionDto {
  return {
    id: r.id,
    provider: r.provider as ConnectionDto["provider"],
    name: r.name,
    baseUrl: r.baseUrl,
    status: r.status,
    hasCredentials: r.hasCredentials !== null,
    lastError: r.lastError,
    lastSyncAt: r.lastSyncAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

const ctxOf = (orgId: string, rowId: string) => ({ orgId, table: "connections", rowId });

function isUniqueViolation(e: unknown): boolean {
  const c = (e as { cause?: { code?: string }; code?: string }) ?? {};
  return c.code === "23505" || c.cause?.code === "23505";
}

export async function createConnection(db: Db, actor: Actor, input: CreateConnectionInput): Promise<ConnectionDto> {
  authorize(actor, "connections.write");
  const baseUrl = checkBaseUrl(input.provider, input.baseUrl);
  const ring = getKeyRing();
  try {
    return await db.transaction(async (tx) => {
      const row = await q.insertConnection(tx, actor.orgId, { provider: input.provider, name: input.name, baseUrl });
      // The row id is part of the AAD, so the secret is sealed after the row exists, in the same transaction.
      await q.setConnectionSecret(tx, actor.orgId, row.id, encryptSecret(ring, ctxOf(actor.orgId, row.id), JSON.stringify(input.credentials)), ring.current.version);
      await recordAudit(tx, actor, {
        action: "connection.created",
        entityType: "connection",
        entityId: row.id,
        after: { provider: input.provider, name: input.name, baseUrl, ...("login" in input.credentials ? { login: input.credentials.login } : {}), credentials: "set" },
      });
      return toConnectionDto({ ...row, hasCredentials: ring.current.version });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A connection with this name exists", { name: ["Choose another name"] });
    throw e;
  }
}

export async function updateConnection(
  db: Db,
  actor: Actor,
  input: { id: string; name?: string; baseUrl?: string; credentials?: Record<string, string> },
): Promise<ConnectionDto> {
  authorize(actor, "connections.write");
  return db.transaction(async (tx) => {
    const before = await q.getConnection(tx, actor.orgId, input.id);
    if (!before) throw new AppError("not_found", "Connection not found");
    const provider = before.provider as ProviderKind;
    const credentials = input.credentials && credentialsFor(provider, input.credentials);
    const baseUrl = input.baseUrl !== undefined ? checkBaseUrl(provider, input.baseUrl) : undefined;
    const hostChanged = baseUrl !== undefined && baseUrl !== before.baseUrl;
    // A new host or new credentials are not checked yet: the connection is "new" until its next sync or discovery.
    await q.updateConnectionFields(tx, actor.orgId, input.id, { name: input.name, baseUrl, ...(hostChanged || credentials ? { status: "new" as const, lastError: null } : {}) });
    const ring = getKeyRing();
    if (credentials) {
      await q.setConnectionSecret(tx, actor.orgId, input.id, encryptSecret(ring, ctxOf(actor.orgId, input.id), JSON.stringify(credentials)), ring.current.version);
    } else if (hostChanged) {
      // A stored password must never follow the connection to a new host.
      await q.setConnectionSecret(tx, actor.orgId, input.id, null, null);
    }
    const after = (await q.getConnection(tx, actor.orgId, input.id))!;
    await recordAudit(tx, actor, {
      action: "connection.updated",
      entityType: "connection",
      entityId: input.id,
      before: { name: before.name, baseUrl: before.baseUrl, credentials: before.hasCredentials !== null ? "set" : "none" },
      after: { name: after.name, baseUrl: after.baseUrl, credentials: input.credentials ? "replaced" : after.hasCredentials !== null ? "kept" : "cleared" },
    });
    return toConnectionDto(after);
  });
}

export async function listConnectionDtos(db: Db, actor: Actor): Promise<ConnectionDto[]> {
  authorize(actor, "connections.read");
  return (await q.listConnections(db, actor.orgId)).map(toConnectionDto);
}

/** New credentials checked against the connection's provider: each missing or bad field named, as `credentials.<field>`. */
function credentialsFor<P extends ProviderKind>(provider: P, raw: Record<string, string>): Credentials<P> {
  const parsed = CREDENTIALS_SCHEMA[provider].safeParse(raw);
  if (parsed.success) return parsed.data as Credentials<P>;
  const fields: Record<string, string[]> = {};
  for (const i of parsed.error.issues) (fields[["credentials", ...i.path.map(String)].join(".")] ??= []).push(i.message);
  throw new AppError("validation", "These credentials do not fit this connection's provider", fields);
}

/** Server-side only (sync): the decrypted credentials. Never returned by an action or route. */
export async function readConnectionCredentials<P extends ProviderKind = "renta">(db: Db, orgId: string, id: string, provider: P = "renta" as P): Promise<Credentials<P> | null> {
  const envelope = await q.getConnectionSecret(db, orgId, id);
  if (!envelope) return null;
  const parsed = CREDENTIALS_SCHEMA[provider].safeParse(JSON.parse(decryptSecret(getKeyRing(), ctxOf(orgId, id), envelope)));
  // Stored for another provider (never written so): treated as none, so the owner enters them again.
  return parsed.success ? (parsed.data as Credentials<P>) : null;
}

/**
 * Remove a connection: its secret, cabinets and sync runs go with it; its registers, tenants and every day of
 * turnover stay (the registers are then entered by hand, or added to another connection). Refused while one of
 * its syncs is queued or running.
 */
export async function deleteConnection(db: Db, actor: Actor, id: string): Promise<{ id: string; name: string }> {
  authorize(actor, "connections.write");
  return db.transaction(async (tx) => {
    const c = await q.getConnection(tx, actor.orgId, id);
    if (!c) throw new AppError("not_found", "Connection not found");
    if (await q.hasActiveSync(tx, actor.orgId, id)) throw new AppError("conflict", "A sync of this connection is queued or running; wait for it to finish");
    const registers = await q.releaseConnectionRegisters(tx, actor.orgId, id);
    await q.deleteConnectionRow(tx, actor.orgId, id);
    await recordAudit(tx, actor, { action: "connection.deleted", entityType: "connection", entityId: id, before: { provider: c.provider, name: c.name, baseUrl: c.baseUrl, registers } });
    return { id, name: c.name };
  });
}
