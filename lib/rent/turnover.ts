import { roundDiv } from "@/lib/money";
import { fromDay, intersect, periodBounds, toDay } from "./calendar";
import type { ContractInput, DayTurnover, Flag, KktMonth, KktTurnover, PaymentForm, Terms } from "./types";

const FORMS: readonly PaymentForm[] = ["cash", "cashless", "prepaid", "credit"];
const zeroForms = (): Record<PaymentForm, bigint> => ({ cash: 0n, cashless: 0n, prepaid: 0n, credit: 0n });
const sumForms = (f: Record<PaymentForm, bigint>, forms: PaymentForm[]) => forms.reduce((s, k) => s + (f[k] ?? 0n), 0n);

/** Days of the period each assigned register counts for: period ∩ contract term ∩ assignment. */
export function countedDays(contract: ContractInput, period: string): Map<string, { rnm: string; days: Set<number> }> {
  const { first, last } = periodBounds(period);
  const term = intersect(toDay(contract.start), toDay(contract.end), first, last);
  const out = new Map<string, { rnm: string; days: Set<number> }>();
  if (!term) return out;
  for (const k of contract.kkts) {
    const w = intersect(toDay(k.from ?? contract.start), toDay(k.to ?? contract.end), term.from, term.to);
    const entry = out.get(k.kktId) ?? { rnm: k.rnm, days: new Set<number>() };
    if (w) for (let d = w.from; d <= w.to; d++) entry.days.add(d);
    out.set(k.kktId, entry);
  }
  return out;
}

/** A set of days of a period as a KktMonth day mask: bit i ⇔ the period's first day + i. */
export function dayMask(days: Iterable<number>, period: string): number {
  const { first } = periodBounds(period);
  let mask = 0;
  for (const d of days) mask |= 1 << (d - first);
  return mask;
}

/** An empty aggregate: no day present, every sum 0. */
export function emptyKktMonth(kktId: string): KktMonth {
  return {
    kktId,
    presentDays: 0,
    income: 0n,
    refunds: 0n,
    incomeVat: 0n,
    refundsVatGiven: 0n,
    refundVatMissing: false,
    formsMissingIncome: false,
    formsMissingRefunds: false,
    incomeByForm: zeroForms(),
    refundsByForm: zeroForms(),
    enteredDays: 0,
    reportedDays: 0,
  };
}

/**
 * Per-day rows → one aggregate per register of the contract, over the days it counts for (countedDays);
 * rows of other registers or outside those days are left out, as computeMonth always did. A (register,
 * day) given twice counts twice in the sums, once in presentDays — again as before.
 */
export function aggregateDays(contract: ContractInput, period: string, rows: DayTurnover[]): KktMonth[] {
  const { first } = periodBounds(period);
  const windows = countedDays(contract, period);
  const out = new Map<string, KktMonth>();
  for (const r of rows) {
    const w = windows.get(r.kktId);
    if (!w) continue;
    const day = toDay(r.day);
    if (!w.days.has(day)) continue;
    let a = out.get(r.kktId);
    if (!a) out.set(r.kktId, (a = emptyKktMonth(r.kktId)));
    a.presentDays |= 1 << (day - first);
    if (r.source === "manual") a.enteredDays |= 1 << (day - first);
    else if (r.source === "tenant-reported") a.reportedDays |= 1 << (day - first);
    a.income += r.income;
    a.refunds += r.refunds;
    a.incomeVat += r.incomeVat ?? 0n;
    if (r.refundsVat === undefined) {
      if (r.refunds !== 0n) a.refundVatMissing = true;
    } else a.refundsVatGiven += r.refundsVat;
    if (r.incomeByForm) for (const f of FORMS) a.incomeByForm[f] += r.incomeByForm[f] ?? 0n;
    else if (r.income !== 0n) a.formsMissingIncome = true;
    if (r.refundsByForm) for (const f of FORMS) a.refundsByForm[f] += r.refundsByForm[f] ?? 0n;
    else if (r.refunds !== 0n) a.formsMissingRefunds = true;
  }
  return [...out.values()];
}

/** The days of a bitmask over the period (bit i = the period's first day + i), in order. */
function daysOf(mask: number, first: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 31; i++) if (mask & (1 << i)) out.push(fromDay(first + i));
  return out;
}

/**
 * Turnover per register over its counted days, on the contract's basis, from per-day rows (see
 * registerTurnoverFromAggregates, which this is).
 */
