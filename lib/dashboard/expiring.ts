import "server-only";
import type { Db } from "@/db/engine";
import { contractsEndingBetween } from "@/db/queries/contracts";
import { authorize, type Actor } from "@/lib/auth/actor";
import { fromDay, toDay } from "@/lib/rent/calendar";

/** Leases ending soon: the organisation's active contracts whose last day is today or within `days`, with the days left. */
export async function expiringContracts(db: Db, actor: Actor, today: string, days = 90) {
  authorize(actor, "contracts.read");
  const first = toDay(today);
  const rows = await contractsEndingBetween(db, actor.orgId, today, fromDay(first + days));
  return rows.map((r) => ({ ...r, daysLeft: toDay(r.end) - first }));
}
