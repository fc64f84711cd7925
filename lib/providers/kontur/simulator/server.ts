/**
 * The Kontur.OFD simulator over node:http: the two credential headers, fault injection (latency, 5xx, 429
 * with Retry-After, bodies cut off mid-way, an auth.sid that expires) and counters. API rules live in
 * handlers.ts, data in documents.ts.
 */
import { failure, NO_FAULTS, serveSimulator, type BasicFaults, type SimulatorCounters } from "@/lib/providers/http/simulator-server";
import { formatMoscowDateTime } from "@/lib/providers/renta/dates";
import { createDataset, type Dataset, type DatasetOptions } from "@/lib/providers/renta/simulator/dataset";
import { handle } from "./handlers";
import { defaultOrganizations, resolveOrganizations, type OrganizationSpec, type SimOrganization } from "./organizations";

export type { OrganizationSpec, SimOrganization } from "./organizations";

export const KONTUR_DEMO_API_KEY = "5f0c2b8e-7d41-4a9c-b3e6-1d2a9f8c4e70";
export const KONTUR_DEMO_SID = "6A1F0C3E9B27D4855E0F7A1C2B3D4E5F60718293A4B5C6D7E8F9011A2B3C";

export interface KonturSimulatorFaults extends BasicFaults {
  /** The auth.sid is refused (401) once this many requests have been accepted with it (counted from when it is set). */
  sidExpiresAfterRequests?: number;
}

export interface KonturSimulatorOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  host?: string;
  dataset?: DatasetOptions;
  apiKey?: string;
  sid?: string;
  /** Default: two of the dataset's tenants (see organizations.ts). */
  organizations?: OrganizationSpec[];
  faults?: Partial<KonturSimulatorFaults>;
  /** Seed of the fault sequence (default: the dataset's seed). */
  seed?: number;
  /** Documents later than now (Moscow wall-clock) have not arrived yet. */
  now?: () => Date;
}

export type KonturSimulatorCounters = SimulatorCounters;

export interface KonturSimulator {
  url: string;
  dataset: Dataset;
  apiKey: string;
  sid: string;
  organizations: SimOrganization[];
  /** Live counts, kept up to date as requests finish. */
  counters: KonturSimulatorCounters;
  resetCounters(): void;
  setFaults(f: Partial<KonturSimulatorFaults> & { seed?: number }): void;
  close(): Promise<void>;
}


export async function startKonturSimulator(o: KonturSimulatorOptions = {}): Promise<KonturSimulator> {
  const ds = createDataset(o.dataset);
  const apiKey = o.apiKey ?? KONTUR_DEMO_API_KEY;
  const sid = o.sid ?? KONTUR_DEMO_SID;
  const organizations = resolveOrganizations(ds, o.organizations ?? defaultOrganizations(ds));
  const byId = new Map(organizations.map((org) => [org.id, org]));
  const now = o.now ?? (() => new Date());
  let accepted = 0;
  const server = await serveSimulator<KonturSimulatorFaults>({
    name: "kontur",
    port: o.port,
    host: o.host,
    seed: o.seed ?? ds.options.seed,
    faults: { ...NO_FAULTS, ...o.faults },
    // Which organisations and registers this simulator serves.
    hooks: { "/__simulator/organizations": () => ({ organizations: organizations.map(({ id, inn, name, rnms }) => ({ id, inn, name, rnms })) }) },
    // Both headers must match; the sid may have expired. Nothing says which part was wrong.
    refused: (req, faults) => {
      if (req.headers["x-kontur-ofd-apikey"] !== apiKey || req.headers.authorization !== `auth.sid ${sid}`) return failure(401, "Unauthorized", "API key or auth.sid is missing or invalid");
      if (faults.sidExpiresAfterRequests !== undefined && accepted >= faults.sidExpiresAfterRequests) return failure(401, "Unauthorized", "auth.sid has expired");
      accepted++;
      return undefined;
    },
    handle: (req) => handle({ ds, organizations: byId, nowLocal: formatMoscowDateTime(now()) }, req.method ?? "GET", new URL(req.url ?? "/", "http://simulator")),
  });
  return {
    url: server.url,
    dataset: ds,
    apiKey,
    sid,
    organizations,
    counters: server.counters,
    resetCounters: server.resetCounters,
    setFaults: (f) => {
      server.setFaults(f);
      // A new expiry counts from now: the sid lives for that many further requests.
      if ("sidExpiresAfterRequests" in f) accepted = 0;
    },
    close: server.close,
  };
}
