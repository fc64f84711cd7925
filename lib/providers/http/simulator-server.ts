/**
 * The HTTP side every header-authenticated provider's simulator shares (Kontur.OFD, Yandex OFD): node:http, a
 * request body read up to a limit, fault injection (latency, 5xx, 429 with Retry-After, bodies cut off mid-way),
 * deterministic from a seed, test hooks outside the API, and counters. The API itself is the caller's `handle`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { writeJson } from "@/lib/providers/renta/simulator/json-writer";
import { hash32, rng, type Rng } from "@/lib/providers/renta/simulator/prng";

export interface SimResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** The providers' error bodies are undocumented; the simulators' carry a code and a sentence. */
export function failure(status: number, code: string, message: string): SimResponse {
  return { status, body: writeJson({ code, message }) };
}

export interface BasicFaults {
  latencyMs: number;
  /** Share of requests answered 500 (JSON), 502 (proxy HTML) or 503 (empty). */
  error5xxRate: number;
  rate429: number;
  retryAfterSeconds: number;
  /** Share of 200 answers cut off mid-body. */
  malformedRate: number;
}

export const NO_FAULTS: BasicFaults = { latencyMs: 0, error5xxRate: 0, rate429: 0, retryAfterSeconds: 1, malformedRate: 0 };

export interface SimulatorCounters {
  requests: number;
  byStatus: Record<string, number>;
}

/** A request body is a few filters: anything larger is refused before it is read into memory. */
const MAX_BODY_BYTES = 64 * 1024;

export interface SimulatorServer<F extends BasicFaults> {
  url: string;
  /** Live counts, kept up to date as requests finish. */
  counters: SimulatorCounters;
  resetCounters(): void;
  setFaults(f: Partial<F> & { seed?: number }): void;
  faults(): F;
  close(): Promise<void>;
}

export async function serveSimulator<F extends BasicFaults>(o: {
  /** Names the fault sequence, so two simulators with one seed do not fail alike. */
  name: string;
  port?: number;
  host?: string;
  seed: number;
  faults: F;
  /** Test hooks (GET path → JSON), outside the API: no credentials, no faults. */
  hooks: Record<string, () => unknown>;
  /** A refusal of the request's credentials, before the API is asked. */
  refused(req: http.IncomingMessage, faults: F): SimResponse | undefined;
  handle(req: http.IncomingMessage, body: string): SimResponse;
}): Promise<SimulatorServer<F>> {
  let faults = o.faults;
  let dice: Rng = rng(hash32(`${o.name}-faults`, o.seed));
  const counters: SimulatorCounters = { requests: 0, byStatus: {} };

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

  function respond(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    if (res.destroyed) return;
    const hook = req.method === "GET" ? o.hooks[req.url ?? ""] : undefined;
    if (hook) return send(res, { status: 200, body: JSON.stringify(hook()) });
    const out = injected() ?? o.refused(req, faults) ?? o.handle(req, body);
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
    counters,
    resetCounters: () => {
      counters.requests = 0;
      counters.byStatus = {};
    },
    setFaults: ({ seed, ...f }) => {
      faults = { ...faults, ...f };
      if (seed !== undefined) dice = rng(hash32(`${o.name}-faults`, seed));
    },
    faults: () => faults,
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
