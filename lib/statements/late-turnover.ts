import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { issuedUnflagged } from "@/db/queries/statements";
import { organizations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { monthsOf } from "@/lib/rent/calendar";
import { computeStatements } from "./statements";


/**
 * After a sync wrote a day range: every issued statement of those months is checked against the turnover
 * now stored, and flagged "needs revision" when a late receipt changed it (computeStatements never changes
 * an issued statement, and only those contracts are passed: drafts wait for the accountant's compute).
 * Returns how many statements it checked; a failure is logged, never fails the sync that wrote the data.
 */
export async function flagLateTurnover(db: Db, orgId: string, from: string, to: string, log: (msg: string) => void = console.warn): Promise<number> {
  const byPeriod = await issuedUnflagged(db, orgId, monthsOf(from, to));
  if (byPeriod.size === 0) return 0;
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  const actor: Actor = { kind: "system", orgId, orgName: org?.name ?? "", role: "owner", label: "sync (late receipts check)" };
  let checked = 0;
  for (const [period, contractIds] of byPeriod) {
    try {
      await computeStatements(db, actor, { period, contractIds });
      checked += contractIds.length;
    } catch (e) {
      log(`[turnrent] checking issued statements of ${period} after a sync: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return checked;
}
