/**
 * Typed client for Yandex OFD's docs/aggregations/receipts: every fiscal document of a company's (or some
 * cash registers') period, read with limit/offset paging in a stable order. Transport concerns live in
 * lib/providers/http/transport.ts, shapes in schemas.ts.
 */
import { isDay } from "@/lib/providers/renta/dates";
import { isYandexError, YandexError, malformed } from "./errors";
import { parsePage, readProviderMessage } from "./parse";
import { CODE_NAMES, isDocumentType, isOperationType, OPERATION_NAMES, type YandexPage, type YandexReceipt } from "./schemas";
import { HeaderAuthTransport, transportOptions, type TransportTuning } from "@/lib/providers/http/transport";

export type { RequestInfo } from "@/lib/providers/http/transport";

export interface YandexClientOptions extends TransportTuning {
  /** Origin of the service, e.g. "https://api.ofd.yandex.net" or a simulator's URL. */
  baseUrl: string;
  /** X-Yandex-Key: the authentication key. */
  yandexKey: string;
  /** X-OFD-Key: the authorisation key. */
  ofdKey: string;
  /** `limit` of every page (default 1000). */
  pageLimit?: number;
  /** Pages one read may take before the paging is taken for a loop. */
  maxPages?: number;
  /** Times the read starts over when `total` changes between pages (documents arriving meanwhile). */
  maxRestarts?: number;
}

export interface ReceiptsArgs {
  companyIds?: readonly string[];
  cashboxIds?: readonly string[];
  /** Calendar days, YYYY-MM-DD, both inclusive (the registers' local time). */
  from: string;
  to: string;
  /** document_types values (DOCUMENT_TYPES; TURNOVER_TYPES for a day's turnover); all types when absent. */
  documentTypes?: readonly string[];
  /** operation_types values (English: income, income_return, outcome, outcome_return). */
  operationTypes?: readonly string[];
}

export const RECEIPTS = "docs/aggregations/receipts";
export const PAGE_LIMIT = 1000;
export const DEFAULT_MAX_PAGES = 2000;
export const DEFAULT_MAX_RESTARTS = 2;
/**
 * Offset paging is only safe over a total order: date alone ties, and date with doc_number still ties across
 * registers. A fiscal document is identified by its drive (fn) and number, so this order has no ties.
 */
export const PAGE_ORDER = ["date", "fn", "doc_number"] as const;

type Body = Record<string, unknown>;
type Read = { done: true; data: YandexReceipt[] } | { done: false; why: string };

export class YandexClient {
  private readonly transport: HeaderAuthTransport<YandexError>;
  private readonly baseUrl: string;
  private readonly pageLimit: number;
  private readonly maxPages: number;
  private readonly maxRestarts: number;

