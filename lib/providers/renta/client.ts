/**
 * Typed client for OFD.ru "Renta" (API v2.4): one method per documented request, token handling,
 * cabinet selection and the 7-day rule. Transport concerns live in transport.ts.
 */
import type { z } from "zod";
import { RentaError } from "./errors";
import { parseSuccess } from "./parse";
import { assertPeriod } from "./period";
import { chunkByUrlLength, fullDataUrl, type CabinetRef } from "./urls";
import {
  cabinetsSchema,
  fullDataListSchema,
  kktsSchema,
  legalEntitiesSchema,
  receiptDetailSchema,
  receiptsSchema,
  shiftsSchema,
  type RentaCabinet,
  type RentaFullData,
  type RentaKkt,
  type RentaLegalEntity,
  type RentaReceipt,
  type RentaReceiptDetail,
  type RentaShift,
} from "./schemas";
import { TokenKeeper, type Token } from "./tokens";
import { Transport, type HttpRequest, type RequestInfo } from "./transport";

export type { CabinetRef } from "./urls";
export type { RequestInfo } from "./transport";

export interface RentaClientOptions {
  /** Origin of the service, e.g. "https://lk.ofd.ru" or a simulator's URL. */
  baseUrl: string;
  login: string;
  password: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  concurrency?: number;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  tokenMarginMs?: number;
  /** Longest URL the client will send (kkt-full-data splits its registers to fit). */
  maxUrlLength?: number;
  /** Cabinet used when a call names none. */
  cabinet?: CabinetRef;
  now?: () => Date;
  random?: () => number;
  onRequest?: (info: RequestInfo) => void;
}

export interface CallOptions {
  cabinet?: CabinetRef;
  signal?: AbortSignal;
}
export interface PeriodArgs extends CallOptions {
  from: string;
  to: string;
}

export { MAX_PERIOD_DAYS } from "./period";
export const DEFAULT_MAX_URL_LENGTH = 2048;

export class RentaClient {
  private readonly transport: Transport;
  private readonly baseUrl: string;
  private readonly now: () => Date;
  private readonly maxUrlLength: number;
  private readonly tokens: TokenKeeper;
  private cabinetList?: Promise<RentaCabinet[]>;

