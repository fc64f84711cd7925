import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { cabinets, connections, kkts, syncRuns, tenants } from "../schema";
import type { ProviderKind } from "@/lib/validations/connections";

type Q = Db | Tx;

// Explicit columns: the ciphertext never leaves this module except through getConnectionSecret.
const publicColumns = {
  id: connections.id,
  provider: connections.provider,
  name: connections.name,
  baseUrl: connections.baseUrl,
  status: connections.status,
  hasCredentials: connections.secretKeyVersion,
  lastError: connections.lastError,
  lastSyncAt: connections.lastSyncAt,
  createdAt: connections.createdAt,
};

export async function insertConnection(db: Q, orgId: string, v: { provider: ProviderKind; name: string; baseUrl: string }) {
  const [r] = await db.insert(connections).values({ orgId, ...v }).returning(publicColumns);
  return r;
}

export async function setConnectionSecret(db: Q, orgId: string, id: string, ciphertext: string | null, keyVersion: number | null) {
  await db
    .update(connections)
    .set({ secretCiphertext: ciphertext, secretKeyVersion: keyVersion, updatedAt: new Date() })
    .where(and(eq(connections.orgId, orgId), eq(connections.id, id)));
}

export async function updateConnectionFields(db: Q, orgId: string, id: string, v: { name?: string; baseUrl?: string; status?: "new"; lastError?: null }) {
  const [r] = await db
    .update(connections)
    .set({ ...v, updatedAt: new Date() })
    .where(and(eq(connections.orgId, orgId), eq(connections.id, id)))
    .returning(publicColumns);
  return r;
}

export async function listConnections(db: Q, orgId: string) {
  return db.select(publicColumns).from(connections).where(eq(connections.orgId, orgId)).orderBy(desc(connections.createdAt));
}

export async function getConnection(db: Q, orgId: string, id: string) {
  const [r] = await db.select(publicColumns).from(connections).where(and(eq(connections.orgId, orgId), eq(connections.id, id)));
  return r;
}

/** For the sync worker only: the envelope to decrypt with the row's AAD. */
export async function getConnectionSecret(db: Q, orgId: string, id: string) {
  const [r] = await db
    .select({ ciphertext: connections.secretCiphertext })
    .from(connections)
    .where(and(eq(connections.orgId, orgId), eq(connections.id, id)));
  return r?.ciphertext ?? null;
}

export async function hasActiveSync(db: Q, orgId: string, connectionId: string) {
  const [r] = await db.select({ id: syncRuns.id }).from(syncRuns).where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.connectionId, connectionId), inArray(syncRuns.status, ["queued", "running"]))).limit(1);
  return r !== undefined;
}

/** A connection's registers and tenants let go of it (its cabinets, or the connection itself): they and their days stay. Returns how many registers it fed. */
export async function releaseConnectionRegisters(db: Q, orgId: string, connectionId: string): Promise<number> {
  const cabs = db.select({ id: cabinets.id }).from(cabinets).where(and(eq(cabinets.orgId, orgId), eq(cabinets.connectionId, connectionId)));
  const viaCabinet = await db.update(kkts).set({ cabinetId: null, updatedAt: new Date() }).where(and(eq(kkts.orgId, orgId), inArray(kkts.cabinetId, cabs))).returning({ id: kkts.id });
  const added = await db.update(kkts).set({ connectionId: null, providerRef: null, updatedAt: new Date() }).where(and(eq(kkts.orgId, orgId), eq(kkts.connectionId, connectionId))).returning({ id: kkts.id });
  await db.update(tenants).set({ cabinetId: null, updatedAt: new Date() }).where(and(eq(tenants.orgId, orgId), inArray(tenants.cabinetId, cabs)));
  return viaCabinet.length + added.length;
}

/** Cabinets, sync runs and their errors go with it (cascade). */
export async function deleteConnectionRow(db: Q, orgId: string, id: string) {
  await db.delete(connections).where(and(eq(connections.orgId, orgId), eq(connections.id, id)));
}
