/**
 * Simulator data → the document's payload shapes, field for field, including the spellings the
 * document's examples use (KktRergistered, KktAdress, kktRegNumber, CorrrectionCount) and its units
 * (kopecks everywhere except kkt-full-data, which is in roubles).
 */
import { dayFromNumber } from "../dates";
import type { Dataset, SimCabinet, SimKkt, SimTenant } from "./dataset";
import { flowCount, flowTotal, shiftSegments, type Segment, type Totals } from "./figures";
import { RawNumber, Rub } from "./json-writer";
import { hash32, uuidFor } from "./prng";
import { receiptItems, shiftNumbers, type SimReceipt } from "./receipts";

/** Which spelling of a variant field to write: the example's, the table's, or a stable mix of both. */
export type Spelling = "example" | "table" | "mixed";

function name(spelling: Spelling, key: string | number, example: string, table: string): string {
  if (spelling === "example") return example;
  if (spelling === "table") return table;
  return hash32("spelling", key) % 2 === 0 ? example : table;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Local date-time of a minute offset from a day's midnight, plus a few stable seconds. */
function at(day: number, minute: number, second = 0): string {
  const d = day + Math.floor(minute / 1440);
  const m = minute % 1440;
  return `${dayFromNumber(d)}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:${pad(second)}`;
}

function minusHours(local: string, hours: number): string {
  const t = Date.parse(local + "Z") - hours * 3600_000;
  return new Date(t).toISOString().slice(0, 19);
}

export function consentActive(k: SimKkt, day: string): boolean {
  return k.consentFrom <= day && day <= k.consentTo;
}

export function cabinetPayload(ds: Dataset, c: SimCabinet, today: string) {
  const kkts = ds.kkts.filter((k) => k.cabinet === c.index && consentActive(k, today));
  return {
    Id: c.id,
    Inn: c.inn,
    Kpp: c.kpp,
    Name: c.name,
    CreateDate: c.createDate,
    Status: c.status,
    DateFrom: `${c.paidFrom}T00:00:00`,
    DateTo: `${c.paidTo}T00:00:00`,
    ActiveKktCount: kkts.length,
    ActiveRenterCount: new Set(kkts.map((k) => k.tenant)).size,
    AwaitingRequestCount: hash32(ds.options.seed, "awaiting", c.index) % 4,
  };
}

export function legalEntityPayload(ds: Dataset, t: SimTenant, spelling: Spelling, today: string) {
  const online = t.kkts.filter((i) => consentActive(ds.kkts[i], today)).length;
  return {
    UserInn: t.inn,
    UserKpp: t.kpp ?? "",
    UserName: t.name,
    [name(spelling, t.inn, "KktRergistered", "KktRegistered")]: t.kkts.length,
    KktOnline: online,
  };
}

export function kktPayload(ds: Dataset, k: SimKkt, spelling: Spelling) {
  const t = ds.tenants[k.tenant];
  return {
    UserInn: t.inn,
    UserKpp: t.kpp ?? "",
    UserName: t.name,
    [name(spelling, k.rnm, "KktAdress", "KktAddress")]: ds.cabinets[k.cabinet].address,
    KktPlace: k.place,
    KktSerialNumber: k.factoryNumber,
    KktRegNumber: k.rnm,
    FnNumber: k.fnNumber,
    Rnm: k.rnm,
    DateFrom: `${k.consentFrom}T00:00:00`,
    DateTo: `${k.consentTo}T23:59:00`,
    AvailableReports: k.reports,
  };
}

export function fullDataPayload(ds: Dataset, k: SimKkt, t: Totals) {
  const tenant = ds.tenants[k.tenant];
  const cat = tenant.category;
  const income = t.income[0] + t.income[1] + t.income[2] + t.income[3];
  const refunds = t.refund[0] + t.refund[1] + t.refund[2] + t.refund[3];
  const incomeCount = t.incomeCounts.reduce((a, b) => a + b, 0);
  const h = hash32(ds.options.seed, "fd", k.index, incomeCount);
  const s = tenant.store;
  return {
    name: tenant.name,
    inn: tenant.inn,
    rnm: k.rnm,
    zn: k.factoryNumber,
    incomeSumm: new Rub(income),
    incomeCount,
    cashlessIncomeCount: t.incomeCounts[1],
    cashIncomeCount: t.incomeCounts[0],
    prepaidIncomeCount: t.incomeCounts[2],
    creditIncomeCount: t.incomeCounts[3],
    corIncomeCount: 0,
    cashIncomeSumm: new Rub(t.income[0]),
    cashlessIncomeSumm: new Rub(t.income[1]),
    prepaidIncomeSumm: new Rub(t.income[2]),
    creditIncomeSumm: new Rub(t.income[3]),
    refundIncomeSumm: new Rub(refunds),
    refundIncomecount: t.refundCounts.reduce((a, b) => a + b, 0),
    correRundIncomecount: 0,
    refundCashIncomeSumm: new Rub(t.refund[0]),
    refundCashlessIncomeSumm: new Rub(t.refund[1]),
    refundPrepaidIncomeSumm: new Rub(t.refund[2]),
    refundCreditIncomeSumm: new Rub(t.refund[3]),
    nds20: new Rub(t.vatBasic),
    nds10: new Rub(t.vatReduced),
    nds00: 0,
    ndsNot: new Rub(t.noVatIncome),
    nds20_120: 0,
    nds10_110: 0,
    ndsAll: new Rub(t.vatBasic + t.vatReduced),
    expenseSumm: 0,
    refundExpenseSumm: 0,
    storeInfo: {
      storeId: s.id,
      storeName: s.name,
      brand: s.brand,
      uDate: s.updated,
      categories: s.categories.map((c) => ({ categoryId: c.id, categoryName: c.name, categoryValues: c.values.map((v) => ({ Id: v.id, Value: v.value })) })),
    },
    restrInfo:
      cat.key === "restaurant"
        ? {
            restrCode: `4111${String(k.index).padStart(5, "0")}`,
            orderDiffSumm: new Rub((income * 3n) / 100n),
            preorderSumm: new Rub((income * 82n) / 100n),
            deletedSumm: new Rub((income * BigInt(h % 5)) / 1000n),
            discountedSumm: new Rub((income * 29n) / 1000n),
            cancelledSumm: 0,
            ordersNdsSumm: 0,
            preorderCount: Math.floor((incomeCount * 79) / 100),
          }
        : undefined,
    uniqueItemsCount: Math.floor((incomeCount * 76) / 100),
    itemsQtySumm: new RawNumber(`${incomeCount * 5 + (h % 97)}.${pad(h % 100)}`),
  };
}

/** One shift (both parts when it runs past midnight); open (no closing fields) until it closes. */
export function shiftPayload(ds: Dataset, kkt: number, shiftDay: number, nowLocal: string) {
  const k = ds.kkts[kkt];
  const t = ds.tenants[k.tenant];
  const segs: Segment[] = shiftSegments(ds, kkt, shiftDay);
  const sum = (f: (s: Segment) => bigint) => segs.reduce((a, s) => a + f(s), 0n);
  const cnt = (f: (s: Segment) => number) => segs.reduce((a, s) => a + f(s), 0);
  const { shiftNumber, openDocNumber } = shiftNumbers(ds, kkt, shiftDay);
  const docs = cnt((s) => flowCount(s.income) + flowCount(s.refund));
  const open = at(shiftDay, k.openMinute, hash32("os", kkt, shiftDay) % 60);
  const close = at(shiftDay, k.closeMinute, hash32("cs", kkt, shiftDay) % 60);
  const closed = close <= nowLocal;
  const vatBy = (pred: (r: number) => boolean) => sum((s) => (pred(s.vatRate) ? s.incomeVat : 0n));
  return {
    Id: uuidFor(ds.options.seed, "shift-close", kkt, shiftDay),
    Open_CDateUtc: minusHours(open, 3),
    Close_CDateUtc: closed ? minusHours(close, 3) : null,
    UserInn: t.inn,
    KktRegNumber: k.rnm,
    FnNumber: k.fnNumber,
    ShiftNumber: shiftNumber,
    Operator: k.operators[hash32("op", kkt, shiftDay) % k.operators.length],
    Open_DocNumber: openDocNumber,
    Open_DocDateTime: open,
    Open_DocRawId: uuidFor(ds.options.seed, "shift-open", kkt, shiftDay),
    Close_DocNumber: closed ? openDocNumber + docs + 1 : null,
    Close_DocDateTime: closed ? close : null,
    Close_DocRawId: closed ? uuidFor(ds.options.seed, "shift-close", kkt, shiftDay) : null,
    IncomeSumm: sum((s) => flowTotal(s.income)),
    IncomeCashSumm: sum((s) => s.income.amounts[0]),
    IncomeECashSumm: sum((s) => s.income.amounts[1]),
    AdvanceSumm: sum((s) => s.income.amounts[2]),
    CreditSumm: sum((s) => s.income.amounts[3]),
    ExchangeSumm: 0n,
    IncomeCount: cnt((s) => flowCount(s.income)),
    IncomeCountCash: cnt((s) => s.income.counts[0]),
    IncomeCountECash: cnt((s) => s.income.counts[1]),
    IncomeCountCredit: cnt((s) => s.income.counts[3]),
    IncomeCountPrepaid: cnt((s) => s.income.counts[2]),
    RefundIncomeSumm: sum((s) => flowTotal(s.refund)),
    RefundIncomeCashSumm: sum((s) => s.refund.amounts[0]),
    RefundAdvanceSumm: sum((s) => s.refund.amounts[2]),
    RefundCreditSumm: sum((s) => s.refund.amounts[3]),
    RefundExchangeSumm: 0n,
    RefundIncomeCount: cnt((s) => flowCount(s.refund)),
    ExpenseSumm: 0n,
    ExpenseCount: 0,
    RefundExpenseSumm: 0n,
    RefundExpenseCount: 0,
    TaxTotalSumm: sum((s) => s.incomeVat),
    Tax10Summ: vatBy((r) => r === 10),
    Tax18Summ: vatBy((r) => r === 20 || r === 22),
    Tax110Summ: 0n,
    Tax118Summ: 0n,
    TaxNaSumm: sum((s) => (s.vatRate === 0 ? flowTotal(s.income) : 0n)),
    Tax0Summ: 0n,
    CorrrectionCount: 0,
    PaymentPlace: ds.tenants[k.tenant].store.name,
  };
}

function receiptCommon(ds: Dataset, rc: SimReceipt) {
  const k = ds.kkts[rc.kkt];
  const form = (f: number) => (rc.form === f ? rc.total : 0n);
  return {
    k,
    sums: {
      TotalSumm: rc.total,
      CashSumm: form(0),
      ECashSumm: form(1),
      CreditSumm: form(3),
      PrepaidSumm: form(2),
      TaxTotalSumm: rc.vat,
      Tax10Summ: rc.vatRate === 10 ? rc.vat : 0n,
      Tax18Summ: rc.vatRate === 20 || rc.vatRate === 22 ? rc.vat : 0n,
    },
  };
}

export function receiptPayload(ds: Dataset, rc: SimReceipt) {
  const { k, sums } = receiptCommon(ds, rc);
  return {
    Id: rc.id,
    IsCorrection: false,
    CDateUtc: rc.receivedUtc,
    Tag: 3,
    IsBso: false,
    OperationType: rc.operation,
    UserInn: ds.tenants[k.tenant].inn,
    KktAddress: ds.cabinets[k.cabinet].address,
    SerialNumber: k.factoryNumber,
    KktRegNumber: k.rnm,
    FnNumber: k.fnNumber,
    DocNumber: rc.docNumber,
    DocDateTime: rc.docDateTime,
    DocShiftNumber: rc.shiftNumber,
    ReceiptNumber: rc.receiptNumber,
    ...sums,
    Tax110Summ: 0n,
    Tax118Summ: 0n,
    Tax0Summ: 0n,
    TaxNaSumm: rc.vatRate === 0 ? rc.total : 0n,
    Depth: Math.min(rc.depth, Number(rc.total)) || 1,
  };
}

export function receiptDetailPayload(ds: Dataset, rc: SimReceipt, spelling: Spelling) {
  const { k, sums } = receiptCommon(ds, rc);
  const t = ds.tenants[k.tenant];
  return {
    Id: rc.id,
    IsCorrection: false,
    IsBso: false,
    OperationType: rc.operation,
    UserInn: t.inn,
    UserName: t.name,
    KktAddress: ds.cabinets[k.cabinet].address,
    SerialNumber: k.factoryNumber,
    [name(spelling, rc.id, "kktRegNumber", "KktRegNumber")]: k.rnm,
    FnNumber: k.fnNumber,
    Items: receiptItems(ds, rc).map((it) => ({
      Name: it.name,
      CustomName: it.name,
      Price: it.price,
      NomenFullName: `${it.name} (${t.store.brand})`,
      NomenSerialNumber: it.nomenCode,
      Quantity: it.quantity,
      Total: it.total,
      CalculationMethod: it.calculationMethod,
      SubjectType: it.subjectType,
      NDS_Rate: it.vatRateCode,
      NDS_Summ: it.vat,
    })),
    DocDateTime: rc.docDateTime,
    ...sums,
    Tax110Summ: 0n,
    Tax118Summ: 0n,
    TaxNaSumm: rc.vatRate === 0 ? rc.total : 0n,
    Tax0Summ: 0n,
  };
}
