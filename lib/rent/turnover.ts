import { roundDiv } from "@/lib/money";
import { fromDay, intersect, periodBounds, toDay } from "./calendar";
import type { ByForm, ContractInput, DayTurnover, Flag, KktTurnover, PaymentForm, Terms } from "./types";

const sumForms = (f: ByForm | undefined, forms: PaymentForm[]) => forms.reduce((s, k) => s + (f?.[k] ?? 0n), 0n);

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

/**
 * Turnover per register over its counted days, on the contract's basis. Each register's figures are
 * what the statement shows; T is their sum. Where refunds carry no VAT, it is derived per register
 * and period as round(refunds × incomeVAT ÷ income), and flagged.
 */
export function registerTurnover(contract: ContractInput, terms: Terms, period: string, rows: DayTurnover[]): { perKkt: KktTurnover[]; flags: Flag[] } {
  const windows = countedDays(contract, period);
  const excludedForms = terms.excludedForms ?? [];
  const net = terms.basis.refunds === "net";
  const vatExcluded = terms.basis.vat === "excluded";
  const byKkt = new Map<string, DayTurnover[]>();
  for (const r of rows) {
    const w = windows.get(r.kktId);
    if (!w || !w.days.has(toDay(r.day))) continue;
    (byKkt.get(r.kktId) ?? byKkt.set(r.kktId, []).get(r.kktId)!).push(r);
  }
  const perKkt: KktTurnover[] = [];
  const flags: Flag[] = [];
  for (const [kktId, w] of [...windows].sort(([, a], [, b]) => a.rnm.localeCompare(b.rnm))) {
    if (w.days.size === 0) continue;
    const rs = byKkt.get(kktId) ?? [];
    const seen = new Set(rs.map((r) => toDay(r.day)));
    const missing = [...w.days].filter((d) => !seen.has(d)).sort((a, b) => a - b);
    if (missing.length) flags.push({ code: "missing_days", kktId, rnm: w.rnm, days: missing.map(fromDay) });

    let income = 0n, refunds = 0n, incomeVat = 0n, refundsVatGiven = 0n, exclIncome = 0n, exclRefunds = 0n;
    let refundVatMissing = false, formsMissing = false;
    for (const r of rs) {
      income += r.income;
      refunds += r.refunds;
      incomeVat += r.incomeVat ?? 0n;
      if (r.refunds !== 0n && r.refundsVat === undefined) refundVatMissing = true;
      refundsVatGiven += r.refundsVat ?? 0n;
      if (excludedForms.length) {
        if ((r.income !== 0n && !r.incomeByForm) || (r.refunds !== 0n && !r.refundsByForm)) formsMissing = true;
        exclIncome += sumForms(r.incomeByForm, excludedForms);
        exclRefunds += sumForms(r.refundsByForm, excludedForms);
      }
    }
    let refundsVat = refundsVatGiven;
    if (refundVatMissing) {
      refundsVat = income === 0n ? 0n : roundDiv(refunds * incomeVat, income);
      if (vatExcluded) flags.push({ code: "refund_vat_derived", kktId, rnm: w.rnm });
    }
    if (formsMissing) flags.push({ code: "form_breakdown_missing", kktId, rnm: w.rnm });

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
