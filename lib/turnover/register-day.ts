import "server-only";
import type { Db } from "@/db/engine";
import { getRegister, registerDays, unavailableDays, type RegisterDayRow, type RegisterRow } from "@/db/queries/registers";
import { compareSources } from "@/db/queries/statements";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { isRentaError } from "@/lib/providers/renta/errors";
import { toShiftTurnover, type ShiftTurnover } from "@/lib/providers/renta/mapping";
import { fromDay, periodBounds, toDay } from "@/lib/rent/calendar";
import { isoDate } from "@/lib/validations/contracts";
import { openRentaClient, providerError, type ClientTuning } from "@/lib/sync/renta-session";
import { KONTUR_SOURCE, openKonturClient } from "@/lib/sync/kontur-sync";
import { RENTA_SOURCE } from "@/lib/sync/turnover-sync";
import { isReceiptDocument, toReceiptLine as konturReceiptLine, toReceiptWithItems as konturReceiptWithItems } from "@/lib/providers/kontur/mapping";
import { RECEIPT_TYPES } from "@/lib/providers/kontur/schemas";
import { isReceipt as isYandexReceipt, toReceiptLine as yandexReceiptLine } from "@/lib/providers/yandex/mapping";
import { RECEIPT_TYPES as YANDEX_RECEIPT_TYPES, type YandexReceipt } from "@/lib/providers/yandex/schemas";
import { openYandexClient, YANDEX_SOURCE } from "@/lib/sync/yandex-sync";
import { compareDay, summariseReceipts, toReceiptLine, toReceiptWithItems, type DayFigures, type FieldComparison, type ReceiptLine, type ReceiptsSummary, type ReceiptWithItems } from "./receipts";

export interface RegisterInfo {
  id: string;
  rnm: string;
  fnNumber: string | null;
  serial: string | null;
  address: string | null;
  place: string | null;
  consentFrom: string | null;
  consentTo: string | null;
  tenant: { id: string; name: string; inn: string };
  store: string | null;
  /** Where its turnover comes from: the connection and the Renta cabinet or the Kontur organisation id, or none (entered by hand). */
  provider: { kind: string; connectionId: string; connection: string; cabinet: string; inn: string; organizationId: string | null } | null;
}

function info(r: RegisterRow): RegisterInfo {
  return {
    id: r.id,
    rnm: r.rnm,
    fnNumber: r.fnNumber,
    serial: r.serial,
    address: r.address,
    place: r.place,
    consentFrom: r.consentFrom,
    consentTo: r.consentTo,
    tenant: { id: r.tenantId, name: r.tenantName, inn: r.tenantInn },
    store: r.storeName,
    provider: r.connectionId && r.provider ? { kind: r.provider, connectionId: r.connectionId, connection: r.connectionName ?? "", cabinet: r.cabinetName ?? "", inn: r.cabinetInn ?? "", organizationId: r.providerRef } : null,
  };
}

async function register(db: Db, actor: Actor, kktId: string): Promise<RegisterRow> {
  const r = await getRegister(db, actor.orgId, kktId);
  if (!r) throw new AppError("not_found", "Cash register not found");
  return r;
}

/** A register of the caller's organisation (another organisation's is not found). */
export async function registerInfo(db: Db, actor: Actor, kktId: string): Promise<RegisterInfo> {
  authorize(actor, "dashboard.read");
  return info(await register(db, actor, kktId));
}

const figures = (r: RegisterDayRow): DayFigures => ({
  income: r.income,
  refunds: r.refunds,
  incomeVat: r.incomeVat,
  incomeCash: r.incomeCash,
  incomeCashless: r.incomeCashless,
  incomePrepaid: r.incomePrepaid,
  incomeCredit: r.incomeCredit,
  refundsCash: r.refundsCash,
  refundsCashless: r.refundsCashless,
  refundsPrepaid: r.refundsPrepaid,
  refundsCredit: r.refundsCredit,
  receipts: r.receipts,
  refundReceipts: r.refundReceipts,
});

/** The source whose figures count for a day (as statements and reports pick it): rank, then bytewise. */
function counted(rows: RegisterDayRow[]): RegisterDayRow | undefined {
  return rows.reduce<RegisterDayRow | undefined>((best, r) => (!best || compareSources(r.source, best.source) < 0 ? r : best), undefined);
}

export type DayState = "ok" | "missing" | "not_available" | "pending" | "future";

export interface RegisterMonthDay {
  day: string;
  state: DayState;
  /** The counted source and its figures (null: nothing stored). */
  source: string | null;
  figures: DayFigures | null;
  net: bigint | null;
  /** Other sources stored for the day, not counted. */
  otherSources: string[];
  pulledAt: string | null;
  /** Why the day cannot have data (outside the register's consent), as the sync recorded it. */
  reason: string | null;
}

