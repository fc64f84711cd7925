import "server-only";
import { and, desc, eq, gte, ilike, lte, or, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { auditEvents } from "../schema";

type Q = Db | Tx;

export interface AuditInput {
  orgId: string;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function insertAuditEvent(db: Q, e: AuditInput) {
  await db.insert(auditEvents).values({
    orgId: e.orgId,
    actorUserId: e.actorUserId ?? null,
    actorApiKeyId: e.actorApiKeyId ?? null,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}

export interface AuditFilter {
  entityType?: string;
  action?: string;
  q?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

export async function listAuditEvents(db: Q, orgId: string, f: AuditFilter = {}) {
  const where: SQL[] = [eq(auditEvents.orgId, orgId)];
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.from) where.push(gte(auditEvents.at, f.from));
  if (f.to) where.push(lte(auditEvents.at, f.to));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => "\\" + c)}%`;
    where.push(or(ilike(auditEvents.actorLabel, like), ilike(auditEvents.action, like), ilike(auditEvents.entityId, like))!);
  }
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(Math.min(f.limit ?? 200, 1000));
}
