/**
 * The simulator's API logic: route → body → companies and cashboxes → filters → order → one page. No sockets
 * here (server.ts owns HTTP, the keys and faults), so every rule is testable directly.
 */
import { dayNumber, isDay } from "@/lib/providers/renta/dates";
import type { Dataset } from "@/lib/providers/renta/simulator/dataset";
import { failure, type SimResponse } from "@/lib/providers/http/simulator-server";
import { writeJson } from "@/lib/providers/renta/simulator/json-writer";
import { DOCUMENT_TYPES, OPERATION_TYPES, ORDER_KEYS, TAXATION_TYPES, type YandexOrderKey } from "../schemas";
import { dayDocuments, fiscalSignOf, payload, type SimDocument } from "./documents";
import type { SimCompany } from "./companies";

export interface SimContext {
  ds: Dataset;
  companies: readonly SimCompany[];
  /** The registers' local wall-clock now, "YYYY-MM-DD hh:mm:ss": later documents have not arrived yet. */
  nowLocal: string;
}

export const ROUTE = "/v1/docs/aggregations/receipts";
/** Above this a page holds this many: the document names no maximum, a client must follow what it gets. */
export const MAX_LIMIT = 1000;
const DATE = /^(\d{4}-\d{2}-\d{2})(?: ([01]\d|2[0-3]):[0-5]\d:[0-5]\d)?$/;

interface Query {
  from: string;
  to: string;
  limit: number;
  offset: number;
  kkts: number[];
  documentTypes?: Set<string>;
  operationTypes?: Set<string>;
  taxationTypes?: Set<string>;
  shifts?: Set<number>;
  fiscalDoc?: number;
  fiscalSign?: number;
  orders: { key: YandexOrderKey; desc: boolean }[];
}

export function handle(ctx: SimContext, method: string, path: string, contentType: string | undefined, body: string): SimResponse {
  if (path !== ROUTE) return failure(404, "NotFound", "no such method");
  if (method !== "POST") return { status: 405, body: "", headers: { allow: "POST" } };
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? "")) return failure(415, "UnsupportedMediaType", "Content-Type must be application/json");
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return failure(400, "BadRequest", "the body is not JSON");
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return failure(400, "BadRequest", "the body must be a JSON object");
  const q = readQuery(ctx, raw as Record<string, unknown>);
  if (typeof q === "string") return q.startsWith("404 ") ? failure(404, "NotFound", q.slice(4)) : failure(400, "BadRequest", q);
  return page(ctx, q);
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

function strings(o: Record<string, unknown>, key: string): string[] | string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return `${key} must be an array of strings`;
  return v;
}

/** The documented parameters, or the sentence a 400 answers with ("404 …" for an unknown company or cashbox). */
function readQuery(ctx: SimContext, o: Record<string, unknown>): Query | string {
  const dates: string[] = [];
  for (const [key, time] of [["date_from", "00:00:00"], ["date_to", "23:59:59"]] as const) {
    const v = o[key];
    if (v === undefined || v === null) return `${key} is required`;
    const m = typeof v === "string" ? DATE.exec(v) : null;
    if (!m || !isDay(m[1])) return `${key} must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss`;
    // Without a time, the start of the day for date_from and its end for date_to, as the document says.
    dates.push(m[2] === undefined ? `${m[1]} ${time}` : (v as string));
  }
  const [from, to] = dates;
  if (to < from) return "date_to is before date_from";
  for (const key of ["limit", "offset"]) {
    const v = o[key];
    if (v !== undefined && v !== null && (!isInt(v) || v < 0)) return `${key} must be a non-negative integer`;
  }
  const lists: Record<string, string[] | undefined> = {};
  for (const key of ["company_ids", "cashbox_ids", "retail_point_ids", "document_types", "operation_types", "taxation_types", "orders"]) {
    const v = strings(o, key);
    if (typeof v === "string") return v;
    lists[key] = v;
  }
  if (lists.retail_point_ids?.length) return "retail_point_ids is not supported by this simulator (it has no retail points)";
  for (const [key, known] of [["document_types", DOCUMENT_TYPES], ["operation_types", OPERATION_TYPES], ["taxation_types", TAXATION_TYPES]] as const) {
    const unknown = lists[key]?.find((v) => !(known as readonly string[]).includes(v));
    if (unknown !== undefined) return `unknown ${key} value ${JSON.stringify(unknown)}; known: ${known.join(", ")}`;
  }
  const orders: Query["orders"] = [];
  for (const s of lists.orders ?? []) {
    const key = s.replace(/^-/, "");
    if (!(ORDER_KEYS as readonly string[]).includes(key)) return `unknown order ${JSON.stringify(s)}; known: ${ORDER_KEYS.join(", ")} (prefix - for descending)`;
    orders.push({ key: key as YandexOrderKey, desc: s.startsWith("-") });
  }
  for (const key of ["fiscal_sign", "fiscal_doc"]) if (o[key] !== undefined && o[key] !== null && !isInt(o[key])) return `${key} must be an integer`;
  const shifts = o.shifts;
  if (shifts !== undefined && shifts !== null && !isInt(shifts) && !(Array.isArray(shifts) && shifts.every(isInt))) return "shifts must be an integer or an array of integers";
  const kkts = registers(ctx, lists.company_ids, lists.cashbox_ids);
  if (typeof kkts === "string") return kkts;
  return {
    from,
    to,
    limit: Math.min(typeof o.limit === "number" ? o.limit : MAX_LIMIT, MAX_LIMIT),
    offset: typeof o.offset === "number" ? o.offset : 0,
    kkts,
    documentTypes: lists.document_types && new Set(lists.document_types),
    operationTypes: lists.operation_types && new Set(lists.operation_types),
    taxationTypes: lists.taxation_types && new Set(lists.taxation_types),
    shifts: shifts === undefined || shifts === null ? undefined : new Set(Array.isArray(shifts) ? (shifts as number[]) : [shifts as number]),
    fiscalDoc: o.fiscal_doc as number | undefined,
    fiscalSign: o.fiscal_sign as number | undefined,
    orders,
  };
}

