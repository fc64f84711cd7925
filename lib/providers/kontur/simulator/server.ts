/**
 * The Kontur.OFD simulator over node:http: the two credential headers, fault injection (latency, 5xx, 429
 * with Retry-After, bodies cut off mid-way, an auth.sid that expires) and counters. API rules live in
 * handlers.ts, data in documents.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { formatMoscowDateTime } from "@/lib/providers/renta/dates";
import { createDataset, type Dataset, type DatasetOptions } from "@/lib/providers/renta/simulator/dataset";
import { hash32, rng, type Rng } from "@/lib/providers/renta/simulator/prng";
import { failure, handle, type SimResponse } from "./handlers";
import { defaultOrganizations, resolveOrganizations, type OrganizationSpec, type SimOrganization } from "./organizations";

export type { OrganizationSpec, SimOrganization } from "./organizations";

export const KONTUR_DEMO_API_KEY = "5f0c2b8e-7d41-4a9c-b3e6-1d2a9f8c4e70";
export const KONTUR_DEMO_SID = "6A1F0C3E9B27D4855E0F7A1C2B3D4E5F60718293A4B5C6D7E8F9011A2B3C";

export interface KonturSimulatorFaults {
  latencyMs: number;
  /** Share of requests answered 500 (JSON), 502 (proxy HTML) or 503 (empty). */
  error5xxRate: number;
  rate429: number;
  retryAfterSeconds: number;
  /** Share of 200 answers cut off mid-body. */
  malformedRate: number;
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

export interface KonturSimulatorCounters {
  requests: number;
  byStatus: Record<string, number>;
}

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

const NO_FAULTS: KonturSimulatorFaults = { latencyMs: 0, error5xxRate: 0, rate429: 0, retryAfterSeconds: 1, malformedRate: 0 };

export async function startKonturSimulator(o: KonturSimulatorOptions = {}): Promise<KonturSimulator> {
  const ds = createDataset(o.dataset);
  const apiKey = o.apiKey ?? KONTUR_DEMO_API_KEY;
  const sid = o.sid ?? KONTUR_DEMO_SID;
  const organizations = resolveOrganizations(ds, o.organizations ?? defaultOrganizations(ds));
  const byId = new Map(organizations.map((org) => [org.id, org]));
  const now = o.now ?? (() => new Date());
  let faults: KonturSimulatorFaults = { ...NO_FAULTS, ...o.faults };
  let dice: Rng = rng(hash32("kontur-faults", o.seed ?? ds.options.seed));
  const counters: KonturSimulatorCounters = { requests: 0, byStatus: {} };
  let accepted = 0;

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

  /** Both headers must match; the sid may have expired. Nothing says which part was wrong. */
  function refused(req: http.IncomingMessage): SimResponse | undefined {
    const key = req.headers["x-kontur-ofd-apikey"];
    const auth = req.headers.authorization;
    if (key !== apiKey || auth !== `auth.sid ${sid}`) return failure(401, "Unauthorized", "API key or auth.sid is missing or invalid");
    if (faults.sidExpiresAfterRequests !== undefined && accepted >= faults.sidExpiresAfterRequests) return failure(401, "Unauthorized", "auth.sid has expired");
    accepted++;
    return undefined;
  }

  function respond(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (res.destroyed) return;
    // A test hook outside the API (no auth, no faults): which organisations and registers this simulator serves.
    if (req.method === "GET" && req.url === "/__simulator/organizations") {
      return send(res, { status: 200, body: JSON.stringify({ organizations: organizations.map(({ id, inn, name, rnms }) => ({ id, inn, name, rnms })) }) });
    }
    const out = injected() ?? refused(req) ?? handle({ ds, organizations: byId, nowLocal: formatMoscowDateTime(now()) }, req.method ?? "GET", new URL(req.url ?? "/", "http://simulator"));
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
    req.resume();
    req.on("end", () => (faults.latencyMs > 0 ? setTimeout(() => respond(req, res), faults.latencyMs) : respond(req, res)));
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
    apiKey,
    sid,
    organizations,
    counters,
    resetCounters: () => {
      counters.requests = 0;
      counters.byStatus = {};
    },
    setFaults: ({ seed, ...f }) => {
      faults = { ...faults, ...f };
      // A new expiry counts from now: the sid lives for that many further requests.
      if ("sidExpiresAfterRequests" in f) accepted = 0;
      if (seed !== undefined) dice = rng(hash32("kontur-faults", seed));
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
