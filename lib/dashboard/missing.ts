import "server-only";
import type { Db } from "@/db/engine";
import { registersMissingDays } from "@/db/queries/registers";
import { authorize, type Actor } from "@/lib/auth/actor";
import { fromDay, toDay } from "@/lib/rent/calendar";

/**
 * The month's registers that count for a contract but have days without turnover, up to yesterday (today's is
 * still coming in): what the month's statements will flag, seen before they are computed.
 */
export async function missingDays(db: Db, actor: Actor, month: { from: string; to: string }, today: string) {
  authorize(actor, "dashboard.read");
  const yesterday = fromDay(toDay(today) - 1);
  const to = month.to < yesterday ? month.to : yesterday;
  if (to < month.from) return [];
  return registersMissingDays(db, actor.orgId, month.from, to);
}
