import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { loadContracts } from "@/db/queries/contracts";
import * as q from "@/db/queries/statements";
import { getTenant } from "@/db/queries/tenancy";
import { rentStatements } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { storedTurnoverByKkt } from "./documents";
import { toStatementDto } from "./dto";

/** A statement page: the statement, its contract and tenant, what each register counted, and every revision of the month. */
export async function statementView(db: Db, actor: Actor, id: string) {
  authorize(actor, "statements.read");
  const r = await q.getStatement(db, actor.orgId, id);
  if (!r) throw new AppError("not_found", "Statement not found");
  const [contract] = await loadContracts(db, actor.orgId, { ids: [r.contractId] });
  const tenant = await getTenant(db, actor.orgId, contract.tenantId);
  const revisions = await db
    .select({ id: rentStatements.id, revision: rentStatements.revision, status: rentStatements.status, total: rentStatements.total, reason: rentStatements.reason })
    .from(rentStatements)
    .where(and(eq(rentStatements.orgId, actor.orgId), eq(rentStatements.contractId, r.contractId), eq(rentStatements.period, r.period)))
    .orderBy(asc(rentStatements.revision));
  return { statement: toStatementDto(r), contract: { id: contract.id, number: contract.number, start: contract.start, end: contract.end }, tenant, turnoverByKkt: storedTurnoverByKkt(r.inputs), revisions };
}
