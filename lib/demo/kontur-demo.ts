import "server-only";
import type { Db } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { createConnection } from "@/lib/connections/connections";
import { addConnectionRegister } from "@/lib/connections/registers";
import { createContract } from "@/lib/contracts/contracts";
import { addDays, moscowDay } from "@/lib/providers/renta/dates";
import { startKonturSimulator, type KonturSimulator, type OrganizationSpec } from "@/lib/providers/kontur/simulator/server";
import { createDataset, type Dataset } from "@/lib/providers/renta/simulator/dataset";
import { uuidFor } from "@/lib/providers/renta/simulator/prng";
import { startSyncRun } from "@/lib/sync/runs";
import { createPremises, createTenant } from "@/lib/tenancy/tenancy";
import { contractInputSchema } from "@/lib/validations/contracts";
import { demoMonths } from "./renta-demo";

const g = globalThis as unknown as { __turnrentKonturSim?: Promise<KonturSimulator | null> };

/** A mall of its own (another seed than Renta's), so its tenants and registers are not the Renta cabinets'. */
export const KONTUR_DEMO_DATASET = { seed: 2611, cabinets: 1, tenants: 6, kkts: 9, from: "2025-01-01", to: "2026-12-31" };

/**
 * The first two tenants with two registers each: every organisation keeps one register attached to the demo
 * connection, and the last one's second register is left for a person to add.
 */
function demoOrganizations(ds: Dataset): OrganizationSpec[] {
  return ds.tenants
    .filter((t) => t.kkts.length >= 2)
    .slice(0, 2)
    .map((t) => ({ id: uuidFor(ds.options.seed, "kontur-organization", t.index), inn: t.inn, name: t.name, kkts: [...t.kkts] }));
}

/** The built-in Kontur.OFD simulator the demo's Kontur connection points at, on a fixed local port. */
export function startDemoKonturSimulator(): Promise<KonturSimulator | null> {
  if (!g.__turnrentKonturSim) {
    const port = Number(process.env.TURNRENT_DEMO_KONTUR_PORT || 4011);
    const today = moscowDay(new Date());
    const to = today > KONTUR_DEMO_DATASET.to ? `${Number(today.slice(0, 4)) + 1}-12-31` : KONTUR_DEMO_DATASET.to;
    const dataset = { ...KONTUR_DEMO_DATASET, to };
    g.__turnrentKonturSim = startKonturSimulator({ port, host: "127.0.0.1", dataset, organizations: demoOrganizations(createDataset(dataset)) })
      .then((sim) => {
        const origins = new Set((process.env.TURNRENT_DEMO_SIMULATOR_ORIGIN ?? "").split(",").filter(Boolean));
        origins.add(new URL(sim.url).origin);
        process.env.TURNRENT_DEMO_SIMULATOR_ORIGIN = [...origins].join(",");
        return sim;
      })
      .catch((e) => {
        console.warn(`[turnrent] demo Kontur.OFD simulator not started on port ${port}: ${e instanceof Error ? e.message : e}`);
        return null;
      });
  }
  return g.__turnrentKonturSim;
}

export async function stopDemoKonturSimulator() {
  const s = await g.__turnrentKonturSim;
  g.__turnrentKonturSim = undefined;
  await s?.close();
}

/**
 * The demo's Kontur.OFD connection: the simulator's organisations entered as tenants, each with a unit and a
 * percentage lease, their registers added to the connection (all but the last, left for a person to add), and
 * their history pulled in the background like Renta's.
 */
export async function seedDemoKontur(db: Db, owner: Actor) {
  const sim = await startDemoKonturSimulator();
  if (!sim) return null;
  const c = await createConnection(db, owner, { provider: "kontur", name: "Контур.ОФД (демо-симулятор)", baseUrl: sim.url, credentials: { apiKey: sim.apiKey, sid: sim.sid } });
  const today = moscowDay(new Date());
  const from = `${addDays(today, -demoMonths() * 31).slice(0, 7)}-01`;
  const start = `${from.slice(0, 4)}-01-01`;
  let registers = 0;
  for (const [i, org] of sim.organizations.entries()) {
    const t = sim.dataset.tenants.find((x) => x.inn === org.inn);
    const tenant = await createTenant(db, owner, { inn: org.inn, kpp: t?.kpp ?? "", name: org.name });
    const rnms = i === sim.organizations.length - 1 ? org.rnms.slice(0, -1) : org.rnms;
    for (const rnm of rnms) {
      await addConnectionRegister(db, owner, c.id, { rnm, organizationId: org.id, tenantId: tenant.id });
      registers++;
    }
    const unit = await createPremises(db, owner, { code: `К-${String(i + 1).padStart(2, "0")}`, areaM2: i === 0 ? "310.00" : "96.40", floor: "1" });
    await createContract(
      db,
      owner,
      contractInputSchema.parse({
        number: `К-${String(i + 1).padStart(2, "0")}/${start.slice(0, 4)}`,
        tenantId: tenant.id,
        premisesIds: [unit.id],
        start,
        end: `${Number(start.slice(0, 4)) + 2}-12-31`,
        currency: "RUB",
        kkts: rnms.map((rnm) => ({ rnm })),
        terms: [{ effectiveFrom: start, mode: "greater_of", baseRent: { perM2Monthly: 250000 }, tiers: [{ from: 0, rate: "7" }], basis: { refunds: "net", vat: "included" }, vatOnRent: "22" }],
      }),
    );
  }
  const run = await startSyncRun(db, owner, owner.orgId, { connectionId: c.id, from, to: addDays(today, -1) });
  return { connectionId: c.id, tenants: sim.organizations.length, registers, runId: run.id, from };
}