export interface RegisterMonth {
  register: RegisterInfo;
  month: string;
  days: RegisterMonthDay[];
  totals: { income: bigint; refunds: bigint; net: bigint; receipts: number; daysWithData: number; missingDays: number };
  /** Receipts can be read from the provider for a day (a register read from a Renta cabinet or a Kontur.OFD connection). */
  checkable: boolean;
}

/**
 * One register's month, day by day: what is stored and counted (the best-ranked source), what else is stored,
 * and which days have nothing: missing (inside the consent, in the past), not available (outside the consent),
 * today (still coming in) or in the future. `today` is the caller's calendar day (YYYY-MM-DD).
 */
export async function registerMonth(db: Db, actor: Actor, kktId: string, month: string, today: string): Promise<RegisterMonth> {
  authorize(actor, "dashboard.read");
  const reg = await register(db, actor, kktId);
  const { first, last } = periodBounds(month);
  const from = fromDay(first);
  const to = fromDay(last);
  const [rows, unavailable] = await Promise.all([registerDays(db, actor.orgId, kktId, from, to), unavailableDays(db, actor.orgId, kktId, from, to)]);
  const byDay = new Map<string, RegisterDayRow[]>();
  for (const r of rows) (byDay.get(r.day) ?? byDay.set(r.day, []).get(r.day)!).push(r);
  const totals = { income: 0n, refunds: 0n, net: 0n, receipts: 0, daysWithData: 0, missingDays: 0 };
  const days: RegisterMonthDay[] = [];
  for (let n = first; n <= last; n++) {
    const day = fromDay(n);
    const all = byDay.get(day) ?? [];
    const best = counted(all);
    const outsideConsent = (reg.consentFrom !== null && day < reg.consentFrom) || (reg.consentTo !== null && day > reg.consentTo);
    const state: DayState = best ? "ok" : day > today ? "future" : day === today ? "pending" : unavailable.has(day) || outsideConsent ? "not_available" : "missing";
    if (best) {
      totals.income += best.income;
      totals.refunds += best.refunds;
      totals.receipts += best.receipts ?? 0;
      totals.daysWithData++;
    } else if (state === "missing") totals.missingDays++;
    days.push({
      day,
      state,
      source: best?.source ?? null,
      figures: best ? figures(best) : null,
      net: best ? best.income - best.refunds : null,
      otherSources: all.filter((r) => r !== best).map((r) => r.source),
      pulledAt: best?.pulledAt.toISOString() ?? null,
      reason: unavailable.get(day) ?? (outsideConsent ? "outside the consent period" : null),
    });
  }
  totals.net = totals.income - totals.refunds;
  return { register: info(reg), month, days, totals, checkable: feedOf(reg) !== null };
}

export interface DayCheck {
  register: RegisterInfo;
  day: string;
  /** What the sync stored from the provider for the day (null: nothing), and the source that counts for rent. */
  stored: DayFigures | null;
  storedSource: string;
  countedSource: string | null;
  /** The day's receipts (3.1) in time order, and their sums as a day of turnover. */
  receipts: ReceiptLine[];
  summary: ReceiptsSummary;
  comparison: { fields: FieldComparison[]; matches: boolean };
  /** Shifts opened on the day (3.6). */
  shifts: ShiftTurnover[];
}

/** Where a register's receipts are read: its Renta cabinet, or its Kontur.OFD organisation. */
type Feed =
  | { kind: "renta"; connectionId: string; cabinet: { inn: string; kpp: string } }
  | { kind: "kontur"; connectionId: string; organizationId: string }
  | { kind: "yandex"; connectionId: string; companyId: string };

function feedOf(reg: RegisterRow): Feed | null {
  if (!reg.connectionId) return null;
  if (reg.provider === "renta" && reg.cabinetInn !== null) return { kind: "renta", connectionId: reg.connectionId, cabinet: { inn: reg.cabinetInn, kpp: reg.cabinetKpp ?? "" } };
  if (reg.provider === "kontur" && reg.providerRef) return { kind: "kontur", connectionId: reg.connectionId, organizationId: reg.providerRef };
  if (reg.provider === "yandex" && reg.providerRef) return { kind: "yandex", connectionId: reg.connectionId, companyId: reg.providerRef };
  return null;
}

function checkableRegister(reg: RegisterRow): Feed {
  if (reg.provider === "prro" && reg.connectionId) throw new AppError("conflict", "A PRRO service gives no receipts, only its current shift's totals: this register's days have nothing to check them against");
  const feed = feedOf(reg);
  if (!feed) throw new AppError("conflict", "This register is not read from a provider, so it has no receipts to check");
  return feed;
}

