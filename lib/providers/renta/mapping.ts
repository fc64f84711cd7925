/**
 * Renta payloads (already validated, money already bigint kopecks) → the product's model. Pure: no
 * I/O, no clock. Also plans kkt-full-data requests: per-day figures need one-day periods, so the
 * fewest requests is one per day per URL-full of registers.
 */
import type { RentaCabinet, RentaFullData, RentaKkt, RentaLegalEntity, RentaShift } from "./schemas";
import { chunkByUrlLength, fullDataUrl, rnmCost } from "./urls";

export interface DailyTurnover {
  rnm: string;
  /** Calendar day of the sales, YYYY-MM-DD. */
  day: string;
  income: bigint;
  refunds: bigint;
  incomeVat?: bigint;
  /** kkt-full-data reports no VAT for refunds; left undefined, never guessed here. */
  refundsVat?: bigint;
  incomeCash?: bigint;
  incomeCashless?: bigint;
  incomePrepaid?: bigint;
  incomeCredit?: bigint;
  refundsCash?: bigint;
  refundsCashless?: bigint;
  refundsPrepaid?: bigint;
  refundsCredit?: bigint;
  receipts?: number;
  refundReceipts?: number;
}

/** One kkt-full-data row of a one-day request → that day's turnover. */
export function toDailyTurnover(row: RentaFullData, day: string): DailyTurnover {
  return {
    rnm: row.rnm,
    day,
    income: row.incomeSumm,
    refunds: row.refundIncomeSumm,
    incomeVat: row.ndsAll,
    incomeCash: row.cashIncomeSumm,
    incomeCashless: row.cashlessIncomeSumm,
    incomePrepaid: row.prepaidIncomeSumm,
    incomeCredit: row.creditIncomeSumm,
    refundsCash: row.refundCashIncomeSumm,
    refundsCashless: row.refundCashlessIncomeSumm,
    refundsPrepaid: row.refundPrepaidIncomeSumm,
    refundsCredit: row.refundCreditIncomeSumm,
    receipts: row.incomeCount,
    refundReceipts: row.refundIncomecount,
  };
}

/** Per-shift figures, dated by the shift's opening day (a shift may close after midnight). */
export interface ShiftTurnover {
  rnm: string;
  shiftNumber: number;
  openedAt: string;
  closedAt?: string;
  income: bigint;
  refunds: bigint;
  incomeCash: bigint;
  incomeCashless: bigint;
  incomePrepaid: bigint;
  incomeCredit: bigint;
  vat: bigint;
  receipts: number;
  refundReceipts: number;
}

export function toShiftTurnover(s: RentaShift): ShiftTurnover {
  return {
    rnm: s.KktRegNumber,
    shiftNumber: s.ShiftNumber,
    openedAt: s.Open_DocDateTime,
    closedAt: s.Close_DocDateTime ?? undefined,
    income: s.IncomeSumm,
    refunds: s.RefundIncomeSumm,
    incomeCash: s.IncomeCashSumm,
    incomeCashless: s.IncomeECashSumm,
    incomePrepaid: s.AdvanceSumm,
    incomeCredit: s.CreditSumm,
    vat: s.TaxTotalSumm,
    receipts: s.IncomeCount,
    refundReceipts: s.RefundIncomeCount,
  };
}

export interface Cabinet {
  id: string;
  inn: string;
  kpp: string;
  name: string;
  status: "test" | "commercial" | "other";
  createdAt: string;
  /** The period the cabinet may read, as calendar days. */
  activeFrom?: string;
  activeTo?: string;
  activeKkts: number;
  activeTenants: number;
  awaitingConsents: number;
}

export function toCabinet(c: RentaCabinet): Cabinet {
  return {
    id: c.Id,
    inn: c.Inn,
    kpp: c.Kpp,
    name: c.Name,
    status: c.Status === "Test" ? "test" : c.Status === "Commercial" ? "commercial" : "other",
    createdAt: c.CreateDate,
    activeFrom: c.DateFrom?.slice(0, 10),
    activeTo: c.DateTo?.slice(0, 10),
    activeKkts: c.ActiveKktCount,
    activeTenants: c.ActiveRenterCount,
    awaitingConsents: c.AwaitingRequestCount,
  };
}

export interface Tenant {
  inn: string;
  /** Sole traders have none. */
  kpp?: string;
  name: string;
  kktRegistered: number;
  kktOnline: number;
}

export function toTenant(e: RentaLegalEntity): Tenant {
  return { inn: e.UserInn, kpp: e.UserKpp, name: e.UserName, kktRegistered: e.KktRegistered, kktOnline: e.KktOnline };
}

