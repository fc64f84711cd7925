/**
 * The simulator's API logic: route → checks in the order the service would make them → payload.
 * No sockets here (server.ts owns HTTP, auth and faults), so every rule is testable directly.
 */
import { dayFromNumber, dayNumber } from "../dates";
import type { Dataset, SimCabinet, SimKkt } from "./dataset";
import { addSegment, daySegments, emptyTotals, shiftSegments } from "./figures";
import { writeJson } from "./json-writer";
import { cabinetPayload, consentActive, fullDataPayload, kktPayload, legalEntityPayload, receiptDetailPayload, receiptPayload, shiftPayload, type Spelling } from "./payloads";
import { decodeReceiptId, segmentReceipts } from "./receipts";

export interface SimAccount {
  login: string;
  password: string;
  /** Indexes of the dataset's cabinets this login holds (default: all). */
  cabinets?: number[];
  /** "no-agreement": a login without a Renta agreement; "deleted": removed after its token was issued. */
  state?: "active" | "no-agreement" | "deleted";
}

export interface SimResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface SimContext {
  ds: Dataset;
  account: SimAccount;
  spelling: Spelling;
  /** Moscow wall-clock now, "YYYY-MM-DDThh:mm:ss": data exist up to this moment. */
  nowLocal: string;
  /** Lower-cased query keys (ASP.NET binds parameters case-insensitively). */
  query: Map<string, string[]>;
  started: number;
}

/** Status and numeric code per documented error. The document gives names only; these are ours. */
export const ERRORS = {
  InnNotFound: [404, 1],
  KktNotFound: [404, 2],
  InvalidTimeInterval: [400, 3],
  TimeIntervalNotPaid: [402, 4],
  "Need to add INN and KPP": [400, 5],
  RentaNotFound: [404, 6],
  AccessDenied: [403, 7],
  DataNotFound: [404, 8],
  UserAccountNotFound: [404, 9],
  IncorrectDateSpan: [400, 10],
  ValidationError: [400, 11],
  InternalError: [500, 12],
  RentaAgreementNotFound: [404, 13],
} as const;
export type SimErrorName = keyof typeof ERRORS;

export function fail(name: SimErrorName): SimResponse {
  const [status, code] = ERRORS[name];
  return { status, body: writeJson({ Status: "Failed", Error: { Code: code, Message: name } }) };
}

function ok(ctx: SimContext, data: unknown, dataFirst = false): SimResponse {
  const ms = Math.max(0, performance.now() - ctx.started);
  const elapsed = `00:00:${String(Math.floor(ms / 1000)).padStart(2, "0")}.${String(Math.floor((ms % 1000) * 10_000)).padStart(7, "0")}`;
  return { status: 200, body: writeJson(dataFirst ? { Data: data, Status: "Success" } : { Status: "Success", Data: data, Elapsed: elapsed }) };
}

const q = (ctx: SimContext, key: string) => ctx.query.get(key.toLowerCase())?.[0];
const isFail = (x: unknown): x is SimResponse => typeof x === "object" && x !== null && "status" in x && "body" in x;

function today(ctx: SimContext): number {
  return dayNumber(ctx.nowLocal.slice(0, 10))!;
}

function accountCabinets(ctx: SimContext): SimCabinet[] {
  const idx = ctx.account.cabinets ?? ctx.ds.cabinets.map((c) => c.index);
  return idx.map((i) => ctx.ds.cabinets[i]).filter(Boolean);
}

function cabinetFor(ctx: SimContext, inn: string | undefined, kpp: string | undefined, noAgreement: SimErrorName): SimCabinet | SimResponse {
  if (ctx.account.state === "deleted") return fail("UserAccountNotFound");
  if (ctx.account.state === "no-agreement") return fail(noAgreement);
  const list = accountCabinets(ctx);
  if (inn || kpp) return list.find((c) => c.inn === inn && c.kpp === kpp) ?? fail("RentaNotFound");
  if (list.length > 1) return fail("Need to add INN and KPP");
  return list[0] ?? fail("RentaNotFound");
}

/** The 7-day rule: DateTo − DateFrom at most 7 days, both real dates, in order. */
function span(from: string | undefined, to: string | undefined, code: SimErrorName): [number, number] | SimResponse {
  const a = from === undefined ? undefined : dayNumber(from);
  const b = to === undefined ? undefined : dayNumber(to);
  if (a === undefined || b === undefined || b < a || b - a > 7) return fail(code);
  return [a, b];
}

