/** Waiting between attempts, for every provider's client: Retry-After, capped exponential backoff with full jitter, an abortable sleep. */

/** Retry-After in delta-seconds or HTTP-date → milliseconds from now. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Full jitter: uniform in [0, min(cap, base·2^attempt)), so synchronized clients spread out. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export const sleep = (ms: number, signal?: AbortSignal) =>
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

/** What every provider's transport is configured with, whatever its request info looks like. */
export interface TransportBase<Info> {
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
  onRequest?: (info: Info) => void;
  /** Masks secrets in anything that reaches a message or a callback. */
  redact: (text: string) => string;
}
