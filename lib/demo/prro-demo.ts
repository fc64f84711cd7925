import "server-only";
import { demoSimulator } from "./demo-simulator";
import type { Db } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { demoLease } from "./demo-lease";
import { createConnection } from "@/lib/connections/connections";
import { addConnectionRegister } from "@/lib/connections/registers";
import { addMember, createOrganizationWithOwner } from "@/lib/orgs/members";
import { startPrroSimulator, type PrroSimulator } from "@/lib/providers/prro/simulator/server";
import { addDays } from "@/lib/providers/renta/dates";
import { kyivDay } from "@/lib/sync/prro-poll";
import { startSyncRun } from "@/lib/sync/runs";
import type { Role } from "@/lib/auth/permissions";

/**
 * The demo's Ukrainian mall: an organisation of its own (its turnover is in hryvnias, never summed with the
 * Russian mall's roubles), the same three sign-ins as members, and a PRRO connection on the built-in simulator.
 * A PRRO service keeps no history, so this mall has the days its polls have seen since the demo started.
 */
export const PRRO_DEMO_ORG_NAME = "Фортеця Плаза, Київ (демо)";
export const PRRO_DEMO_DATASET = { seed: 2612, cabinets: 1, tenants: 30, kkts: 60, from: "2025-01-01", to: "2026-12-31" };

const g = globalThis as unknown as { __turnrentPrroSim?: Promise<PrroSimulator | null> };

/** On a fixed local port, so the stored connection keeps working across restarts; left out when it cannot start. */
export function startDemoPrroSimulator(): Promise<PrroSimulator | null> {
  if (!g.__turnrentPrroSim) {
    const port = Number(process.env.TURNRENT_DEMO_PRRO_PORT || 4013);
    const today = kyivDay(new Date());
    const dataset = { ...PRRO_DEMO_DATASET, to: today > PRRO_DEMO_DATASET.to ? `${Number(today.slice(0, 4)) + 1}-12-31` : PRRO_DEMO_DATASET.to };
    g.__turnrentPrroSim = demoSimulator("PRRO", port, startPrroSimulator({ port, host: "127.0.0.1", dataset }));
  }
  return g.__turnrentPrroSim;
}

export async function stopDemoPrroSimulator() {
  const s = await g.__turnrentPrroSim;
  g.__turnrentPrroSim = undefined;
  await s?.close();
}

/**
 * The Ukrainian mall: its registers added by fiscal number (the service names each tenant; the last register is
 * left for a person to add), a unit and a hryvnia lease per tenant from this month, and a first poll queued.
 */
export async function seedDemoPrro(db: Db, users: readonly { role: Role; email: string; password: string }[]) {
  const sim = await startDemoPrroSimulator();
  if (!sim) return null;
  const [ownerUser, ...others] = users;
  const { org, userId } = await createOrganizationWithOwner(db, { name: PRRO_DEMO_ORG_NAME, ownerEmail: ownerUser.email, ownerPassword: ownerUser.password, currency: "UAH" });
  const owner: Actor = { kind: "user", userId, email: ownerUser.email, orgId: org.id, orgName: org.name, role: "owner" };
  for (const u of others) await addMember(db, owner, { email: u.email, role: u.role, password: u.password });
  const c = await createConnection(db, owner, { provider: "prro", name: "ПРРО Cashdesk (демо-симулятор)", baseUrl: sim.url, credentials: { apiToken: sim.apiToken } });
  const today = kyivDay(new Date());
  const start = `${today.slice(0, 7)}-01`;
  const added = sim.taxObjects.slice(0, -1);
  for (const [i, to] of added.entries()) {
    const reg = await addConnectionRegister(db, owner, c.id, { rnm: to.numFiscal });
    const code = `Ф-${String(i + 1).padStart(2, "0")}`;
    await demoLease(db, owner, { code, areaM2: i === 0 ? "240.00" : "84.50", floor: String(1 + (i % 2)), tenantId: reg.tenantId, start, rnms: [to.numFiscal], currency: "UAH", perM2Monthly: 45000, rate: "8", vatOnRent: "20" });
  }
  await startSyncRun(db, owner, org.id, { connectionId: c.id, from: addDays(today, -1), to: today });
  return { orgId: org.id, registers: added.length };
}