function paid(c: SimCabinet, [a, b]: [number, number]): SimResponse | undefined {
  return a < dayNumber(c.paidFrom)! || b > dayNumber(c.paidTo)! ? fail("TimeIntervalNotPaid") : undefined;
}

function covers(k: SimKkt, [a, b]: [number, number]): boolean {
  return consentActive(k, dayFromNumber(a)) && consentActive(k, dayFromNumber(b));
}

function kktIn(ctx: SimContext, c: SimCabinet, rnm: string | undefined): SimKkt | SimResponse {
  const k = rnm ? ctx.ds.byRnm.get(rnm) : undefined;
  return k && k.cabinet === c.index ? k : fail("KktNotFound");
}

function receiptsOf(ctx: SimContext, kkts: SimKkt[], [a, b]: [number, number]) {
  const last = Math.min(b, today(ctx));
  const out = [];
  for (const k of kkts) for (let d = a; d <= last; d++) for (const s of daySegments(ctx.ds, k.index, d)) out.push(...segmentReceipts(ctx.ds, s));
  return out.filter((rc) => rc.docDateTime <= ctx.nowLocal).map((rc) => receiptPayload(ctx.ds, rc));
}

/** Dispatch by path. Paths and keys are case-insensitive, as on the real (ASP.NET) service. */
export function handle(ctx: SimContext, path: string): SimResponse {
  const seg = path.split("/").filter(Boolean).map(decodeURIComponent);
  const lower = seg.map((s) => s.toLowerCase());
  const at = (i: number) => seg[i];
  if (lower[0] !== "api" || lower[1] !== "renta") return { status: 404, body: "" };
  const v = lower[2];
  const tail = lower.slice(3);

  if (v === "v3" && tail[0] === "companies" && tail.length === 1) {
    if (ctx.account.state === "deleted") return fail("UserAccountNotFound");
    if (ctx.account.state === "no-agreement") return fail("RentaAgreementNotFound");
    const day = ctx.nowLocal.slice(0, 10);
    return ok(ctx, accountCabinets(ctx).map((c) => cabinetPayload(ctx.ds, c, day)), true);
  }
  if (v !== "v1") return { status: 404, body: "" };

  // 3.1 receipts by register / by tenant
  if ((tail[0] === "kkt" || tail[0] === "inn") && tail[2] === "receipts" && (tail.length === 5 || tail.length === 7)) {
    const cab = cabinetFor(ctx, at(8), at(9), "RentaNotFound");
    if (isFail(cab)) return cab;
    const period = span(at(6), at(7), "InvalidTimeInterval");
    if (isFail(period)) return period;
    let kkts: SimKkt[];
    if (tail[0] === "kkt") {
      const k = kktIn(ctx, cab, at(4));
      if (isFail(k)) return k;
      kkts = [k];
    } else {
      const tenant = ctx.ds.tenants.find((t) => t.inn === at(4) && t.cabinet === cab.index && t.kkts.length > 0);
      if (!tenant) return fail("InnNotFound");
      kkts = tenant.kkts.map((i) => ctx.ds.kkts[i]);
    }
    const notPaid = paid(cab, period);
    if (notPaid) return notPaid;
    const allowed = kkts.filter((k) => covers(k, period));
    if (allowed.length === 0) return fail("AccessDenied");
    return ok(ctx, receiptsOf(ctx, allowed, period));
  }

  // 3.2 receipt detail
  if (tail[0] === "receipt" && (tail.length === 2 || tail.length === 4)) {
    const cab = cabinetFor(ctx, at(5), at(6), "RentaNotFound");
    if (isFail(cab)) return cab;
    const ref = decodeReceiptId(ctx.ds, at(4));
    const k = ref && ctx.ds.kkts[ref.kkt];
    if (!ref || !k || k.cabinet !== cab.index) return fail("DataNotFound");
    const s = shiftSegments(ctx.ds, ref.kkt, ref.shiftDay).find((x) => x.part === ref.part);
    const rc = s && segmentReceipts(ctx.ds, s)[ref.index];
    if (!s || !rc || rc.docDateTime > ctx.nowLocal) return fail("DataNotFound");
    if (!consentActive(k, dayFromNumber(s.day))) return fail("AccessDenied");
    return ok(ctx, receiptDetailPayload(ctx.ds, rc, ctx.spelling));
  }

  // 3.3 legal entities
  if (tail[0] === "legal-entities" && (tail.length === 1 || tail.length === 3)) {
    const cab = cabinetFor(ctx, at(4), at(5), "RentaNotFound");
    if (isFail(cab)) return cab;
    const day = ctx.nowLocal.slice(0, 10);
    const tenants = ctx.ds.tenants.filter((t) => t.cabinet === cab.index && t.kkts.length > 0);
    return ok(ctx, tenants.map((t) => legalEntityPayload(ctx.ds, t, ctx.spelling, day)));
  }

  // 3.4 registers: /kkts, or /kkts/rentaInn/{inn}/rentaKpp/{kpp}[/{INN}]
  if (tail[0] === "kkts") {
    const named = tail[1] === "rentainn" && tail[3] === "rentakpp" && (tail.length === 5 || tail.length === 6);
    if (!named && tail.length !== 1) return { status: 404, body: "" };
    const cab = named ? cabinetFor(ctx, at(5), at(7), "RentaNotFound") : cabinetFor(ctx, undefined, undefined, "RentaNotFound");
    if (isFail(cab)) return cab;
    let kkts = ctx.ds.kkts.filter((k) => k.cabinet === cab.index);
    const inn = named ? at(8) : undefined;
    if (inn) {
      kkts = kkts.filter((k) => ctx.ds.tenants[k.tenant].inn === inn);
      if (kkts.length === 0) return fail("InnNotFound");
    }
    return ok(ctx, kkts.map((k) => kktPayload(ctx.ds, k, ctx.spelling)));
  }

  if (tail[0] === "kkt-full-data" && tail.length === 1) return fullData(ctx);
  if (tail[0] === "shift-list" && tail.length === 1) return shiftList(ctx);
  return { status: 404, body: "" };
}