  constructor(private readonly o: YandexClientOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, "");
    this.pageLimit = o.pageLimit ?? PAGE_LIMIT;
    this.maxPages = o.maxPages ?? DEFAULT_MAX_PAGES;
    this.maxRestarts = o.maxRestarts ?? DEFAULT_MAX_RESTARTS;
    if (!Number.isSafeInteger(this.pageLimit) || this.pageLimit < 1) throw new RangeError(`pageLimit must be a positive integer, got ${this.pageLimit}`);
    this.transport = new HeaderAuthTransport(
      transportOptions(o, { redact: (s) => this.redact(s), error: (init) => new YandexError(init), isError: (e): e is YandexError => isYandexError(e), authHint: "check the X-Yandex-Key and X-OFD-Key", readProviderMessage }),
    );
  }

  /** HTTP requests sent so far, retries and restarts included. */
  get requests(): number {
    return this.transport.requests;
  }

  /**
   * Every document matching the filters from `from` 00:00:00 to `to` 23:59:59, in (date, fn, doc_number)
   * order. Pages are read until the documents read reach `total`. If `total` changes between pages (documents
   * arrived or left meanwhile) the offsets no longer line up, so the read starts over, a few times at most.
   */
  async receipts(a: ReceiptsArgs, signal?: AbortSignal): Promise<YandexReceipt[]> {
    const body = this.checkArgs(a);
    let why = "";
    for (let n = 0; n <= this.maxRestarts; n++) {
      const read = await this.readAll(a, body, signal);
      if (read.done) return read.data;
      why = read.why;
    }
    throw new YandexError({ method: RECEIPTS, code: "PagingLoop", detail: `${why}, on each of ${this.maxRestarts + 1} reads; the report keeps changing` });
  }

  private async readAll(a: ReceiptsArgs, base: Body, signal?: AbortSignal): Promise<Read> {
    const m = RECEIPTS;
    const out: YandexReceipt[] = [];
    const seen = new Set<string>();
    let total: number | null = null;
    for (let page = 1, offset = 0; ; page++) {
      if (page > this.maxPages) throw new YandexError({ method: m, code: "PagingLoop", detail: `more than ${this.maxPages} pages for ${a.from} – ${a.to}` });
      const body = JSON.stringify({ ...base, limit: this.pageLimit, offset, orders: PAGE_ORDER });
      const res = await this.transport.send({ method: m, verb: "POST", url: `${this.baseUrl}/v1/docs/aggregations/receipts`, headers: this.headers(), body, parse: (b) => parsePage(m, b) }, signal);
      if (page === 1) total = res.total;
      else if (res.total !== total) return { done: false, why: `total went from ${total} to ${res.total} between pages ${page - 1} and ${page}` };
      checkPage(res, a, page, seen);
      out.push(...res.data);
      if (total === null) {
        // No total to aim at: a page may be short because the service caps the limit, so only an empty one ends.
        if (res.data.length === 0) return { done: true, data: out };
      } else {
        if (out.length > total) throw malformed(m, `is ${total}, but page ${page} brings the documents read to ${out.length}`, "total");
        if (out.length === total) return { done: true, data: out };
        if (res.data.length === 0) {
          throw new YandexError({ method: m, code: "PagingLoop", detail: `page ${page} (offset ${offset}) is empty, yet only ${out.length} of ${total} documents have been read` });
        }
      }
      // The service may cap the limit: the next offset follows what was received, not what was asked.
      offset += res.data.length;
    }
  }

  // ---------- plumbing ----------

  /** Refuse locally what the service would refuse, before a request is spent; returns the body's filters. */
  private checkArgs(a: ReceiptsArgs): Body {
    const m = RECEIPTS;
    const bad = (field: string, detail: string) => new YandexError({ method: m, code: "BadRequest", field, detail });
    // Header values with control characters would make fetch throw with the value in its message.
    if (!isHeaderSafe(this.o.yandexKey) || !isHeaderSafe(this.o.ofdKey)) {
      throw new YandexError({ method: m, code: "AuthFailed", text: "the X-Yandex-Key or X-OFD-Key is empty or holds characters a header cannot carry" });
    }
    if (!isDay(a.from) || !isDay(a.to)) throw bad(isDay(a.from) ? "to" : "from", `dates must be YYYY-MM-DD (got ${a.from} – ${a.to})`);
    if (a.to < a.from) throw bad("to", `${a.to} is before ${a.from}`);
    const body: Body = { date_from: `${a.from} 00:00:00`, date_to: `${a.to} 23:59:59` };
    const list = (field: keyof ReceiptsArgs, key: string, values: readonly string[] | undefined, valid: (s: string) => boolean, what: string) => {
      if (values === undefined) return;
      const items = values.map((v) => v.trim());
      if (items.length === 0 || !items.every((v) => v !== "" && valid(v))) throw bad(field, `unknown or no ${what}: ${JSON.stringify(values)}`);
      body[key] = [...new Set(items)];
    };
    list("companyIds", "company_ids", a.companyIds, () => true, "company ids");
    list("cashboxIds", "cashbox_ids", a.cashboxIds, () => true, "cashbox ids");
    list("documentTypes", "document_types", a.documentTypes, isDocumentType, "document types");
    list("operationTypes", "operation_types", a.operationTypes, isOperationType, "operation types");
    return body;
  }

  private headers(): Record<string, string> {
    return { "X-Yandex-Key": this.o.yandexKey, "X-OFD-Key": this.o.ofdKey, "Content-Type": "application/json", Accept: "application/json" };
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of [this.o.yandexKey, this.o.ofdKey]) if (secret && secret.length >= 4) out = out.split(secret).join("***");
    return out;
  }
}

function isHeaderSafe(value: string): boolean {
  return value.length > 0 && /^[\x21-\x7e]+$/.test(value);
}

/**
 * What came back must be what was asked for: in the period, of the types and operations filtered on (this is
 * where a mismatch between the English filter values and the Russian answers would show), and no document
 * twice; a server that serves a page again would otherwise have its receipts counted twice.
 */
function checkPage(res: YandexPage, a: ReceiptsArgs, page: number, seen: Set<string>): void {
  const m = RECEIPTS;
  const types = a.documentTypes && new Set(a.documentTypes.map((t) => t.trim()));
  const operations = a.operationTypes && new Set(a.operationTypes.map((t) => t.trim()));
  res.data.forEach((d, i) => {
    const day = d.real_date.slice(0, 10);
    if (day < a.from || day > a.to) throw malformed(m, `is "${d.real_date}" on page ${page}, outside the period ${a.from} – ${a.to} asked for`, `data[${i}].real_date`);
    if (types && (d.type === null || !types.has(d.type))) {
      const known = d.type ? ` (${d.type})` : " (not a listed type)";
      throw malformed(m, `is "${d.code_name}"${known} on page ${page}, but document_types asked for ${[...types].map((t) => `${t} ("${CODE_NAMES[t as keyof typeof CODE_NAMES]}")`).join(", ")}`, `data[${i}].code_name`);
    }
    if (operations && (d.operationType === null || !operations.has(d.operationType))) {
      const asked = [...operations].map((t) => `${t} ("${OPERATION_NAMES[t as keyof typeof OPERATION_NAMES]}")`).join(", ");
      throw malformed(m, `is "${d.operation}" on page ${page}, but operation_types asked for ${asked}`, `data[${i}].operation`);
    }
    const key = `${d.fn}/${d.doc_number}`;
    if (seen.has(key)) throw new YandexError({ method: m, code: "PagingLoop", detail: `page ${page} repeats document ${key} (fiscal drive/number) from an earlier page` });
    seen.add(key);
  });
}