/** The source a feed's sync stores its days under. */
const sourceOf = (feed: Feed) => ({ renta: RENTA_SOURCE, kontur: KONTUR_SOURCE, yandex: YANDEX_SOURCE })[feed.kind];

/** A provider failure as an error for a person (it names the provider, the method and the field). */
async function named<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw providerError(e);
  }
}

/**
 * A register's receipts and shifts, live from its provider with the connection's stored credentials (which stay
 * in the client): Renta a week of receipts a request (its limit) and the shift list; Kontur.OFD every page of
 * the period's receipt documents, Yandex OFD every page of the company's receipts report (neither carries shift
 * totals, so they show none).
 */
interface FeedReader {
  receipts(from: string, to: string): Promise<ReceiptLine[]>;
  shifts(day: string): Promise<ShiftTurnover[]>;
}

async function openFeed(db: Db, orgId: string, reg: RegisterRow, feed: Feed, tuning: ClientTuning): Promise<FeedReader> {
  if (feed.kind === "yandex") {
    const { client } = await openYandexClient(db, orgId, feed.connectionId, tuning);
    // The report is per company: the register's own receipts are kept.
    const mine = (docs: YandexReceipt[]) => docs.filter((d) => d.rn === reg.rnm && isYandexReceipt(d)).map(yandexReceiptLine);
    return { receipts: (from, to) => named(async () => mine(await client.receipts({ companyIds: [feed.companyId], from, to, documentTypes: [...YANDEX_RECEIPT_TYPES] }))), shifts: async () => [] };
  }
  if (feed.kind === "kontur") {
    const { client } = await openKonturClient(db, orgId, feed.connectionId, tuning);
    return {
      receipts: (from, to) => named(async () => (await client.documentsByPeriod({ organizationId: feed.organizationId, rnm: reg.rnm, from, to, types: [...RECEIPT_TYPES] })).filter(isReceiptDocument).map(konturReceiptLine)),
      shifts: async () => [],
    };
  }
  const { client } = await openRentaClient(db, orgId, feed.connectionId, tuning);
  return {
    receipts: (from, to) =>
      named(async () => {
        const windows: [string, string][] = [];
        for (let d = toDay(from); d <= toDay(to); d += 7) windows.push([fromDay(d), fromDay(Math.min(d + 6, toDay(to)))]);
        return (await Promise.all(windows.map(([a, b]) => client.receiptsByKkt({ rnm: reg.rnm, from: a, to: b, cabinet: feed.cabinet })))).flat().map(toReceiptLine);
      }),
    shifts: (day) => named(async () => (await client.shiftList({ rnm: reg.rnm, from: day, to: day, cabinet: feed.cabinet })).map(toShiftTurnover)),
  };
}

/**
 * A register's day checked against its receipts, read live from the provider with the connection's stored
 * credentials (which stay in the client): every receipt of the day, their sums, and each figure against what
 * the sync stored. Nothing is written. `today`: the caller's calendar day; later days are refused.
 */
export async function checkRegisterDay(db: Db, actor: Actor, kktId: string, day: string, today: string, tuning: ClientTuning = {}): Promise<DayCheck> {
  authorize(actor, "turnover.check");
  if (!isoDate.safeParse(day).success) throw new AppError("validation", "Check failed", { day: ["Expected a date as YYYY-MM-DD"] });
  if (day > today) throw new AppError("validation", "Check failed", { day: ["A day in the future has no receipts yet"] });
  const reg = await register(db, actor, kktId);
  const feed = checkableRegister(reg);
  const rows = await registerDays(db, actor.orgId, kktId, day, day);
  const reader = await openFeed(db, actor.orgId, reg, feed, tuning);
  const [receipts, shifts] = await Promise.all([reader.receipts(day, day), reader.shifts(day)]);
  const lines = receipts
    .filter((r) => r.time.slice(0, 10) === day)
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : (a.docNumber ?? 0) - (b.docNumber ?? 0)));
  const summary = summariseReceipts(lines);
  const provider = rows.find((r) => r.source === sourceOf(feed));
  const stored = provider ? figures(provider) : null;
  return {
    register: info(reg),
    day,
    stored,
    storedSource: sourceOf(feed),
    countedSource: counted(rows)?.source ?? null,
    receipts: lines,
    summary,
    comparison: compareDay(stored, summary),
    shifts: shifts.sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1)),
  };
}

export interface MonthCheckDay {
  day: string;
  receipts: number;
  /** Nothing stored from the provider for the day. */
  nothingStored: boolean;
  matches: boolean;
  /** The figures that differ (receipts − stored). */
  differences: FieldComparison[];
}

export interface MonthCheck {
  register: RegisterInfo;
  month: string;
  /** The days checked: the month up to yesterday, within the register's consent and the cabinet's paid period. */
  from: string | null;
  to: string | null;
  days: MonthCheckDay[];
  matching: number;
  differing: number;
}