/** 3.5: registers × period in one request; registers that sent nothing are left out. */
function fullData(ctx: SimContext): SimResponse {
  const rnms = [...new Set(ctx.query.get("rnms") ?? [])].filter(Boolean);
  if (rnms.length === 0) return fail("ValidationError");
  const period = span(q(ctx, "DateFrom"), q(ctx, "DateTo"), "IncorrectDateSpan");
  if (isFail(period)) return period;
  const cab = cabinetFor(ctx, q(ctx, "RentaInn"), q(ctx, "RentaKpp"), "UserAccountNotFound");
  if (isFail(cab)) return cab;
  const kkts: SimKkt[] = [];
  for (const r of rnms) {
    const k = kktIn(ctx, cab, r);
    if (isFail(k)) return k;
    kkts.push(k);
  }
  const notPaid = paid(cab, period);
  if (notPaid) return notPaid;
  if (kkts.some((k) => !covers(k, period))) return fail("AccessDenied");
  const last = Math.min(period[1], today(ctx));
  const rows = [];
  for (const k of kkts) {
    const t = emptyTotals();
    for (let d = period[0]; d <= last; d++) for (const s of daySegments(ctx.ds, k.index, d)) addSegment(t, s);
    if (t.segments > 0) rows.push(fullDataPayload(ctx.ds, k, t));
  }
  return ok(ctx, rows);
}

/** 3.6: shifts by opening (byOpen) or closing (byClose) date. */
function shiftList(ctx: SimContext): SimResponse {
  const rnm = q(ctx, "kktRegNumber");
  if (!rnm) return fail("ValidationError");
  const period = span(q(ctx, "dateFrom"), q(ctx, "dateTo"), "IncorrectDateSpan");
  if (isFail(period)) return period;
  const cab = cabinetFor(ctx, q(ctx, "rentaInn"), q(ctx, "rentaKpp"), "RentaAgreementNotFound");
  if (isFail(cab)) return cab;
  const k = kktIn(ctx, cab, rnm);
  if (isFail(k)) return k;
  const notPaid = paid(cab, period);
  if (notPaid) return notPaid;
  if (!covers(k, period)) return fail("AccessDenied");
  const byClose = (q(ctx, "accounting") ?? "byOpen").toLowerCase() === "byclose";
  const out = [];
  for (let d = period[0] - (byClose ? 1 : 0); d <= Math.min(period[1], today(ctx)); d++) {
    if (shiftSegments(ctx.ds, k.index, d).length === 0) continue;
    const p = shiftPayload(ctx.ds, k.index, d, ctx.nowLocal);
    if (p.Open_DocDateTime > ctx.nowLocal) continue;
    if (byClose) {
      const closeDay = p.Close_DocDateTime ? dayNumber(p.Close_DocDateTime.slice(0, 10))! : undefined;
      if (closeDay === undefined || closeDay < period[0] || closeDay > period[1]) continue;
    }
    out.push(p);
  }
  return ok(ctx, out);
}
