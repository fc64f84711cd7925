/**
 * Typed client for Kontur.OFD's documents/by-period: every fiscal document of one cash register in a
 * period, read page by page with the cursor as the document prescribes. Transport concerns live in
 * lib/providers/http/transport.ts, shapes in schemas.ts.
 */
import { isDay } from "@/lib/providers/renta/dates";
import { HeaderAuthTransport, transportOptions, type TransportTuning } from "@/lib/providers/http/transport";
import { isKonturError, KonturError, malformed } from "./errors";
import { parsePage, readProviderMessage } from "./parse";
import { isDocumentType, type KonturDocument, type KonturPage } from "./schemas";

export type { RequestInfo } from "@/lib/providers/http/transport";

export interface KonturClientOptions extends TransportTuning {
  /** Origin of the service, e.g. "https://ofd-api.kontur.ru" or a simulator's URL. */
  baseUrl: string;
  apiKey: string;
  /** The auth.sid session id, sent as `Authorization: auth.sid <sid>`. */
  sid: string;
  /** Pages one call may read before the paging is taken for a loop. */
  maxPages?: number;
}

export interface DocumentsByPeriodArgs {
  organizationId: string;
  /** The register's RNM (kktRegId). */
  rnm: string;
  /** Calendar days, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  /**
   * Document types to ask for (DOCUMENT_TYPES; TURNOVER_TYPES for a day's turnover); all types when absent.
   * Plain strings are accepted and checked before sending, so a list read from configuration needs no cast.
   */
  types?: readonly string[];
}

export const DOCUMENTS_BY_PERIOD = "documents/by-period";
/** The document's maximum (and default) page size. */
export const PAGE_LIMIT = 1000;
export const DEFAULT_MAX_PAGES = 2000;

export class KonturClient {
  private readonly transport: HeaderAuthTransport<KonturError>;
  private readonly baseUrl: string;
  private readonly maxPages: number;

  constructor(private readonly o: KonturClientOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, "");
    this.maxPages = o.maxPages ?? DEFAULT_MAX_PAGES;
    this.transport = new HeaderAuthTransport(
      transportOptions(o, { redact: (s) => this.redact(s), error: (init) => new KonturError(init), isError: (e): e is KonturError => isKonturError(e), authHint: "check the API key and auth.sid", readProviderMessage }),
    );
  }

  /** HTTP requests sent so far, retries included. */
  get requests(): number {
    return this.transport.requests;
  }

  /**
   * Every document of the register from `from` 00:00:00 to `to` 23:59:59 (the register's local time), in the
   * service's order. Pages are read until the service hands back the cursor it was given; a page may hold
   * fewer documents than the limit, even none, while more remain (the document says so for filtered types).
   */
  async documentsByPeriod(a: DocumentsByPeriodArgs, signal?: AbortSignal): Promise<KonturDocument[]> {
    const m = DOCUMENTS_BY_PERIOD;
    const rnm = this.checkArgs(a);
    const out: KonturDocument[] = [];
    const cursors = new Set<string>();
    const seen = new Set<string>();
    let offset: string | undefined;
    for (let page = 1; ; page++) {
      if (page > this.maxPages) {
        throw new KonturError({ method: m, code: "PagingLoop", detail: `more than ${this.maxPages} pages for ${a.from} – ${a.to}; the cursor never came back` });
      }
      const res = await this.transport.send({ method: m, verb: "GET", url: this.pageUrl(a, rnm, offset), headers: this.headers(), parse: (b) => parsePage(m, b) }, signal);
      checkPage(res, rnm, page, seen);
      out.push(...res.documents);
      // Cursors are compared as sent, so an echo spelt raw ("…==") or encoded ("…%3D%3D") ends the loop alike.
      const next = res.paging.nextOffset ? cursorParam(res.paging.nextOffset) : undefined;
      if (next === undefined || next === offset) return out;
      if (cursors.has(next)) throw new KonturError({ method: m, code: "PagingLoop", detail: `page ${page} returned a cursor already followed` });
      cursors.add(next);
      offset = next;
    }
  }

  // ---------- plumbing ----------

  /** Refuse locally what the service would refuse, before a request is spent; returns the trimmed RNM. */
  private checkArgs(a: DocumentsByPeriodArgs): string {
    const m = DOCUMENTS_BY_PERIOD;
    const bad = (field: string, detail: string) => new KonturError({ method: m, code: "BadRequest", field, detail });
    // Header values with control characters would make fetch throw with the value in its message.
    if (!isHeaderSafe(this.o.apiKey) || !isHeaderSafe(this.o.sid)) {
      throw new KonturError({ method: m, code: "AuthFailed", text: "the API key or auth.sid is empty or holds characters a header cannot carry" });
    }
    const rnm = a.rnm.trim();
    if (!/^\d{1,20}$/.test(rnm)) throw bad("rnm", "a register number (RNM) is digits only");
    if (!a.organizationId.trim()) throw bad("organizationId", "no organisation given");
    if (!isDay(a.from) || !isDay(a.to)) throw bad(isDay(a.from) ? "to" : "from", `dates must be YYYY-MM-DD (got ${a.from} – ${a.to})`);
    if (a.to < a.from) throw bad("to", `${a.to} is before ${a.from}`);
    if (a.types && (a.types.length === 0 || !a.types.every(isDocumentType))) throw bad("types", `unknown or no document types: ${a.types.join(",")}`);
    return rnm;
  }

  /** The document's parameter order: dateFrom, dateTo, types, offset, limit. */
  /** `offset` is already in its URL form (cursorParam). */
  private pageUrl(a: DocumentsByPeriodArgs, rnm: string, offset?: string): string {
    const path = ["v2", "organizations", a.organizationId.trim(), "cashboxes", rnm, "documents", "by-period"].map(encodeURIComponent).join("/");
    const query = [`dateFrom=${a.from}T00:00:00`, `dateTo=${a.to}T23:59:59`];
    if (a.types) query.push(`types=${a.types.join(",")}`);
    if (offset !== undefined) query.push(`offset=${offset}`);
    query.push(`limit=${PAGE_LIMIT}`);
    return `${this.baseUrl}/${path}?${query.join("&")}`;
  }

  private headers(): Record<string, string> {
    return { "X-Kontur-Ofd-ApiKey": this.o.apiKey, Authorization: `auth.sid ${this.o.sid}`, Accept: "application/json" };
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of [this.o.apiKey, this.o.sid]) if (secret && secret.length >= 4) out = out.split(secret).join("***");
    return out;
  }
}

