/**
 * The Renta simulator over node:http: authentication and tokens, fault injection (latency, 5xx,
 * hangs, 429, malformed bodies, short-lived tokens), a URL length limit and counters readable at
 * GET /__simulator/counters. API rules live in handlers.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { formatMoscowDateTime } from "../dates";
import { createDataset, type Dataset, type DatasetOptions } from "./dataset";
import { fail, handle, type SimAccount, type SimErrorName, type SimResponse } from "./handlers";
import { writeJson } from "./json-writer";
import type { Spelling } from "./payloads";
import { hash32, rng, type Rng } from "./prng";

export type { SimAccount } from "./handlers";

export const DEMO_LOGIN = "demo@turnrent.local";
export const DEMO_PASSWORD = "renta-demo-2025";

export interface SimulatorFaults {
  latencyMs: number;
  error5xxRate: number;
  /** Statuses a 5xx fault picks from: 500 (InternalError JSON), 502 (proxy HTML), 503 (empty). */
  error5xxStatuses: number[];
  /** Share of requests that get no answer until `hangMs` passes (then a 504). */
  timeoutRate: number;
  hangMs: number;
  rate429: number;
  retryAfterSeconds: number;
  retryAfterFormat: "seconds" | "date";
  /** Share of 200 answers cut off mid-body. */
  malformedRate: number;
  tokenLifetimeSeconds: number;
  /** Every data request's token is refused (to exercise re-authentication giving up). */
  rejectTokens: boolean;
  /**
   * Answer every authenticated data request whose path contains `path` (case-insensitive) with this
   * documented error, as the provider would: to show each one reaching a sync run by its name.
   */
  refuseWith?: { error: SimErrorName; path: string };
  /** Seed of the fault sequence (default: the dataset's seed). */
  seed?: number;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  dataset?: DatasetOptions;
  faults?: Partial<SimulatorFaults>;
  login?: string;
  password?: string;
  /** More logins, e.g. one without a Renta agreement. */
  accounts?: SimAccount[];
  spelling?: Spelling;
  maxUrlLength?: number;
  now?: () => Date;
}

export interface SimulatorCounters {
  requests: number;
  byPath: Record<string, number>;
  byStatus: Record<string, number>;
  byPathStatus: Record<string, Record<string, number>>;
  inFlight: number;
  maxInFlight: number;
  tokensIssued: number;
  faults: { error5xx: number; timeout: number; rate429: number; malformed: number };
}

export interface RentaSimulator {
  url: string;
  dataset: Dataset;
  login: string;
  password: string;
  close(): Promise<void>;
  counters(): SimulatorCounters;
  resetCounters(): void;
  setFaults(f: Partial<SimulatorFaults>): void;
  /** Invalidate every issued token (as if the service restarted). */
  expireTokens(): void;
}

const NO_FAULTS: SimulatorFaults = {
  latencyMs: 0,
  error5xxRate: 0,
  error5xxStatuses: [500, 502, 503],
  timeoutRate: 0,
  hangMs: 120_000,
  rate429: 0,
  retryAfterSeconds: 1,
  retryAfterFormat: "seconds",
  malformedRate: 0,
  tokenLifetimeSeconds: 24 * 3600,
  rejectTokens: false,
};

