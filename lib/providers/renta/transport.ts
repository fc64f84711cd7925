/**
 * One HTTP attempt and the retry loop around it: per-attempt timeout, a concurrency cap, capped
 * exponential backoff with full jitter, Retry-After. Knows nothing about tokens or methods' shapes.
 */
import pLimit, { type LimitFunction } from "p-limit";
import { backoffDelay, parseRetryAfter, sleep, type TransportBase } from "@/lib/providers/http/retry";

export { backoffDelay, parseRetryAfter } from "@/lib/providers/http/retry";
import { RentaError, type RentaErrorCode } from "./errors";
import { failureToError, readFailure } from "./parse";

export interface RequestInfo {
  /** Renta method name, e.g. "kkt-full-data". */
  method: string;
  /** The URL with the token masked. */
  url: string;
  attempt: number;
  status?: number;
  durationMs: number;
  error?: RentaErrorCode;
}

export type TransportOptions = TransportBase<RequestInfo>;

export interface HttpRequest {
  url: string;
  init?: RequestInit;
}

export class Transport {
  requests = 0;
  private readonly limit: LimitFunction;

  constructor(private readonly o: TransportOptions) {
    this.limit = pLimit(o.concurrency);
  }

  /** Run `attempt` until it succeeds, fails for good, or the retry budget is spent; `only` narrows what is retried. */
  async retrying<T>(attempt: (n: number) => Promise<T>, signal?: AbortSignal, only?: (e: RentaError) => boolean): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt(n);
      } catch (e) {
        if (!(e instanceof RentaError) || !e.retryable || n >= this.o.maxRetries || (only && !only(e))) throw e;
        if (e.retryAfterMs !== undefined && e.retryAfterMs > this.o.maxRetryAfterMs) throw e;
        const wait = e.retryAfterMs ?? backoffDelay(n, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
        await sleep(wait, signal);
      }
    }
  }

  /** One HTTP exchange. A 200 body goes to `parse`; anything else becomes a RentaError. */
  /** `request` is built once a slot is free, so it carries the freshest credentials. */
  send<T>(method: string, request: () => HttpRequest, parse: (body: string) => T, attempt: number, signal?: AbortSignal): Promise<T> {
    return this.limit(() => this.exchange(method, request(), parse, attempt, signal));
  }

  private async exchange<T>(method: string, req: HttpRequest, parse: (body: string) => T, attempt: number, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const ctrl = new AbortController();
    // The clock starts when a slot is free, so queued calls do not time out while waiting.
    const timer = setTimeout(() => ctrl.abort(new Error("timeout")), this.o.timeoutMs);
    const onAbort = () => ctrl.abort(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const started = performance.now();
    const info: RequestInfo = { method, url: this.o.redact(req.url), attempt, durationMs: 0 };
    this.requests++;
    try {
      // Redirects are refused: a 3xx could carry the token in its URL to another host.
      const res = await this.o.fetch(req.url, { ...req.init, redirect: "manual", signal: ctrl.signal });
      info.status = res.status;
      const body = await res.text();
      if (res.status === 200) return parse(body);
      throw this.httpError(method, res, body);
    } catch (e) {
      const err = this.classify(method, e, ctrl.signal, signal);
      info.error = err instanceof RentaError ? err.code : undefined;
      throw err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      info.durationMs = performance.now() - started;
      this.o.onRequest?.(info);
    }
  }

  private httpError(method: string, res: Response, body: string): RentaError {
    const status = res.status;
    if (status >= 300 && status < 400) {
      return new RentaError({ method, code: "Http", status, detail: `HTTP ${status} redirect refused (redirects are not followed)` });
    }
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers.get("retry-after"), this.o.now()) : undefined;
    const failure = readFailure(body);
    const err = failureToError(method, status, failure && { ...failure, Message: failure.Message && this.o.redact(failure.Message) }, retryAfterMs);
    if (status === 429 && !err.retryable) return new RentaError({ method, code: "Http", status, detail: "HTTP 429 too many requests", retryable: true, retryAfterMs });
    return err;
  }

  private classify(method: string, e: unknown, own: AbortSignal, caller?: AbortSignal): unknown {
    if (e instanceof RentaError) return e;
    if (caller?.aborted) return caller.reason;
    if (own.aborted) {
      return new RentaError({ method, code: "Timeout", detail: `no complete answer within ${this.o.timeoutMs} ms`, retryable: true, cause: e });
    }
    const reason = e instanceof Error ? ((e.cause as { code?: string } | undefined)?.code ?? e.message) : String(e);
    return new RentaError({ method, code: "Http", detail: `network error (${this.o.redact(reason)})`, retryable: true, cause: e });
  }
}
