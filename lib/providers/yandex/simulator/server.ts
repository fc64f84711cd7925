/**
 * The Yandex OFD simulator over node:http: the two key headers, fault injection (latency, 5xx, 429 with
 * Retry-After, bodies cut off mid-way) and counters. API rules live in handlers.ts, data in documents.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { formatMoscowDateTime } from "@/lib/providers/renta/dates";
import { createDataset, type Dataset, type DatasetOptions } from "@/lib/providers/renta/simulator/dataset";
import { hash32, rng, type Rng } from "@/lib/providers/renta/simulator/prng";
import { defaultCompanies, resolveCompanies, type CompanySpec, type SimCompany } from "./companies";
import { failure, handle, type SimResponse } from "./handlers";

export type { CompanySpec, SimCompany } from "./companies";

/** Shaped like the document's example keys ("74f...e8ca", "eka...b17eae"). */
export const YANDEX_DEMO_KEY = "74f2c1d08b9e4a7f93d65e1b0c2ae8ca";
export const YANDEX_DEMO_OFD_KEY = "eka5d0c3f91a7e4b28c6d4f0a9b17eae";

export interface YandexSimulatorFaults {
  latencyMs: number;
  /** Share of requests answered 500 (JSON), 502 (proxy HTML) or 503 (empty). */
  error5xxRate: number;
  rate429: number;
  retryAfterSeconds: number;
  /** Share of 200 answers cut off mid-body. */
  malformedRate: number;
}

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

export interface YandexSimulatorCounters {
  requests: number;
  byStatus: Record<string, number>;
}

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

const NO_FAULTS: YandexSimulatorFaults = { latencyMs: 0, error5xxRate: 0, rate429: 0, retryAfterSeconds: 1, malformedRate: 0 };
/** A request body is a few filters: anything larger is refused before it is read into memory. */
const MAX_BODY_BYTES = 64 * 1024;

export async function startYandexSimulator(o: YandexSimulatorOptions = {}): Promise<YandexSimulator> {
  const ds = createDataset(o.dataset);
  const yandexKey = o.yandexKey ?? YANDEX_DEMO_KEY;
  const ofdKey = o.ofdKey ?? YANDEX_DEMO_OFD_KEY;
  const companies = resolveCompanies(ds, o.companies ?? defaultCompanies(ds));
  const now = o.now ?? (() => new Date());
  let faults: YandexSimulatorFaults = { ...NO_FAULTS, ...o.faults };
  let dice: Rng = rng(hash32("yandex-faults", o.seed ?? ds.options.seed));
  const counters: YandexSimulatorCounters = { requests: 0, byStatus: {} };

  function injected(): SimResponse | undefined {
    const x = dice.next();
    if (x < faults.rate429) return { status: 429, body: "", headers: { "retry-after": String(faults.retryAfterSeconds) } };
    if (x < faults.rate429 + faults.error5xxRate) {
      const status = [500, 502, 503][Math.floor(dice.next() * 3)];
      if (status === 500) return failure(500, "InternalError", "internal server error");
      if (status === 502) return { status, body: "<html><body><h1>502 Bad Gateway</h1></body></html>", headers: { "content-type": "text/html" } };
      return { status, body: "" };
    }
    return undefined;
  }

  /** Both keys must match. Nothing says which one was wrong. */
  function refused(req: http.IncomingMessage): SimResponse | undefined {
    if (req.headers["x-yandex-key"] !== yandexKey || req.headers["x-ofd-key"] !== ofdKey) return failure(401, "Unauthorized", "X-Yandex-Key or X-OFD-Key is missing or invalid");
    return undefined;
  }

  function respond(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    if (res.destroyed) return;
    // A test hook outside the API (no auth, no faults): which companies and registers this simulator serves.
    if (req.method === "GET" && req.url === "/__simulator/companies") {
      return send(res, { status: 200, body: JSON.stringify({ companies: companies.map(({ id, inn, name, rnms }) => ({ id, inn, name, rnms })) }) });
    }
    const path = new URL(req.url ?? "/", "http://simulator").pathname;
    const nowLocal = formatMoscowDateTime(now()).replace("T", " ");
    const out = injected() ?? refused(req) ?? handle({ ds, companies, nowLocal }, req.method ?? "GET", path, req.headers["content-type"], body);
    if (out.status === 200 && faults.malformedRate > 0 && dice.next() < faults.malformedRate) {
      // A body cut off mid-way, as a dropped proxy connection leaves it.
      return send(res, { ...out, body: out.body.slice(0, Math.max(1, Math.floor(out.body.length / 2))) });
    }
    send(res, out);
  }

  const server = http.createServer((req, res) => {
    counters.requests++;
    res.on("finish", () => {
      const s = String(res.statusCode);
      counters.byStatus[s] = (counters.byStatus[s] ?? 0) + 1;
    });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) return send(res, failure(413, "PayloadTooLarge", `the body is over ${MAX_BODY_BYTES} bytes`));
      const body = Buffer.concat(chunks).toString("utf8");
      if (faults.latencyMs > 0) setTimeout(() => respond(req, res, body), faults.latencyMs);
      else respond(req, res, body);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;

  return {
    url: `http://${host}:${addr.port}`,
    dataset: ds,
    yandexKey,
    ofdKey,
    companies,
    counters,
    resetCounters: () => {
      counters.requests = 0;
      counters.byStatus = {};
    },
    setFaults: ({ seed, ...f }) => {
      faults = { ...faults, ...f };
      if (seed !== undefined) dice = rng(hash32("yandex-faults", seed));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, r: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  const json = r.body.startsWith("{");
  res.writeHead(r.status, { "content-type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8", ...r.headers });
  res.end(r.body);
}