/** A register's month (up to yesterday) against its receipts, read a week at a time (the provider's limit) and compared day by day. */
export async function checkRegisterMonth(db: Db, actor: Actor, kktId: string, month: string, today: string, tuning: ClientTuning = {}): Promise<MonthCheck> {
  authorize(actor, "turnover.check");
  const reg = await register(db, actor, kktId);
  const feed = checkableRegister(reg);
  const { first, last } = periodBounds(month);
  // Only days the provider will answer for: a period is refused whole if one of its days is outside the consent.
  const bounds = [fromDay(first), reg.consentFrom, reg.cabinetActiveFrom].filter((x): x is string => !!x);
  const ends = [fromDay(last), fromDay(toDay(today) - 1), reg.consentTo, reg.cabinetActiveTo].filter((x): x is string => !!x);
  const from = bounds.reduce((a, b) => (a > b ? a : b));
  const to = ends.reduce((a, b) => (a < b ? a : b));
  if (from > to) return { register: info(reg), month, from: null, to: null, days: [], matching: 0, differing: 0 };
  const [rows, receipts] = await Promise.all([registerDays(db, actor.orgId, kktId, from, to), openFeed(db, actor.orgId, reg, feed, tuning).then((r) => r.receipts(from, to))]);
  const byDay = new Map<string, ReceiptLine[]>();
  for (const r of receipts) (byDay.get(r.time.slice(0, 10)) ?? byDay.set(r.time.slice(0, 10), []).get(r.time.slice(0, 10))!).push(r);
  const stored = new Map(rows.filter((r) => r.source === sourceOf(feed)).map((r) => [r.day, figures(r)]));
  const days: MonthCheckDay[] = [];
  for (let n = toDay(from); n <= toDay(to); n++) {
    const day = fromDay(n);
    const lines = byDay.get(day) ?? [];
    const c = compareDay(stored.get(day) ?? null, summariseReceipts(lines));
    days.push({ day, receipts: lines.length, nothingStored: !stored.has(day), matches: c.matches, differences: c.fields.filter((f) => f.difference !== null && f.difference !== 0n && f.difference !== 0) });
  }
  const matching = days.filter((d) => d.matches).length;
  return { register: info(reg), month, from, to, days, matching, differing: days.length - matching };
}

export interface ReceiptDetail {
  register: RegisterInfo;
  receipt: ReceiptWithItems;
}

/**
 * One receipt of the register with its items, read live from the provider: Renta by its id (3.2); Kontur.OFD from
 * the day's receipt documents (no method reads one), so the day is needed. Yandex OFD's report has no items. A
 * receipt of another register is not found.
 */
export async function registerReceipt(db: Db, actor: Actor, kktId: string, receiptId: string, tuning: ClientTuning = {}, day?: string): Promise<ReceiptDetail> {
  authorize(actor, "turnover.check");
  const reg = await register(db, actor, kktId);
  const feed = checkableRegister(reg);
  if (feed.kind === "yandex") throw new AppError("conflict", "Yandex OFD's receipts report holds no items: a receipt's items are not shown");
  if (feed.kind === "kontur") {
    // Kontur's receipt ids are the fiscal drive and document numbers.
    if (!/^\d{1,20}\/\d{1,10}$/.test(receiptId)) throw new AppError("not_found", "Receipt not found");
    if (!day || !isoDate.safeParse(day).success) throw new AppError("validation", "A Kontur.OFD receipt is read with its day", { day: ["Expected the receipt's day as YYYY-MM-DD"] });
    const { client } = await openKonturClient(db, actor.orgId, feed.connectionId, tuning);
    const docs = await named(() => client.documentsByPeriod({ organizationId: feed.organizationId, rnm: reg.rnm, from: day, to: day, types: [...RECEIPT_TYPES] }));
    const doc = docs.filter(isReceiptDocument).find((d) => konturReceiptLine(d).id === receiptId);
    if (!doc) throw new AppError("not_found", "Receipt not found");
    return { register: info(reg), receipt: konturReceiptWithItems(doc) };
  }
  // Receipt ids are opaque to us; this keeps a path segment a path segment.
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(receiptId)) throw new AppError("not_found", "Receipt not found");
  const { client } = await openRentaClient(db, actor.orgId, feed.connectionId, tuning);
  let d;
  try {
    d = await client.receipt({ id: receiptId, cabinet: feed.cabinet });
  } catch (e) {
    if (isRentaError(e, "DataNotFound")) throw new AppError("not_found", "Receipt not found");
    throw providerError(e);
  }
  if (d.KktRegNumber.trim() !== reg.rnm) throw new AppError("not_found", "Receipt not found");
  return { register: info(reg), receipt: toReceiptWithItems(d) };
}
