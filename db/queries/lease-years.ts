import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { latestRevisions } from "./statements";

export interface BilledMonthRow {
  contractId: string;
  period: string;
  turnover: bigint;
  baseRent: bigint;
  rent: bigint;
}

/**
 * What was billed for these contracts' months: the latest revision of each month's statement, draft
 * or issued, between two periods (inclusive). One query for all the contracts a month settles.
 */
export async function loadBilledMonths(db: Db | Tx, orgId: string, contractIds: string[], from: string, to: string): Promise<Map<string, BilledMonthRow[]>> {
  const out = new Map<string, BilledMonthRow[]>();
  if (contractIds.length === 0) return out;
  const latest = latestRevisions(
    orgId,
    sql`contract_id::text as "contractId", period, turnover::text as turnover, base_rent::text as "baseRent", rent::text as rent`,
    sql`contract_id = any(${`{${contractIds.join(",")}}`}::uuid[]) and period >= ${from} and period <= ${to}`,
  );
  const result = (await db.execute(latest)) as unknown as { rows: { contractId: string; period: string; turnover: string; baseRent: string; rent: string }[] };
  for (const r of result.rows) {
    const row = { contractId: r.contractId, period: r.period, turnover: BigInt(r.turnover), baseRent: BigInt(r.baseRent), rent: BigInt(r.rent) };
    (out.get(r.contractId) ?? out.set(r.contractId, []).get(r.contractId)!).push(row);
  }
  return out;
}
