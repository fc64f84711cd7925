/**
 * The PRRO simulator over node:http (lib/providers/http/simulator-server.ts): the api_token in the query string,
 * fault injection (latency, 5xx, 429 with Retry-After, bodies cut off mid-way), counters and a test clock. API
 * rules live in handlers.ts, data in tax-objects.ts and shifts.ts.
 */
import { failure, NO_FAULTS, serveSimulator, type BasicFaults, type SimulatorCounters } from "@/lib/providers/http/simulator-server";
import { createDataset, type Dataset, type DatasetOptions } from "@/lib/providers/renta/simulator/dataset";
import { kyivWallClock } from "../dates";
import { handle } from "./handlers";
import { defaultTaxObjectKkts, makeTaxObjects, type SimTaxObject } from "./tax-objects";

export type { SimTaxObject } from "./tax-objects";
export { finalShiftTotals, shiftAt } from "./shifts";

/** Shaped like the document's masked example token "42b5eaccba739f08***e7fe157eba8bf". */
export const PRRO_DEMO_API_TOKEN = "42b5eaccba739f08a1ce7fe157eba8bf";

export type PrroSimulatorFaults = BasicFaults;

export interface PrroSimulatorOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  host?: string;
  dataset?: DatasetOptions;
  apiToken?: string;
  /** How many registers the service knows (default 4), chosen as tax-objects.ts says. */
  taxObjects?: number;
  faults?: Partial<PrroSimulatorFaults>;
  /** Seed of the fault sequence (default: the dataset's seed). */
  seed?: number;
  /** The service's clock; receipts later than now (Kyiv wall-clock) have not happened yet. */
  now?: () => Date;
}

export interface PrroSimulator {
  url: string;
  apiToken: string;
  dataset: Dataset;
  taxObjects: SimTaxObject[];
  /** Live counts, kept up to date as requests finish. */
  counters: SimulatorCounters;
  resetCounters(): void;
  setFaults(f: Partial<PrroSimulatorFaults> & { seed?: number }): void;
  /** The test clock: answers are as at `d`; null goes back to the `now` option. */
  setNow(d: Date | null): void;
  close(): Promise<void>;
}

export async function startPrroSimulator(o: PrroSimulatorOptions = {}): Promise<PrroSimulator> {
  const ds = createDataset(o.dataset);
  const apiToken = o.apiToken ?? PRRO_DEMO_API_TOKEN;
  const taxObjects = makeTaxObjects(ds, defaultTaxObjectKkts(ds, o.taxObjects ?? 4));
  const clock = o.now ?? (() => new Date());
  let fixed: Date | null = null;
  const server = await serveSimulator<PrroSimulatorFaults>({
    name: "prro",
    port: o.port,
    host: o.host,
    seed: o.seed ?? ds.options.seed,
    faults: { ...NO_FAULTS, ...o.faults },
    hooks: { "/__simulator/tax-objects": () => ({ taxObjects: taxObjects.map(({ numFiscal, tin, orgName, name, rnm }) => ({ numFiscal, tin, orgName, name, rnm })) }) },
    // The token travels in the query string; the answer never repeats it.
    refused: (req) => (new URL(req.url ?? "/", "http://simulator").searchParams.get("api_token") !== apiToken ? failure(401, "Unauthorized", "api_token is missing or invalid") : undefined),
    handle: (req) => handle({ ds, taxObjects, nowLocal: kyivWallClock(fixed ?? clock()) }, req.method ?? "GET", new URL(req.url ?? "/", "http://simulator").pathname, req.headers),
  });
  return {
    url: server.url,
    apiToken,
    dataset: ds,
    taxObjects,
    counters: server.counters,
    resetCounters: server.resetCounters,
    setFaults: server.setFaults,
    setNow: (d) => {
      fixed = d === null ? null : new Date(d.getTime());
    },
    close: server.close,
  };
}