  constructor(private readonly o: RentaClientOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, "");
    this.now = o.now ?? (() => new Date());
    this.maxUrlLength = o.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH;
    this.transport = new Transport({
      fetch: o.fetch ?? globalThis.fetch,
      timeoutMs: o.timeoutMs ?? 30_000,
      concurrency: o.concurrency ?? 4,
      maxRetries: o.maxRetries ?? 5,
      baseDelayMs: o.baseDelayMs ?? 250,
      maxDelayMs: o.maxDelayMs ?? 10_000,
      maxRetryAfterMs: o.maxRetryAfterMs ?? 120_000,
      now: this.now,
      random: o.random ?? Math.random,
      onRequest: o.onRequest,
      redact: (s) => this.redact(s),
    });
    this.tokens = new TokenKeeper(this.transport, { baseUrl: this.baseUrl, login: o.login, password: o.password, now: this.now, marginMs: o.tokenMarginMs ?? 60_000 });
  }

  /** Origin the client talks to (no trailing slash). */
  get origin(): string {
    return this.baseUrl;
  }

  /** Longest URL the client sends. */
  get urlLimit(): number {
    return this.maxUrlLength;
  }

  /** HTTP requests sent so far, sign-ins and retries included. */
  get requests(): number {
    return this.transport.requests;
  }

  /** Drop the cached token and sign in again. */
  async authenticate(signal?: AbortSignal): Promise<void> {
    this.tokens.invalidate();
    await this.tokens.current(signal);
  }

  // ---------- documented methods ----------

  /** 3.7: the login's Renta cabinets (refreshes the cached list used to pick rentaInn/rentaKpp). */
  async companies(opts: { signal?: AbortSignal } = {}): Promise<RentaCabinet[]> {
    const list = this.get("companies", cabinetsSchema, (t) => this.url(["api", "renta", "v3", "companies"], { authToken: t }), opts.signal);
    this.cabinetList = list;
    list.catch(() => {
      if (this.cabinetList === list) this.cabinetList = undefined;
    });
    return list;
  }

  /** 3.1: receipts of one register for at most 7 days. */
  async receiptsByKkt(a: PeriodArgs & { rnm: string }): Promise<RentaReceipt[]> {
    const m = "kkt-receipts";
    assertPeriod(m, a.from, a.to);
    const cab = await this.cabinetFor(m, a.cabinet, a.signal);
    const path = ["api", "renta", "v1", "kkt", a.rnm, "receipts", a.from, a.to, ...cabinetPath(cab)];
    return this.get(m, receiptsSchema, (t) => this.url(path, { AuthToken: t }), a.signal);
  }

  /** 3.1: receipts of all a tenant's registers for at most 7 days. */
  async receiptsByInn(a: PeriodArgs & { inn: string }): Promise<RentaReceipt[]> {
    const m = "inn-receipts";
    assertPeriod(m, a.from, a.to);
    const cab = await this.cabinetFor(m, a.cabinet, a.signal);
    const path = ["api", "renta", "v1", "inn", a.inn, "receipts", a.from, a.to, ...cabinetPath(cab)];
    return this.get(m, receiptsSchema, (t) => this.url(path, { AuthToken: t }), a.signal);
  }

  /** 3.2: one receipt with its items. */
  async receipt(a: CallOptions & { id: string }): Promise<RentaReceiptDetail> {
    const m = "receipt";
    const cab = await this.cabinetFor(m, a.cabinet, a.signal);
    const path = ["api", "renta", "v1", "receipt", a.id, ...cabinetPath(cab)];
    return this.get(m, receiptDetailSchema, (t) => this.url(path, { AuthToken: t }), a.signal);
  }

  /** 3.3: tenants (legal entities) that connected registers to the cabinet. */
  async legalEntities(a: CallOptions = {}): Promise<RentaLegalEntity[]> {
    const m = "legal-entities";
    const cab = await this.cabinetFor(m, a.cabinet, a.signal);
    const path = ["api", "renta", "v1", "legal-entities", ...cabinetPath(cab)];
    return this.get(m, legalEntitiesSchema, (t) => this.url(path, { AuthToken: t }), a.signal);
  }

  /** 3.4: registers with consent periods; all of them, or one tenant's (`inn`). */
  async kkts(a: CallOptions & { inn?: string } = {}): Promise<RentaKkt[]> {
    const m = "kkts";
    let cab = await this.cabinetFor(m, a.cabinet, a.signal);
    // Filtering by tenant exists only in the form that names the cabinet in the path.
    if (a.inn && !cab) cab = await this.soleCabinet(m, a.signal);
    const path = cab
      ? ["api", "renta", "v1", "kkts", "rentaInn", cab.inn, "rentaKpp", cab.kpp, ...(a.inn ? [a.inn] : [])]
      : ["api", "renta", "v1", "kkts"];
    return this.get(m, kktsSchema, (t) => this.url(path, { AuthToken: t }), a.signal);
  }

  /**
   * 3.5: aggregated figures per register for the period (amounts in roubles on the wire, kopecks here).
   * Registers that do not fit one URL are split over several requests, run in parallel.
   */
  async kktFullData(a: PeriodArgs & { rnms: string[] }): Promise<RentaFullData[]> {
    const m = "kkt-full-data";
    assertPeriod(m, a.from, a.to);
    if (a.rnms.length === 0) throw new RentaError({ method: m, code: "ValidationError", field: "rnms", detail: "no register numbers given" });
    const cab = await this.cabinetFor(m, a.cabinet, a.signal);
    const sample = fullDataUrl(this.baseUrl, { from: a.from, to: a.to, rnms: [], token: "0".repeat(32), cabinet: cab });
    const chunks = chunkByUrlLength(a.rnms, sample.length, this.maxUrlLength);
    if (!chunks) throw new RentaError({ method: m, code: "UrlTooLong", field: "rnms", detail: `one register number does not fit ${this.maxUrlLength} characters` });
    const parts = await Promise.all(
      chunks.map((rnms) =>
        this.get(m, fullDataListSchema, (t) => ({ url: fullDataUrl(this.baseUrl, { from: a.from, to: a.to, rnms, token: t, cabinet: cab }) }), a.signal),
      ),
    );
    return parts.flat();
  }

  /** 3.6: shifts of one register, by opening (default) or closing date. */
  async shiftList(a: PeriodArgs & { rnm: string; accounting?: "byOpen" | "byClose" }): Promise<RentaShift[]> {
    const m = "shift-list";
    assertPeriod(m, a.from, a.to);
    const cab = await this.cabinetFor(m, a.cabinet, a.signal);
    return this.get(
      m,
      shiftsSchema,
      (t) =>
        this.url(["api", "renta", "v1", "shift-list"], {
          authToken: t,
          dateFrom: a.from,
          dateTo: a.to,
          kktRegNumber: a.rnm,
          ...(cab ? { rentaInn: cab.inn, rentaKpp: cab.kpp } : {}),
          accounting: a.accounting ?? "byOpen",
        }),
      a.signal,
    );
  }

  // ---------- plumbing ----------

  private url(segments: string[], query: Record<string, string>): HttpRequest {
    const path = segments.map(encodeURIComponent).join("/");
    return { url: `${this.baseUrl}/${path}?${new URLSearchParams(query)}` };
  }

  /**
   * A GET with retries. A refused token (401 or an expired-token error) is renewed once and the call
   * retried; if the service then refuses the token issued for that retry too, the call gives up.
   * Renewals do not use up the retry budget.
   */
  private async get<T extends z.ZodType>(method: string, schema: T, build: (token: string) => HttpRequest, signal?: AbortSignal): Promise<z.output<T>> {
    let reissued: Token | undefined;
    let used: Token | undefined;
    const attempt = async (n: number) => {
      const got = await this.tokens.current(signal);
      // The request may wait for a free slot: it takes the newest valid token when it finally goes,
      // and goes back for one (signing in outside the slot) if every token went stale meanwhile.
      const request = () => {
        used = this.tokens.freshest(got);
        if (!used) throw new StaleToken();
        return build(used.value);
      };
      return this.transport.send(method, request, (b) => parseSuccess(method, b, schema), n, signal);
    };
    for (let stale = 0; ; ) {
      try {
        // A failed sign-in inside an attempt has had its own retries: it is not retried again here.
        return await this.transport.retrying(attempt, signal, (e) => e.method === method);
      } catch (e) {
        if (e instanceof StaleToken) {
          if (++stale < 20) continue;
          throw new RentaError({ method, code: "AuthFailed", text: "AuthTokens expire before they can be used (is the clock wrong?)" });
        }
        // Only this method's refusal of the token renews it; a failed sign-in is final.
        if (!(e instanceof RentaError) || e.code !== "AuthFailed" || e.method !== method) throw e;
        if (reissued && used === reissued) throw new RentaError({ method, code: "AuthFailed", status: e.status, text: "the service refused a freshly issued AuthToken" });
        this.tokens.invalidate(used);
        reissued = await this.tokens.current(signal);
      }
    }
  }

  private cabinets(signal?: AbortSignal): Promise<RentaCabinet[]> {
    return this.cabinetList ?? this.companies({ signal });
  }

  /**
   * rentaInn/rentaKpp: sent when the caller names a cabinet; required (and refused locally, before a
   * request is wasted) once the login is known to hold several cabinets.
   */
  private async cabinetFor(method: string, given: CabinetRef | undefined, signal?: AbortSignal): Promise<CabinetRef | undefined> {
    const chosen = given ?? this.o.cabinet;
    if (chosen) return chosen;
    const list = await this.cabinets(signal);
    if (list.length > 1) {
      const names = list.map((c) => `${c.Inn}/${c.Kpp}`).join(", ");
      throw new RentaError({ method, code: "NeedInnAndKpp", field: "cabinet", detail: `choose one of ${names}` });
    }
    return undefined;
  }

  private async soleCabinet(method: string, signal?: AbortSignal): Promise<CabinetRef> {
    const [only] = await this.cabinets(signal);
    if (!only) throw new RentaError({ method, code: "RentaNotFound", detail: "the login has no Renta cabinet" });
    return { inn: only.Inn, kpp: only.Kpp };
  }

  private redact(text: string): string {
    let out = text.replace(/(authToken=)[^&\s]+/gi, "$1***");
    for (const secret of [this.tokens.value, this.o.password]) if (secret && secret.length >= 4) out = out.split(secret).join("***");
    return out;
  }
}

/** A queued request found no fresh token when its turn came; nothing was sent. */
class StaleToken extends Error {}

function cabinetPath(cab: CabinetRef | undefined): string[] {
  return cab ? [cab.inn, cab.kpp] : [];
}
