/**
 * The simulator's API logic: route → parameters → organisation and cashbox → one page of documents. No
 * sockets here (server.ts owns HTTP, authentication and faults), so every rule is testable directly.
 */
import { dayNumber, isDay } from "@/lib/providers/renta/dates";
import type { Dataset } from "@/lib/providers/renta/simulator/dataset";
import { failure, type SimResponse } from "@/lib/providers/http/simulator-server";
import { writeJson } from "@/lib/providers/renta/simulator/json-writer";
import { DOCUMENT_TYPES, isDocumentType, type KonturDocumentType } from "../schemas";
import { decodeCursor, encodeCursor, type CursorTarget } from "./cursor";
import { shiftDayOf, shiftDocuments, type SimDocument } from "./documents";
import type { SimOrganization } from "./organizations";

export interface SimContext {
  ds: Dataset;
  organizations: ReadonlyMap<string, SimOrganization>;
  /** The registers' local wall-clock now, "yyyy-MM-ddTHH:mm:ss": later documents have not arrived yet. */
  nowLocal: string;
}

const ROUTE = /^\/v2\/organizations\/([^/]+)\/cashboxes\/([^/]+)\/documents\/by-period$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
export const MAX_LIMIT = 1000;

interface PageQuery {
  from: string;
  to: string;
  limit: number;
  types?: ReadonlySet<KonturDocumentType>;
  offset?: CursorTarget;
}

export function handle(ctx: SimContext, method: string, url: URL): SimResponse {
  const route = ROUTE.exec(url.pathname);
  if (!route) return failure(404, "NotFound", "no such method");
  if (method !== "GET") return { status: 405, body: "", headers: { allow: "GET" } };
  const [orgId, rnm] = [route[1], route[2]].map(decodeSegment);
  const q = readQuery(url.searchParams, ctx.ds.options.seed);
  if (typeof q === "string") return failure(400, "BadRequest", q);
  const org = orgId === undefined ? undefined : ctx.organizations.get(orgId);
  if (!org) return failure(404, "NotFound", "organization not found");
  const kkt = org.kkts.find((i) => ctx.ds.kkts[i].rnm === rnm);
  if (kkt === undefined) return failure(404, "NotFound", "cashbox not found in the organization");
  if (q.offset && q.offset.kkt !== kkt) return failure(400, "BadRequest", "offset belongs to another cashbox");
  return page(ctx, kkt, q);
}

function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** The documented parameters, or the sentence a 400 answers with. */
function readQuery(p: URLSearchParams, seed: number): PageQuery | string {
  const from = p.get("dateFrom");
  const to = p.get("dateTo");
  for (const [name, v] of [["dateFrom", from], ["dateTo", to]] as const) {
    if (v === null) return `${name} is required`;
    if (!DATE_TIME.test(v) || !isDay(v.slice(0, 10))) return `${name} must be yyyy-MM-ddTHH:mm:ss`;
  }
  if (to! < from!) return "dateTo is before dateFrom";
  const limitText = p.get("limit");
  if (limitText !== null && !/^-?\d+$/.test(limitText)) return "limit must be a number";
  const limit = limitText === null ? MAX_LIMIT : Number(limitText);
  if (limit < 1) return "limit must be at least 1";
  const typesText = p.get("types");
  let types: Set<KonturDocumentType> | undefined;
  if (typesText) {
    const names = typesText.split(",").map((s) => s.trim());
    const unknown = names.find((n) => !isDocumentType(n));
    if (unknown !== undefined) return `unknown document type ${JSON.stringify(unknown)}; known: ${DOCUMENT_TYPES.join(", ")}`;
    types = new Set(names as KonturDocumentType[]);
  }
  const offsetText = p.get("offset");
  let offset: CursorTarget | undefined;
  if (offsetText) {
    offset = decodeCursor(seed, offsetText);
    if (!offset) return "offset is not a valid cursor";
  }
  // Above the maximum, the document says, the default is used.
  return { from: from!, to: to!, limit: Math.min(limit, MAX_LIMIT), types, offset };
}

/**
 * One page: the documents after the cursor (or from the period's start), at most `limit` of them read. A
 * types filter applies to the documents read, so a filtered page may hold fewer than `limit`, even none,
 * while more remain, as the document warns; the cursor moves on all the same.
 */
function page(ctx: SimContext, kkt: number, q: PageQuery): SimResponse {
  const seed = ctx.ds.options.seed;
  const to = q.to < ctx.nowLocal ? q.to : ctx.nowLocal;
  // The previous day's shift may run past midnight into the period.
  let first = Math.max(ctx.ds.fromDay, dayNumber(q.from.slice(0, 10))! - 1);
  const last = Math.min(ctx.ds.toDay, dayNumber(to.slice(0, 10))!);
  if (q.offset) first = Math.max(first, shiftDayOf(ctx.ds, kkt, q.offset.fdn));
  const read: SimDocument[] = [];
  scan: for (let day = first; day <= last; day++) {
    for (const doc of shiftDocuments(ctx.ds, kkt, day)) {
      if (doc.dateTime < q.from || doc.dateTime > to || (q.offset && doc.fdn <= q.offset.fdn)) continue;
      read.push(doc);
      if (read.length === q.limit) break scan;
    }
  }
  const documents = read.filter((d) => !q.types || q.types.has(d.type)).map((d) => ({ [d.type]: d.payload() }));
  const end = read.at(-1);
  // The last page hands back the request's own cursor; with none asked for and nothing found, paging is {}.
  const nextOffset = end ? encodeCursor(seed, { kkt, fdn: end.fdn }) : q.offset && encodeCursor(seed, q.offset);
  return { status: 200, body: writeJson({ documents, paging: nextOffset ? { nextOffset } : {} }) };
}