export function registerTurnover(contract: ContractInput, terms: Terms, period: string, rows: DayTurnover[]): { perKkt: KktTurnover[]; flags: Flag[] } {
  return registerTurnoverFromAggregates(contract, terms, period, aggregateDays(contract, period, rows));
}

/**
 * Turnover per register over its counted days, on the contract's basis. Each register's figures are
 * what the statement shows; T is their sum. Where refunds carry no VAT, it is derived per register
 * and period as round(refunds × incomeVAT ÷ income), and flagged.
 *
 * `months`: at most one aggregate per register, over the days it counts for (countedDays); a register
 * without one has no day present. An aggregate with a day present outside them is an error (the
 * aggregates were made for other assignments or contract dates).
 */
export function registerTurnoverFromAggregates(contract: ContractInput, terms: Terms, period: string, months: KktMonth[]): { perKkt: KktTurnover[]; flags: Flag[] } {
  const { first } = periodBounds(period);
  const windows = countedDays(contract, period);
  const excludedForms = terms.excludedForms ?? [];
  const net = terms.basis.refunds === "net";
  const vatExcluded = terms.basis.vat === "excluded";
  const byKkt = new Map<string, KktMonth>();
  for (const m of months) {
    if (byKkt.has(m.kktId)) throw new RangeError(`two turnover aggregates for register ${m.kktId}`);
    const w = windows.get(m.kktId);
    const allowed = w ? dayMask(w.days, period) : 0;
    if ((m.presentDays & ~allowed) !== 0) throw new RangeError(`turnover of register ${m.kktId} on days it does not count for`);
    byKkt.set(m.kktId, m);
  }
  const perKkt: KktTurnover[] = [];
  const flags: Flag[] = [];
  for (const [kktId, w] of [...windows].sort(([, a], [, b]) => a.rnm.localeCompare(b.rnm))) {
    if (w.days.size === 0) continue;
    const m = byKkt.get(kktId) ?? emptyKktMonth(kktId);
    const missing = [...w.days].filter((d) => (m.presentDays & (1 << (d - first))) === 0).sort((a, b) => a - b);
    if (missing.length) flags.push({ code: "missing_days", kktId, rnm: w.rnm, days: missing.map(fromDay) });

    const { income, refunds, incomeVat } = m;
    let exclIncome = 0n, exclRefunds = 0n;
    const formsMissing = excludedForms.length > 0 && (m.formsMissingIncome || m.formsMissingRefunds);
    if (excludedForms.length) {
      exclIncome = sumForms(m.incomeByForm, excludedForms);
      exclRefunds = sumForms(m.refundsByForm, excludedForms);
    }
    let refundsVat = m.refundsVatGiven;
    if (m.refundVatMissing) {
      refundsVat = income === 0n ? 0n : roundDiv(refunds * incomeVat, income);
      if (vatExcluded) flags.push({ code: "refund_vat_derived", kktId, rnm: w.rnm });
    }
    if (formsMissing) flags.push({ code: "form_breakdown_missing", kktId, rnm: w.rnm });
    // Figures no provider gave: a person's entry, or the tenant's own report (unverified), day by day.
    if (m.enteredDays) flags.push({ code: "entered_days", kktId, rnm: w.rnm, days: daysOf(m.enteredDays, first) });
    if (m.reportedDays) flags.push({ code: "tenant_reported_days", kktId, rnm: w.rnm, days: daysOf(m.reportedDays, first) });

    const incomeC = income - exclIncome;
    const refundsC = refunds - exclRefunds;
    // The VAT of an excluded payment form is its share of the register's VAT.
    const incomeVatC = exclIncome === 0n || income === 0n ? incomeVat : roundDiv(incomeVat * incomeC, income);
    const refundsVatC = exclRefunds === 0n || refunds === 0n ? refundsVat : roundDiv(refundsVat * refundsC, refunds);
    let counted = net ? incomeC - refundsC : incomeC;
    if (vatExcluded) counted -= net ? incomeVatC - refundsVatC : incomeVatC;
    perKkt.push({
      kktId,
      rnm: w.rnm,
      days: w.days.size,
      income,
      refunds,
      incomeVat: incomeVatC,
      refundsVat: refundsVatC,
      excluded: net ? exclIncome - exclRefunds : exclIncome,
      counted,
    });
  }
  return { perKkt, flags };
}
