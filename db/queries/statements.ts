import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { rentStatements, turnoverAdjustments, turnoverDaily } from "../schema";

type Q = Db | Tx;
export type StatementRow = typeof rentStatements.$inferSelect;
export type NewStatement = Omit<typeof rentStatements.$inferInsert, "orgId">;

export async function loadTurnover(db: Q, orgId: string, kktIds: string[], from: string, to: string) {
  if (kktIds.length === 0) return [];
  return db
    .select({
      kktId: turnoverDaily.kktId,
      day: turnoverDaily.day,
      source: turnoverDaily.source,
      income: turnoverDaily.income,
      refunds: turnoverDaily.refunds,
      incomeVat: turnoverDaily.incomeVat,
      refundsVat: turnoverDaily.refundsVat,
      incomeCash: turnoverDaily.incomeCash,
      incomeCashless: turnoverDaily.incomeCashless,
      incomePrepaid: turnoverDaily.incomePrepaid,
      incomeCredit: turnoverDaily.incomeCredit,
      refundsCash: turnoverDaily.refundsCash,
      refundsCashless: turnoverDaily.refundsCashless,
      refundsPrepaid: turnoverDaily.refundsPrepaid,
      refundsCredit: turnoverDaily.refundsCredit,
    })
    .from(turnoverDaily)
    .where(and(eq(turnoverDaily.orgId, orgId), inArray(turnoverDaily.kktId, kktIds), gte(turnoverDaily.day, from), lte(turnoverDaily.day, to)));
}

export async function loadAdjustments(db: Q, orgId: string, contractIds: string[], period: string) {
  if (contractIds.length === 0) return [];
  return db
    .select({ contractId: turnoverAdjustments.contractId, amount: turnoverAdjustments.amount, reason: turnoverAdjustments.reason, author: sql<string>`coalesce((select email from users where id = ${turnoverAdjustments.authorUserId}), 'unknown')` })
    .from(turnoverAdjustments)
    .where(and(eq(turnoverAdjustments.orgId, orgId), inArray(turnoverAdjustments.contractId, contractIds), eq(turnoverAdjustments.period, period)))
    .orderBy(asc(turnoverAdjustments.createdAt));
}

/** The latest revision of each contract's statement for a period. */
export async function latestStatements(db: Q, orgId: string, period: string, contractIds?: string[]) {
  const rows = await db
    .select()
    .from(rentStatements)
    .where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.period, period), ...(contractIds ? [inArray(rentStatements.contractId, contractIds)] : [])))
    .orderBy(asc(rentStatements.contractId), desc(rentStatements.revision));
  const latest = new Map<string, StatementRow>();
  for (const r of rows) if (!latest.has(r.contractId)) latest.set(r.contractId, r);
  return latest;
}

export async function getStatement(db: Q, orgId: string, id: string) {
  const [r] = await db.select().from(rentStatements).where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.id, id)));
  return r;
}

export async function insertStatements(db: Q, orgId: string, rows: NewStatement[]) {
  if (rows.length === 0) return [];
  return db.insert(rentStatements).values(rows.map((r) => ({ ...r, orgId }))).returning();
}

export async function updateDraft(db: Q, orgId: string, id: string, v: Partial<NewStatement>) {
  const [r] = await db.update(rentStatements).set(v).where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.id, id), eq(rentStatements.status, "draft"))).returning();
  return r;
}

export async function markIssued(db: Q, orgId: string, id: string, userId: string | null) {
  const [r] = await db
    .update(rentStatements)
    .set({ status: "issued", issuedAt: new Date(), issuedBy: userId })
    .where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.id, id), eq(rentStatements.status, "draft")))
    .returning();
  return r;
}

export async function markNeedsRevision(db: Q, orgId: string, id: string) {
  await db.update(rentStatements).set({ needsRevision: true }).where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.id, id)));
}