export interface CashRegister {
  rnm: string;
  factoryNumber: string;
  fiscalDriveNumber: string;
  tenantInn: string;
  tenantKpp?: string;
  tenantName: string;
  /** Consent period as the service gives it (Moscow wall-clock). */
  consentFrom: string;
  consentTo: string;
  address?: string;
  place?: string;
  availableReports: string[];
}

export function toCashRegister(k: RentaKkt): CashRegister {
  return {
    rnm: k.Rnm,
    factoryNumber: k.KktSerialNumber,
    fiscalDriveNumber: k.FnNumber,
    tenantInn: k.UserInn,
    tenantKpp: k.UserKpp,
    tenantName: k.UserName,
    consentFrom: k.DateFrom,
    consentTo: k.DateTo,
    address: k.KktAddress,
    place: k.KktPlace,
    availableReports: k.AvailableReports,
  };
}

/** Whether the consent covers the whole calendar day (consents are granted by day). */
export function consentCoversDay(r: Pick<CashRegister, "consentFrom" | "consentTo">, day: string): boolean {
  return r.consentFrom.slice(0, 10) <= day && day <= r.consentTo.slice(0, 10);
}

export interface StoreCategory {
  /** e.g. "Вид деятельности" */
  name: string;
  categoryId: string;
  values: { id: string; value: string }[];
}

export interface Store {
  storeId: string;
  name: string;
  brand?: string;
  updatedAt?: string;
  categories: StoreCategory[];
  rnms: string[];
  tenantInn: string;
}

/** Stores from kkt-full-data rows, one per storeId, with the registers seen in it. */
export function toStores(rows: readonly RentaFullData[]): Store[] {
  const byId = new Map<string, Store>();
  for (const row of rows) {
    const s = row.storeInfo;
    if (!s) continue;
    let store = byId.get(s.storeId);
    if (!store) {
      store = {
        storeId: s.storeId,
        name: s.storeName,
        brand: s.brand,
        updatedAt: s.uDate ?? undefined,
        categories: s.categories.map((c) => ({ name: c.categoryName, categoryId: c.categoryId, values: c.categoryValues.map((v) => ({ id: v.Id, value: v.Value })) })),
        rnms: [],
        tenantInn: row.inn,
      };
      byId.set(s.storeId, store);
    }
    if (!store.rnms.includes(row.rnm)) store.rnms.push(row.rnm);
  }
  return [...byId.values()];
}

// ---------- request planning ----------

export interface FullDataRequest {
  day: string;
  rnms: string[];
}

export interface PlanOptions {
  /** Length of the URL without any Rnms parameter; default: the official host with a token and a cabinet. */
  baseLength?: number;
  /** Only registers whose consent covers the day are asked for (others would be refused). */
  covers?: (rnm: string, day: string) => boolean;
}

const DEFAULT_BASE_LENGTH = fullDataUrl("https://lk.ofd.ru", {
  from: "2000-01-01",
  to: "2000-01-01",
  rnms: [],
  token: "0".repeat(32),
  cabinet: { inn: "000000000000", kpp: "000000000" },
}).length;

/** One-day kkt-full-data requests carrying as many registers per URL as fit: the fewest requests. */
export function planFullDataRequests(rnms: readonly string[], days: readonly string[], maxUrlLength: number, opts: PlanOptions = {}): FullDataRequest[] {
  const base = opts.baseLength ?? DEFAULT_BASE_LENGTH;
  const out: FullDataRequest[] = [];
  for (const day of days) {
    const wanted = opts.covers ? rnms.filter((r) => opts.covers!(r, day)) : [...rnms];
    if (wanted.length === 0) continue;
    const chunks = chunkByUrlLength(wanted, base, maxUrlLength);
    if (!chunks) throw new RangeError(`a register number does not fit a URL of ${maxUrlLength} characters`);
    for (const c of chunks) out.push({ day, rnms: c });
  }
  return out;
}

/**
 * The least number of one-day requests that can carry these registers: exact when all numbers have
 * the same length (RNMs are 16 digits), a lower bound otherwise.
 */
export function minimumRequests(rnms: readonly string[], days: readonly string[], maxUrlLength: number, opts: PlanOptions = {}): number {
  const room = maxUrlLength - (opts.baseLength ?? DEFAULT_BASE_LENGTH);
  let total = 0;
  for (const day of days) {
    const wanted = opts.covers ? rnms.filter((r) => opts.covers!(r, day)) : rnms;
    if (wanted.length === 0) continue;
    const costs = wanted.map(rnmCost);
    const widest = Math.max(...costs);
    if (widest > room) throw new RangeError(`a register number does not fit a URL of ${maxUrlLength} characters`);
    const uniform = costs.every((c) => c === widest);
    total += uniform ? Math.ceil(wanted.length / Math.floor(room / widest)) : Math.ceil(costs.reduce((a, b) => a + b, 0) / room);
  }
  return total;
}
