/**
 * One HTTP attempt and the retry loop around it: per-attempt timeout, no redirects, a concurrency cap,
 * capped exponential backoff with full jitter, Retry-After. Knows nothing of paging or payload shapes.
 */
import pLimit, { type LimitFunction } from "p-limit";
import { backoffDelay, parseRetryAfter } from "@/lib/providers/renta/transport";
import { YandexError, type YandexErrorCode } from "./errors";
import { readProviderMessage } from "./parse";

export interface RequestInfo {
  /** Yandex OFD method name, e.g. "docs/aggregations/receipts". */
  method: string;
  url: string;
  /** The JSON body sent (it holds no secret: the keys travel in headers). */
  body: string;
  attempt: number;
  status?: number;
  durationMs: number;
  error?: YandexErrorCode;
}

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  concurrency: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After beyond this is not waited out: the error goes to the caller to reschedule. */
  maxRetryAfterMs: number;
  now: () => Date;
  random: () => number;
  onRequest?: (info: RequestInfo) => void;
  /** Masks secrets in anything that reaches a message or a callback. */
  redact: (text: string) => string;
}

export interface PostRequest<T> {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  parse: (body: string) => T;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(t);
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export class Transport {
  requests = 0;
  private readonly limit: LimitFunction;

  constructor(private readonly o: TransportOptions) {
    this.limit = pLimit(o.concurrency);
  }

  /** A POST retried until it succeeds, fails for good, or the retry budget is spent. The report is read-only: safe to repeat. */
  async post<T>(req: PostRequest<T>, signal?: AbortSignal): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        // The slot is held for one attempt only: a request waiting out its backoff blocks nobody.
        return await this.limit(() => this.exchange(req, n, signal));
      } catch (e) {
        if (!(e instanceof YandexError) || !e.retryable || n >= this.o.maxRetries) throw e;
        if (e.retryAfterMs !== undefined && e.retryAfterMs > this.o.maxRetryAfterMs) throw e;
        await sleep(e.retryAfterMs ?? backoffDelay(n, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random), signal);
      }
    }
  }

  private async exchange<T>(req: PostRequest<T>, attempt: number, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const ctrl = new AbortController();
    // The clock starts when a slot is free, so queued calls do not time out while waiting.
    const timer = setTimeout(() => ctrl.abort(new Error("timeout")), this.o.timeoutMs);
    const onAbort = () => ctrl.abort(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const started = performance.now();
    const info: RequestInfo = { method: req.method, url: this.o.redact(req.url), body: this.o.redact(req.body), attempt, durationMs: 0 };
    this.requests++;
    try {
      // Redirects are refused: a 3xx could take both keys to another host.
      const res = await this.o.fetch(req.url, { method: "POST", headers: req.headers, body: req.body, redirect: "manual", signal: ctrl.signal });
      info.status = res.status;
      const body = await res.text();
      if (res.status === 200) return req.parse(body);
      throw this.httpError(req.method, res, body);
    } catch (e) {
      const err = this.classify(req.method, e, ctrl.signal, signal);
      info.error = err instanceof YandexError ? err.code : undefined;
      throw err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      info.durationMs = performance.now() - started;
      this.o.onRequest?.(info);
    }
  }

  private httpError(method: string, res: Response, body: string): YandexError {
    const status = res.status;
    const said = readProviderMessage(body);
    const providerMessage = said === undefined ? undefined : this.o.redact(said).slice(0, 200);
    const base = { method, status, providerMessage };
    if (status >= 300 && status < 400) return new YandexError({ ...base, code: "Http", detail: `HTTP ${status} redirect refused (redirects are not followed)` });
    if (status === 401 || status === 403) {
      return new YandexError({ ...base, code: "AuthFailed", text: `the service refused the keys (HTTP ${status}): check the X-Yandex-Key and X-OFD-Key` });
    }
    const why = providerMessage ? `HTTP ${status} (${providerMessage})` : `HTTP ${status}`;
    if (status === 404) return new YandexError({ ...base, code: "NotFound", detail: why });
    if (status === 400) return new YandexError({ ...base, code: "BadRequest", detail: why });
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers.get("retry-after"), this.o.now()) : undefined;
    const retryable = status >= 500 || status === 429 || status === 408;
    return new YandexError({ ...base, code: "Http", detail: why, retryable, retryAfterMs });
  }

  private classify(method: string, e: unknown, own: AbortSignal, caller?: AbortSignal): unknown {
    if (e instanceof YandexError) return e;
    if (caller?.aborted) return caller.reason;
    if (own.aborted) {
      return new YandexError({ method, code: "Timeout", detail: `no complete answer within ${this.o.timeoutMs} ms`, retryable: true, cause: e });
    }
    const reason = e instanceof Error ? ((e.cause as { code?: string } | undefined)?.code ?? e.message) : String(e);
    return new YandexError({ method, code: "Http", detail: `network error (${this.o.redact(reason)})`, retryable: true, cause: e });
  }
}
