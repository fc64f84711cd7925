/**
 * The Yandex OFD simulator over node:http: the two key headers, fault injection (latency, 5xx, 429 with
 * Retry-After, bodies cut off mid-way) and counters. API rules live in handlers.ts, data in documents.ts.
 */
import { failure, NO_FAULTS, serveSimulator, type BasicFaults, type SimulatorCounters } from "@/lib/providers/http/simulator-server";
import { formatMoscowDateTime } from "@/lib/providers/renta/dates";
import { createDataset, type Dataset, type DatasetOptions } from "@/lib/providers/renta/simulator/dataset";
import { defaultCompanies, resolveCompanies, type CompanySpec, type SimCompany } from "./companies";
import { handle } from "./handlers";

export type { CompanySpec, SimCompany } from "./companies";

/** Shaped like the document's example keys ("74f...e8ca", "eka...b17eae"). */
export const YANDEX_DEMO_KEY = "74f2c1d08b9e4a7f93d65e1b0c2ae8ca";
export const YANDEX_DEMO_OFD_KEY = "eka5d0c3f91a7e4b28c6d4f0a9b17eae";

export type YandexSimulatorFaults = BasicFaults;

export interface YandexSimulatorOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  host?: string;
  dataset?: DatasetOptions;
  yandexKey?: string;
  ofdKey?: string;
  /** Default: two of the dataset's tenants with few registers (see companies.ts). */
  companies?: CompanySpec[];
  faults?: Partial<YandexSimulatorFaults>;
  /** Seed of the fault sequence (default: the dataset's seed). */
  seed?: number;
  /** Documents later than now (Moscow wall-clock) have not arrived yet. */
  now?: () => Date;
}

export type YandexSimulatorCounters = SimulatorCounters;

export interface YandexSimulator {
  url: string;
  dataset: Dataset;
  yandexKey: string;
  ofdKey: string;
  companies: SimCompany[];
  /** Live counts, kept up to date as requests finish. */
  counters: YandexSimulatorCounters;
  resetCounters(): void;
  setFaults(f: Partial<YandexSimulatorFaults> & { seed?: number }): void;
  close(): Promise<void>;
}


export async function startYandexSimulator(o: YandexSimulatorOptions = {}): Promise<YandexSimulator> {
  const ds = createDataset(o.dataset);
  const yandexKey = o.yandexKey ?? YANDEX_DEMO_KEY;
  const ofdKey = o.ofdKey ?? YANDEX_DEMO_OFD_KEY;
  const companies = resolveCompanies(ds, o.companies ?? defaultCompanies(ds));
  const now = o.now ?? (() => new Date());
  const server = await serveSimulator<YandexSimulatorFaults>({
    name: "yandex",
    port: o.port,
    host: o.host,
    seed: o.seed ?? ds.options.seed,
    faults: { ...NO_FAULTS, ...o.faults },
    // Which companies and registers this simulator serves.
    hooks: { "/__simulator/companies": () => ({ companies: companies.map(({ id, inn, name, rnms }) => ({ id, inn, name, rnms })) }) },
    // Both keys must match. Nothing says which one was wrong.
    refused: (req) => (req.headers["x-yandex-key"] !== yandexKey || req.headers["x-ofd-key"] !== ofdKey ? failure(401, "Unauthorized", "X-Yandex-Key or X-OFD-Key is missing or invalid") : undefined),
    handle: (req, body) =>
      handle({ ds, companies, nowLocal: formatMoscowDateTime(now()).replace("T", " ") }, req.method ?? "GET", new URL(req.url ?? "/", "http://simulator").pathname, req.headers["content-type"], body),
  });
  return { url: server.url, dataset: ds, yandexKey, ofdKey, companies, counters: server.counters, resetCounters: server.resetCounters, setFaults: server.setFaults, close: server.close };
}
