import "server-only";
import { demoSimulator } from "./demo-simulator";
import type { Db } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { demoLease } from "./demo-lease";
import { createConnection } from "@/lib/connections/connections";
import { addConnectionRegister } from "@/lib/connections/registers";
import { startKonturSimulator, type KonturSimulator } from "@/lib/providers/kontur/simulator/server";
import { addDays, moscowDay } from "@/lib/providers/renta/dates";
import { createDataset, type Dataset } from "@/lib/providers/renta/simulator/dataset";
import { uuidFor } from "@/lib/providers/renta/simulator/prng";
import { startYandexSimulator, type YandexSimulator } from "@/lib/providers/yandex/simulator/server";
import { startSyncRun } from "@/lib/sync/runs";
import { createTenant } from "@/lib/tenancy/tenancy";
import type { Credentials } from "@/lib/validations/connections";
import { demoMonths } from "./renta-demo";

/**
 * The demo's Kontur.OFD and Yandex OFD connections, each on its built-in simulator. Both serve one small mall of
 * its own (another seed than Renta's, so its tenants and registers are not the Renta cabinets'): Kontur the first
 * two tenants with two registers, Yandex the next two tenants with registers.
 */
const g = globalThis as unknown as { __turnrentOfdSims?: Promise<{ kontur: KonturSimulator | null; yandex: YandexSimulator | null }> };

export const OFD_DEMO_DATASET = { seed: 2611, cabinets: 1, tenants: 6, kkts: 9, from: "2025-01-01", to: "2026-12-31" };

function tenantsOf(ds: Dataset) {
  const withRegisters = ds.tenants.filter((t) => t.kkts.length > 0);
  const kontur = withRegisters.filter((t) => t.kkts.length >= 2).slice(0, 2);
  const yandex = withRegisters.filter((t) => !kontur.includes(t)).slice(0, 2);
  return { kontur, yandex };
}

/** Each simulator on a fixed local port, so stored connections keep working across restarts; one that cannot start is left out. */
export function startDemoOfdSimulators() {
  if (!g.__turnrentOfdSims) {
    const today = moscowDay(new Date());
    const dataset = { ...OFD_DEMO_DATASET, to: today > OFD_DEMO_DATASET.to ? `${Number(today.slice(0, 4)) + 1}-12-31` : OFD_DEMO_DATASET.to };
    const { kontur, yandex } = tenantsOf(createDataset(dataset));
    const konturPort = Number(process.env.TURNRENT_DEMO_KONTUR_PORT || 4011);
    const yandexPort = Number(process.env.TURNRENT_DEMO_YANDEX_PORT || 4012);
    g.__turnrentOfdSims = Promise.all([
      demoSimulator("Kontur.OFD", konturPort, startKonturSimulator({ port: konturPort, host: "127.0.0.1", dataset, organizations: kontur.map((t) => ({ id: uuidFor(dataset.seed, "kontur-organization", t.index), inn: t.inn, name: t.name, kkts: [...t.kkts] })) })),
      demoSimulator("Yandex OFD", yandexPort, startYandexSimulator({ port: yandexPort, host: "127.0.0.1", dataset, companies: yandex.map((t, i) => ({ id: String(301 + i), inn: t.inn, name: t.name, kkts: [...t.kkts] })) })),
    ]).then(([k, y]) => ({ kontur: k, yandex: y }));
  }
  return g.__turnrentOfdSims;
}

export async function stopDemoOfdSimulators() {
  const s = await g.__turnrentOfdSims;
  g.__turnrentOfdSims = undefined;
  await Promise.all([s?.kontur?.close(), s?.yandex?.close()]);
}

interface Company {
  id: string;
  inn: string;
  name: string;
  rnms: string[];
}

/**
 * One provider's demo connection: its companies entered as tenants, each with a unit and a percentage lease, their
 * registers added to the connection (the last company's last register left for a person to add, where it has
 * another), and the history pulled in the background like Renta's.
 */
async function seedConnection<P extends "kontur" | "yandex">(db: Db, owner: Actor, o: { provider: P; name: string; baseUrl: string; credentials: Credentials<P>; companies: Company[]; ds: Dataset; unit: string }) {
  const c = await createConnection(db, owner, { provider: o.provider, name: o.name, baseUrl: o.baseUrl, credentials: o.credentials } as Parameters<typeof createConnection>[2]);
  const today = moscowDay(new Date());
  const from = `${addDays(today, -demoMonths() * 31).slice(0, 7)}-01`;
  // The leases run from the first synced month for three years: no month is billed without its turnover pulled.
  const start = from;
  let registers = 0;
  for (const [i, co] of o.companies.entries()) {
    const t = o.ds.tenants.find((x) => x.inn === co.inn);
    const tenant = await createTenant(db, owner, { inn: co.inn, kpp: t?.kpp ?? "", name: co.name });
    const rnms = i === o.companies.length - 1 && co.rnms.length > 1 ? co.rnms.slice(0, -1) : co.rnms;
    for (const rnm of rnms) {
      await addConnectionRegister(db, owner, c.id, { rnm, organizationId: co.id, tenantId: tenant.id });
      registers++;
    }
    const code = `${o.unit}-${String(i + 1).padStart(2, "0")}`;
    await demoLease(db, owner, { code, areaM2: i === 0 ? "310.00" : "96.40", floor: "1", tenantId: tenant.id, start, rnms, currency: "RUB", perM2Monthly: 250000, rate: "7", vatOnRent: "22" });
  }
  const run = await startSyncRun(db, owner, owner.orgId, { connectionId: c.id, from, to: addDays(today, -1) });
  return { connectionId: c.id, tenants: o.companies.length, registers, runId: run.id, from };
}

export async function seedDemoOfds(db: Db, owner: Actor) {
  const { kontur, yandex } = await startDemoOfdSimulators();
  return {
    kontur: kontur && (await seedConnection(db, owner, { provider: "kontur", name: "Контур.ОФД (демо-симулятор)", baseUrl: kontur.url, credentials: { apiKey: kontur.apiKey, sid: kontur.sid }, companies: kontur.organizations, ds: kontur.dataset, unit: "К" })),
    yandex: yandex && (await seedConnection(db, owner, { provider: "yandex", name: "Яндекс ОФД (демо-симулятор)", baseUrl: yandex.url, credentials: { yandexKey: yandex.yandexKey, ofdKey: yandex.ofdKey }, companies: yandex.companies, ds: yandex.dataset, unit: "Я" })),
  };
}
