import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RentaClient } from "./client";
import { RentaError } from "./errors";
import { backoffDelay, parseRetryAfter } from "./transport";

describe("Retry-After", () => {
  const now = new Date("2025-06-01T12:00:00Z");
  it.each([
    ["3", 3000],
    ["0", 0],
    ["Sun, 01 Jun 2025 12:00:05 GMT", 5000],
    ["Sun, 01 Jun 2025 11:59:00 GMT", 0],
    ["soon", undefined],
    [null, undefined],
  ])("%s → %s ms", (v, ms) => expect(parseRetryAfter(v, now)).toBe(ms));
});

describe("backoff", () => {
  it("full jitter: anywhere from 0 up to the capped exponential", () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 0.9999999, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(attempt, 250, 10_000, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(10_000, 250 * 2 ** attempt));
      }),
    );
    expect(backoffDelay(0, 250, 10_000, () => 0.999)).toBe(249);
    expect(backoffDelay(10, 250, 10_000, () => 0.5)).toBe(5000);
  });
});

describe("network errors", () => {
  it("are retried, then reported as Http without secrets", async () => {
    // Nothing listens on port 9 of localhost (discard), so every attempt is refused.
    const seen: number[] = [];
    const c = new RentaClient({ baseUrl: "http://127.0.0.1:9", login: "l", password: "p4ssw0rd-secret", maxRetries: 2, baseDelayMs: 1, onRequest: (i) => seen.push(i.attempt) });
    const err = (await c.companies().catch((e: unknown) => e)) as RentaError;
    expect(err).toBeInstanceOf(RentaError);
    expect(err.code).toBe("Http");
    expect(err.retryable).toBe(true);
    expect(seen).toEqual([0, 1, 2]);
    expect(err.message).not.toContain("p4ssw0rd-secret");
  });

  it("a caller's abort stops at once and is not retried", async () => {
    const ctrl = new AbortController();
    ctrl.abort(new Error("stop"));
    const c = new RentaClient({ baseUrl: "http://127.0.0.1:9", login: "l", password: "p", fetch: () => Promise.reject(new Error("unreachable")) });
    await expect(c.companies({ signal: ctrl.signal })).rejects.toThrow("stop");
    expect(c.requests).toBe(0);
  });
});
