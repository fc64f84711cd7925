import "server-only";
import type { Db } from "@/db/engine";
import { contractsEndingBetween } from "@/db/queries/contracts";
import { authorize, type Actor } from "@/lib/auth/actor";

const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Leases ending soon: the organisation's active contracts whose last day is today or within `days`, with the days left. */
export async function expiringContracts(db: Db, actor: Actor, today: string, days = 90) {
  authorize(actor, "contracts.read");
  const t0 = Date.parse(`${today}T00:00:00Z`);
  const rows = await contractsEndingBetween(db, actor.orgId, today, iso(new Date(t0 + days * DAY_MS)));
  return rows.map((r) => ({ ...r, daysLeft: Math.round((Date.parse(`${r.end}T00:00:00Z`) - t0) / DAY_MS) }));
}
