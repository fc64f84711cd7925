import "server-only";
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { contracts, rentStatements, turnoverAdjustments } from "../schema";

type Q = Db | Tx;

const columns = {
  id: turnoverAdjustments.id,
  contractId: turnoverAdjustments.contractId,
  contractNumber: contracts.number,
  period: turnoverAdjustments.period,
  amount: turnoverAdjustments.amount,
  reason: turnoverAdjustments.reason,
  author: sql<string>`coalesce(${turnoverAdjustments.authorLabel}, (select email from users where id = ${turnoverAdjustments.authorUserId}), 'unknown')`,
  createdAt: turnoverAdjustments.createdAt,
};

const fromAdjustments = (db: Q) =>
  db
    .select(columns)
    .from(turnoverAdjustments)
    .innerJoin(contracts, and(eq(contracts.orgId, turnoverAdjustments.orgId), eq(contracts.id, turnoverAdjustments.contractId)));

export async function insertAdjustment(db: Q, orgId: string, v: { contractId: string; period: string; amount: bigint; reason: string; authorUserId: string | null; authorLabel: string }) {
  const [row] = await db.insert(turnoverAdjustments).values({ orgId, ...v }).returning({ id: turnoverAdjustments.id });
  return row.id;
}

export async function findAdjustment(db: Q, orgId: string, id: string) {
  const [row] = await fromAdjustments(db).where(and(eq(turnoverAdjustments.orgId, orgId), eq(turnoverAdjustments.id, id)));
  return row;
}

export async function listAdjustments(db: Q, orgId: string, filter: { period?: string; contractId?: string }) {
  return fromAdjustments(db)
    .where(
      and(
        eq(turnoverAdjustments.orgId, orgId),
        ...(filter.period ? [eq(turnoverAdjustments.period, filter.period)] : []),
        ...(filter.contractId ? [eq(turnoverAdjustments.contractId, filter.contractId)] : []),
      ),
    )
    .orderBy(asc(turnoverAdjustments.period), asc(contracts.number), asc(turnoverAdjustments.createdAt), asc(turnoverAdjustments.id));
}

export async function deleteAdjustmentRow(db: Q, orgId: string, id: string) {
  await db.delete(turnoverAdjustments).where(and(eq(turnoverAdjustments.orgId, orgId), eq(turnoverAdjustments.id, id)));
}

/** The latest issued revision of a contract's month computed after `since`: the one an adjustment made then counted in. */
export async function issuedSince(db: Q, orgId: string, contractId: string, period: string, since: Date) {
  const [row] = await db
    .select({ revision: rentStatements.revision })
    .from(rentStatements)
    .where(
      and(
        eq(rentStatements.orgId, orgId),
        eq(rentStatements.contractId, contractId),
        eq(rentStatements.period, period),
        eq(rentStatements.status, "issued"),
        isNotNull(rentStatements.issuedAt),
        sql`${rentStatements.computedAt} >= ${since.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(rentStatements.revision))
    .limit(1);
  return row?.revision ?? null;
}
