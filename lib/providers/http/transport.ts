/**
 * One HTTP attempt and the retry loop around it, for providers whose credentials travel in headers (Kontur.OFD,
 * Yandex OFD): per-attempt timeout, no redirects (a 3xx could take the credentials to another host), a
 * concurrency cap, capped exponential backoff with full jitter, Retry-After. Knows nothing of paging or payloads.
 */
import pLimit, { type LimitFunction } from "p-limit";
import { backoffDelay, parseRetryAfter, sleep, type TransportBase } from "./retry";
import type { HttpErrorCode, ProviderErrorInit, ProviderHttpError } from "./errors";

export interface RequestInfo {
  /** The provider's method name, e.g. "documents/by-period". */
  method: string;
  /** The URL sent (credentials travel in headers, never in it). */
  url: string;
  /** The body sent, if any (it holds no secret). */
  body?: string;
  attempt: number;
  status?: number;
  durationMs: number;
  error?: HttpErrorCode;
}

export interface TransportOptions<E extends ProviderHttpError> extends TransportBase<RequestInfo> {
  /** The provider's error class, and what a refused credential tells the person to check. */
  error: (init: ProviderErrorInit) => E;
  isError: (e: unknown) => e is E;
  authHint: string;
  /** The service's own words in an error body, if it gave any. */
  readProviderMessage: (body: string) => string | undefined;
}

export interface HttpRequest<T> {
  method: string;
  url: string;
  verb: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  parse: (body: string) => T;
}

export class HeaderAuthTransport<E extends ProviderHttpError> {
  requests = 0;
  private readonly limit: LimitFunction;

  constructor(private readonly o: TransportOptions<E>) {
    this.limit = pLimit(o.concurrency);
  }

  /** A read retried until it succeeds, fails for good, or the retry budget is spent (both providers' methods only read). */
  async send<T>(req: HttpRequest<T>, signal?: AbortSignal): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        // The slot is held for one attempt only: a request waiting out its backoff blocks nobody.
        return await this.limit(() => this.exchange(req, n, signal));
      } catch (e) {
        if (!this.o.isError(e) || !e.retryable || n >= this.o.maxRetries) throw e;
        if (e.retryAfterMs !== undefined && e.retryAfterMs > this.o.maxRetryAfterMs) throw e;
        await sleep(e.retryAfterMs ?? backoffDelay(n, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random), signal);
      }
    }
  }

  private async exchange<T>(req: HttpRequest<T>, attempt: number, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const ctrl = new AbortController();
    // The clock starts when a slot is free, so queued calls do not time out while waiting.
    const timer = setTimeout(() => ctrl.abort(new Error("timeout")), this.o.timeoutMs);
    const onAbort = () => ctrl.abort(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const started = performance.now();
    const info: RequestInfo = { method: req.method, url: this.o.redact(req.url), ...(req.body !== undefined ? { body: this.o.redact(req.body) } : {}), attempt, durationMs: 0 };
    this.requests++;
    try {
      const res = await this.o.fetch(req.url, { method: req.verb, headers: req.headers, body: req.body, redirect: "manual", signal: ctrl.signal });
      info.status = res.status;
      const body = await res.text();
      if (res.status === 200) return req.parse(body);
      throw this.httpError(req.method, res, body);
    } catch (e) {
      const err = this.classify(req.method, e, ctrl.signal, signal);
      info.error = this.o.isError(err) ? err.code : undefined;
      throw err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      info.durationMs = performance.now() - started;
      this.o.onRequest?.(info);
    }
  }

  private httpError(method: string, res: Response, body: string): E {
    const status = res.status;
    const said = this.o.readProviderMessage(body);
    const providerMessage = said === undefined ? undefined : this.o.redact(said).slice(0, 200);
    const base = { method, status, providerMessage };
    if (status >= 300 && status < 400) return this.o.error({ ...base, code: "Http", detail: `HTTP ${status} redirect refused (redirects are not followed)` });
    if (status === 401 || status === 403) return this.o.error({ ...base, code: "AuthFailed", text: `the service refused the credentials (HTTP ${status}): ${this.o.authHint}` });
    const why = providerMessage ? `HTTP ${status} (${providerMessage})` : `HTTP ${status}`;
    if (status === 404) return this.o.error({ ...base, code: "NotFound", detail: why });
    if (status === 400) return this.o.error({ ...base, code: "BadRequest", detail: why });
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers.get("retry-after"), this.o.now()) : undefined;
    const retryable = status >= 500 || status === 429 || status === 408;
    return this.o.error({ ...base, code: "Http", detail: why, retryable, retryAfterMs });
  }

  private classify(method: string, e: unknown, own: AbortSignal, caller?: AbortSignal): unknown {
    if (this.o.isError(e)) return e;
    if (caller?.aborted) return caller.reason;
    if (own.aborted) return this.o.error({ method, code: "Timeout", detail: `no complete answer within ${this.o.timeoutMs} ms`, retryable: true, cause: e });
    const reason = e instanceof Error ? ((e.cause as { code?: string } | undefined)?.code ?? e.message) : String(e);
    return this.o.error({ method, code: "Http", detail: `network error (${this.o.redact(reason)})`, retryable: true, cause: e });
  }
}

/** What a client lets its caller tune; everything else has the defaults below. */
export interface TransportTuning {
  fetch?: typeof fetch;
  timeoutMs?: number;
  concurrency?: number;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  now?: () => Date;
  random?: () => number;
  onRequest?: (info: RequestInfo) => void;
}

export function transportOptions<E extends ProviderHttpError>(t: TransportTuning, provider: Pick<TransportOptions<E>, "redact" | "error" | "isError" | "authHint" | "readProviderMessage">): TransportOptions<E> {
  return {
    fetch: t.fetch ?? globalThis.fetch,
    timeoutMs: t.timeoutMs ?? 30_000,
    concurrency: t.concurrency ?? 4,
    maxRetries: t.maxRetries ?? 4,
    baseDelayMs: t.baseDelayMs ?? 250,
    maxDelayMs: t.maxDelayMs ?? 8000,
    maxRetryAfterMs: t.maxRetryAfterMs ?? 60_000,
    now: t.now ?? (() => new Date()),
    random: t.random ?? Math.random,
    onRequest: t.onRequest,
    ...provider,
  };
}
