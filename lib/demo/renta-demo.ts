import "server-only";
import { demoSimulator } from "./demo-simulator";
import type { Db } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { createConnection } from "@/lib/connections/connections";
import { addDays, moscowDay } from "@/lib/providers/renta/dates";
import { DEMO_DATASET } from "@/lib/providers/renta/simulator/dataset";
import { DEMO_LOGIN, DEMO_PASSWORD, startRentaSimulator, type RentaSimulator } from "@/lib/providers/renta/simulator/server";
import { discoverConnection } from "@/lib/sync/discovery";
import { startSyncRun } from "@/lib/sync/runs";

const g = globalThis as unknown as { __turnrentDemoSim?: Promise<RentaSimulator | null> };

export const demoMonths = () => Math.max(1, Math.min(24, Number(process.env.TURNRENT_DEMO_MONTHS || 13)));

/**
 * The built-in Renta simulator the demo connection points at, on a fixed local port so the stored
 * connection keeps working across restarts. Its mall starts before the synced history and runs a year ahead.
 */
export function startDemoSimulator(): Promise<RentaSimulator | null> {
  if (!g.__turnrentDemoSim) {
    const port = Number(process.env.TURNRENT_DEMO_SIMULATOR_PORT || 4010);
    // The same mall as `npm run simulator` (the default dataset), so a stored demo connection matches it on
    // every start; only once today passes the dataset's last day is the mall extended to the next year's end.
    const today = moscowDay(new Date());
    const to = today > DEMO_DATASET.to ? `${Number(today.slice(0, 4)) + 1}-12-31` : DEMO_DATASET.to;
    // Joins the other simulators' origins rather than replacing them: they start side by side.
    g.__turnrentDemoSim = demoSimulator("Renta", port, startRentaSimulator({ port, host: "127.0.0.1", dataset: { ...DEMO_DATASET, to } }));
  }
  return g.__turnrentDemoSim;
}

export async function stopDemoSimulator() {
  const s = await g.__turnrentDemoSim;
  g.__turnrentDemoSim = undefined;
  await s?.close();
}

/** The demo's Renta connection: discovered now, its history pulled in the background by the job queue. */
export async function seedDemoRenta(db: Db, owner: Actor) {
  const sim = await startDemoSimulator();
  if (!sim) return null;
  const c = await createConnection(db, owner, { provider: "renta", name: "OFD.ru Renta (демо-симулятор)", baseUrl: sim.url, credentials: { login: DEMO_LOGIN, password: DEMO_PASSWORD } });
  const found = await discoverConnection(db, owner, c.id);
  const today = moscowDay(new Date());
  const from = `${addDays(today, -demoMonths() * 31).slice(0, 7)}-01`;
  const run = await startSyncRun(db, owner, owner.orgId, { connectionId: c.id, from, to: addDays(today, -1) });
  return { connectionId: c.id, ...found, runId: run.id, from };
}