function isHeaderSafe(value: string): boolean {
  return value.length > 0 && /^[\x21-\x7e]+$/.test(value);
}

/**
 * The service hands nextOffset out already percent-encoded ("T2MbygVny1CAWaPZI1NarQ%3D%3D"): sent as it is,
 * it must not be encoded again. A raw cursor ("…==") is encoded; either way every character is URL-safe.
 */
export function cursorParam(cursor: string): string {
  let raw = cursor;
  try {
    raw = decodeURIComponent(cursor);
  } catch {
    // A stray "%" that starts no escape: the cursor is raw text.
  }
  return encodeURIComponent(raw);
}

/**
 * Every document must belong to the register asked for, and no document may come twice: a server that
 * serves pages again under new cursors would otherwise have its receipts counted twice.
 */
function checkPage(res: KonturPage, rnm: string, page: number, seen: Set<string>): void {
  res.documents.forEach((d, i) => {
    const reg = registerOf(d);
    if (reg !== undefined && reg !== rnm) {
      throw malformed(DOCUMENTS_BY_PERIOD, `is ${JSON.stringify(reg)} on page ${page}, but cash register ${rnm} was asked for`, `documents[${i}].${d.type}.kktRegId`);
    }
    const key = identityOf(d);
    if (key === undefined) return;
    if (seen.has(key)) throw new KonturError({ method: DOCUMENTS_BY_PERIOD, code: "PagingLoop", detail: `page ${page} repeats document ${key} (fiscal drive/number) from an earlier page` });
    seen.add(key);
  });
}

function registerOf(d: KonturDocument): string | undefined {
  const reg = (d.data as { kktRegId?: unknown }).kktRegId;
  return typeof reg === "string" ? reg.trim() : undefined;
}

/** Fiscal drive and document number: a fiscal document's identity. */
function identityOf(d: KonturDocument): string | undefined {
  const { fiscalDriveNumber: fn, fiscalDocumentNumber: fd } = d.data as { fiscalDriveNumber?: unknown; fiscalDocumentNumber?: unknown };
  return typeof fd === "number" ? `${typeof fn === "string" ? fn.trim() : "?"}/${fd}` : undefined;
}
