/**
 * Typed client for the PRRO service's one method, GET /api/v2/tax_objects/{num_fiscal}: the status of one
 * software cash register with its current shift. Transport concerns (timeouts, retries with backoff,
 * Retry-After, the concurrency cap, no redirects) live in lib/providers/http/transport.ts, shapes in schemas.ts.
 *
 * The api_token travels in the query string, where URLs end up in messages and logs; it is masked in the
 * request info, the service's error text, Malformed details and fetch's own errors, and every error is checked
 * once more on its way out.
 */
import { HeaderAuthTransport, transportOptions, type TransportTuning } from "@/lib/providers/http/transport";
import { isPrroError, malformed, PrroError, TAX_OBJECT } from "./errors";
import { toTaxObject, type PrroTaxObject } from "./mapping";
import { parseTaxObjectResponse, readProviderMessage } from "./parse";

export type { RequestInfo } from "@/lib/providers/http/transport";

export interface PrroClientOptions extends TransportTuning {
  /** Origin of the service, or a simulator's URL. */
  baseUrl: string;
  /** The token generated in the personal cabinet; sent as ?api_token=. */
  apiToken: string;
}

export interface PrroClient {
  /** The register's status and current shift; `numFiscal` is its 10-digit fiscal number. */
  taxObject(numFiscal: string, opts?: { signal?: AbortSignal }): Promise<PrroTaxObject>;
  /** HTTP requests sent so far, retries included. */
  readonly requests: number;
}

const MASK = "***";

export function createPrroClient(o: PrroClientOptions): PrroClient {
  const baseUrl = o.baseUrl.replace(/\/+$/, "");
  // Checked once here, so fetch never throws "Failed to parse URL from <url with the token>".
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) throw new RangeError(`baseUrl must be an http(s) URL, got ${JSON.stringify(o.baseUrl)}`);
  const secrets = o.apiToken ? [...new Set([o.apiToken, encodeURIComponent(o.apiToken)])] : [];
  const redact = (text: string) => secrets.reduce((out, s) => out.split(s).join(MASK), text);
  const base = o.fetch ?? globalThis.fetch;
  const fetchMasked = (async (input: string | URL | Request, init?: RequestInit) => {
    try {
      return await base(input, init);
    } catch (e) {
      throw maskCause(e, redact);
    }
  }) as typeof fetch;
  const transport = new HeaderAuthTransport(
    transportOptions(
      { ...o, fetch: fetchMasked },
      {
        redact,
        // The shared transport knows 400 only; the document lists no codes, and 422 is the same refusal.
        error: (init) => new PrroError(init.status === 422 ? { ...init, code: "BadRequest", retryable: false } : init),
        isError: (e): e is PrroError => isPrroError(e),
        authHint: "check the api_token",
        readProviderMessage,
      },
    ),
  );

  async function taxObject(numFiscal: string, opts: { signal?: AbortSignal } = {}): Promise<PrroTaxObject> {
    if (!/^\d{10}$/.test(numFiscal)) throw new PrroError({ method: TAX_OBJECT, code: "BadRequest", field: "numFiscal", detail: `a fiscal number is 10 digits (got ${JSON.stringify(numFiscal.slice(0, 20))})` });
    if (!o.apiToken.trim()) throw new PrroError({ method: TAX_OBJECT, code: "AuthFailed", text: "no api_token given" });
    const url = `${baseUrl}/api/v2/tax_objects/${numFiscal}?api_token=${encodeURIComponent(o.apiToken)}`;
    try {
      const parsed = await transport.send(
        {
          method: TAX_OBJECT,
          verb: "GET",
          url,
          // The document requires both, even on a GET without a body.
          headers: { Accept: "application/json", "Content-Type": "application/json" },
          parse: (body) => {
            try {
              return parseTaxObjectResponse(body);
            } catch (e) {
              throw scrub(e, redact);
            }
          },
        },
        opts.signal,
      );
      // The document's own example answers 4000022469 with 4000070440: another register's figures must never be
      // stored under the one asked for.
      if (parsed.data.num_fiscal !== numFiscal) throw malformed(`is ${parsed.data.num_fiscal}, but cash register ${numFiscal} was asked for`, "data.num_fiscal");
      return toTaxObject(parsed);
    } catch (e) {
      throw scrub(e, redact);
    }
  }

  return {
    taxObject,
    get requests() {
      return transport.requests;
    },
  };
}

/** fetch's own errors may quote the URL (and so the token): only their masked text and code go on. */
function maskCause(e: unknown, redact: (s: string) => string): Error {
  if (!(e instanceof Error)) return new Error(redact(String(e)));
  const inner = e.cause instanceof Error || (typeof e.cause === "object" && e.cause !== null) ? (e.cause as { code?: unknown; message?: unknown }) : undefined;
  const cause = inner ? { code: typeof inner.code === "string" ? inner.code : undefined, message: redact(String(inner.message ?? "")) } : undefined;
  const out = new Error(redact(e.message), cause ? { cause } : undefined);
  out.name = e.name;
  return out;
}

/** The last check on the way out: a PrroError that still holds the token anywhere is rebuilt with it masked. */
function scrub(e: unknown, redact: (s: string) => string): unknown {
  if (!isPrroError(e)) return e;
  const cause = e.cause instanceof Error ? e.cause.message : e.cause === undefined ? "" : String(e.cause);
  const texts = [e.message, e.messageRu, e.providerMessage ?? "", e.field ?? "", cause];
  if (texts.every((t) => redact(t) === t)) return e;
  const prefix = `PRRO ${e.method}: `;
  return new PrroError({
    method: e.method,
    code: e.code,
    text: redact(e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message),
    field: e.field === undefined ? undefined : redact(e.field),
    status: e.status,
    retryable: e.retryable,
    retryAfterMs: e.retryAfterMs,
    providerMessage: e.providerMessage === undefined ? undefined : redact(e.providerMessage),
    cause: e.cause === undefined ? undefined : new Error(redact(cause)),
  });
}