/** The keys' registers, narrowed to the companies and cashboxes asked for (both filters apply together). */
function registers(ctx: SimContext, companyIds?: string[], cashboxIds?: string[]): number[] | string {
  let companies = ctx.companies;
  if (companyIds?.length) {
    const missing = companyIds.find((id) => !ctx.companies.some((c) => c.id === id));
    if (missing !== undefined) return `404 company ${JSON.stringify(missing)} not found`;
    companies = ctx.companies.filter((c) => companyIds.includes(c.id));
  }
  const all = ctx.companies.flatMap((c) => c.kkts);
  let kkts = companies.flatMap((c) => c.kkts);
  if (cashboxIds?.length) {
    const missing = cashboxIds.find((id) => !all.some((k) => ctx.ds.kkts[k].rnm === id));
    if (missing !== undefined) return `404 cashbox ${JSON.stringify(missing)} not found`;
    kkts = kkts.filter((k) => cashboxIds.includes(ctx.ds.kkts[k].rnm));
  }
  return kkts;
}

function matches(ctx: SimContext, q: Query, d: SimDocument, to: string): boolean {
  if (d.realDate < q.from || d.realDate > to) return false;
  if (q.documentTypes && !q.documentTypes.has(d.type)) return false;
  // Documents that are not receipts have no operation: an operation filter leaves them out.
  if (q.operationTypes && (d.operation === null || !q.operationTypes.has(d.operation))) return false;
  if (q.taxationTypes && !q.taxationTypes.has(ctx.ds.tenants[ctx.ds.kkts[d.kkt].tenant].vat === "none" ? "usn_income" : "osn")) return false;
  if (q.shifts && !q.shifts.has(d.shift)) return false;
  if (q.fiscalDoc !== undefined && d.fdn !== q.fiscalDoc) return false;
  return q.fiscalSign === undefined || fiscalSignOf(ctx.ds, d) === q.fiscalSign;
}

function sortKey(ctx: SimContext, d: SimDocument, key: YandexOrderKey): string | number | bigint {
  const k = ctx.ds.kkts[d.kkt];
  switch (key) {
    case "date":
      return d.realDate;
    case "shift":
      return d.shift;
    case "rn":
      return k.rnm;
    case "fn":
      return k.fnNumber;
    case "doc_number":
      return d.fdn;
    case "number":
      return d.number;
    case "totalSum":
      return d.sums.total;
    case "cashTotalSum":
      return d.sums.cash;
    case "ecashTotalSum":
      return d.sums.ecash;
  }
}

/**
 * Every matching document in the order asked for (then by date, register and number, so equal keys keep a
 * fixed order and offsets stay meaningful), `total` of them, and the page [offset, offset + limit).
 */
function page(ctx: SimContext, q: Query): SimResponse {
  const to = q.to < ctx.nowLocal ? q.to : ctx.nowLocal;
  const found: SimDocument[] = [];
  // The previous day's shift may run past midnight into the period.
  const first = Math.max(ctx.ds.fromDay, dayNumber(q.from.slice(0, 10))! - 1);
  const last = Math.min(ctx.ds.toDay, dayNumber(to.slice(0, 10))!);
  for (const kkt of q.kkts) for (let day = first; day <= last; day++) for (const d of dayDocuments(ctx.ds, kkt, day)) if (matches(ctx, q, d, to)) found.push(d);
  const orders = [...q.orders, { key: "date", desc: false }, { key: "rn", desc: false }, { key: "doc_number", desc: false }] as const;
  found.sort((a, b) => {
    for (const o of orders) {
      const x = sortKey(ctx, a, o.key);
      const y = sortKey(ctx, b, o.key);
      if (x !== y) return (x < y ? -1 : 1) * (o.desc ? -1 : 1);
    }
    return 0;
  });
  const data = found.slice(q.offset, q.offset + q.limit).map((d) => payload(ctx.ds, d));
  return { status: 200, body: writeJson({ data, total: found.length }) };
}