const TEMPLATES: [RegExp, string][] = [
  [/^\/api\/authorization\/createauthtoken$/i, "/api/Authorization/CreateAuthToken"],
  [/^\/api\/renta\/v1\/kkt\/[^/]+\/receipts\//i, "/api/renta/v1/kkt/{KKT}/receipts"],
  [/^\/api\/renta\/v1\/inn\/[^/]+\/receipts\//i, "/api/renta/v1/inn/{INN}/receipts"],
  [/^\/api\/renta\/v1\/receipt\//i, "/api/renta/v1/receipt/{Id}"],
  [/^\/api\/renta\/v1\/legal-entities/i, "/api/renta/v1/legal-entities"],
  [/^\/api\/renta\/v1\/kkts/i, "/api/renta/v1/kkts"],
  [/^\/api\/renta\/v1\/kkt-full-data$/i, "/api/renta/v1/kkt-full-data"],
  [/^\/api\/renta\/v1\/shift-list$/i, "/api/renta/v1/shift-list"],
  [/^\/api\/renta\/v3\/companies$/i, "/api/renta/v3/companies"],
];

const template = (path: string) => TEMPLATES.find(([re]) => re.test(path))?.[1] ?? "other";

function emptyCounters(): SimulatorCounters {
  return { requests: 0, byPath: {}, byStatus: {}, byPathStatus: {}, inFlight: 0, maxInFlight: 0, tokensIssued: 0, faults: { error5xx: 0, timeout: 0, rate429: 0, malformed: 0 } };
}

export async function startRentaSimulator(o: SimulatorOptions = {}): Promise<RentaSimulator> {
  const ds = createDataset(o.dataset);
  const login = o.login ?? DEMO_LOGIN;
  const password = o.password ?? DEMO_PASSWORD;
  const accounts: SimAccount[] = [{ login, password }, ...(o.accounts ?? [])];
  const now = o.now ?? (() => new Date());
  const maxUrlLength = o.maxUrlLength ?? 2048;
  let faults: SimulatorFaults = { ...NO_FAULTS, ...o.faults };
  let dice: Rng = rng(hash32("faults", faults.seed ?? ds.options.seed));
  let counters = emptyCounters();
  const tokens = new Map<string, { account: SimAccount; expiresAt: number }>();
  const hangs = new Set<NodeJS.Timeout>();
  let tokenSerial = 0;

  function issueToken(account: SimAccount): SimResponse {
    const token = rng(hash32("token", ds.options.seed, ++tokenSerial, now().getTime())).hex(32);
    const expiresAt = now().getTime() + faults.tokenLifetimeSeconds * 1000;
    tokens.set(token, { account, expiresAt });
    counters.tokensIssued++;
    // Documented as Moscow time despite the name.
    return { status: 200, body: writeJson({ Status: "Success", Data: { AuthToken: token, ExpirationDateUtc: formatMoscowDateTime(new Date(expiresAt)) } }) };
  }

  function signIn(body: string): SimResponse {
    let creds: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(body) as unknown;
      if (parsed && typeof parsed === "object") creds = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), v]));
    } catch {
      /* an unreadable body is a failed sign-in like any other */
    }
    const account = accounts.find((a) => a.login === creds.login && a.password === creds.password);
    if (!account) return { status: 401, body: writeJson({ Status: "Failed", Error: { Code: 401, Message: "Invalid login or password" } }) };
    return issueToken(account);
  }

  function route(req: http.IncomingMessage, url: URL, body: string): SimResponse {
    if (/^\/api\/authorization\/createauthtoken$/i.test(url.pathname)) {
      return req.method === "POST" ? signIn(body) : { status: 405, body: "" };
    }
    if (req.method !== "GET") return { status: 405, body: "" };
    const query = new Map<string, string[]>();
    for (const [k, v] of url.searchParams) query.set(k.toLowerCase(), [...(query.get(k.toLowerCase()) ?? []), v]);
    const token = query.get("authtoken")?.[0];
    const entry = token ? tokens.get(token) : undefined;
    if (!entry || entry.expiresAt <= now().getTime() || faults.rejectTokens) {
      if (entry) tokens.delete(token!);
      return { status: 401, body: writeJson({ Status: "Failed", Error: { Code: 401, Message: token ? "AuthToken expired or invalid" : "AuthToken required" } }) };
    }
    if (faults.refuseWith && url.pathname.toLowerCase().includes(faults.refuseWith.path.toLowerCase())) return fail(faults.refuseWith.error);
    return handle(
      { ds, account: entry.account, spelling: o.spelling ?? "mixed", nowLocal: formatMoscowDateTime(now()), query, started: performance.now() },
      url.pathname,
    );
  }

  function injected(): SimResponse | "hang" | undefined {
    const x = dice.next();
    let edge = faults.timeoutRate;
    if (x < edge) {
      counters.faults.timeout++;
      return "hang";
    }
    if (x < (edge += faults.rate429)) {
      counters.faults.rate429++;
      const value = faults.retryAfterFormat === "date" ? new Date(now().getTime() + faults.retryAfterSeconds * 1000).toUTCString() : String(faults.retryAfterSeconds);
      return { status: 429, body: "", headers: { "retry-after": value } };
    }
    if (x < (edge += faults.error5xxRate)) {
      counters.faults.error5xx++;
      const status = faults.error5xxStatuses[Math.floor(dice.next() * faults.error5xxStatuses.length)] ?? 500;
      if (status === 500) return fail("InternalError");
      if (status === 502) return { status, body: "<html><body><h1>502 Bad Gateway</h1></body></html>", headers: { "content-type": "text/html" } };
      return { status, body: "" };
    }
    return undefined;
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://simulator");
    if (url.pathname.startsWith("/__simulator/")) {
      if (url.pathname === "/__simulator/counters") return send(res, { status: 200, body: JSON.stringify(counters) });
      if (url.pathname === "/__simulator/reset" && req.method === "POST") {
        counters = emptyCounters();
        return send(res, { status: 204, body: "" });
      }
      return send(res, { status: 404, body: "" });
    }
    const path = template(url.pathname);
    counters.requests++;
    counters.byPath[path] = (counters.byPath[path] ?? 0) + 1;
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    const mine = counters;
    let finished = false;
    const record = (status: string) => {
      if (finished) return;
      finished = true;
      mine.inFlight--;
      mine.byStatus[status] = (mine.byStatus[status] ?? 0) + 1;
      (mine.byPathStatus[path] ??= {})[status] = (mine.byPathStatus[path][status] ?? 0) + 1;
    };
    res.on("finish", () => record(String(res.statusCode)));
    res.on("close", () => record("aborted"));
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const respond = () => {
        if (res.destroyed) return;
        if ((req.url ?? "").length > maxUrlLength) return send(res, { status: 414, body: "URI Too Long" });
        const fault = injected();
        if (fault === "hang") {
          const t = setTimeout(() => {
            hangs.delete(t);
            send(res, { status: 504, body: "" });
          }, faults.hangMs);
          hangs.add(t);
          res.on("close", () => {
            clearTimeout(t);
            hangs.delete(t);
          });
          return;
        }
        const out = fault ?? route(req, url, body);
        if (out.status === 200 && faults.malformedRate > 0 && dice.next() < faults.malformedRate) {
          counters.faults.malformed++;
          // A body cut off mid-way, as a dropped proxy connection leaves it.
          return send(res, { ...out, body: out.body.slice(0, Math.max(1, Math.floor(out.body.length / 2))) });
        }
        send(res, out);
      };
      if (faults.latencyMs > 0) setTimeout(respond, faults.latencyMs);
      else respond();
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
    login,
    password,
    counters: () => structuredClone(counters),
    resetCounters: () => {
      counters = emptyCounters();
    },
    setFaults: (f) => {
      faults = { ...faults, ...f };
      if (f.seed !== undefined) dice = rng(hash32("faults", f.seed));
    },
    expireTokens: () => tokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of hangs) clearTimeout(t);
        hangs.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, r: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  const json = r.body.startsWith("{") || r.body.startsWith("[");
  res.writeHead(r.status, { "content-type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8", ...r.headers });
  res.end(r.body);
}
