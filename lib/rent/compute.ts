import { parseDecimal, roundDiv } from "@/lib/money";
import { activeDays, daysInMonth, periodBounds, toDay } from "./calendar";
import { assertRate, fmt, percentOf, scale } from "./exact";
import { indexationDates, indexedBase, monthlyBase } from "./base-rent";
import { clamp, tieredPercentage } from "./percentage";
import { aggregateDays, registerTurnoverFromAggregates } from "./turnover";
import type { Adjustment, ContractInput, DayTurnover, KktMonth, Line, Statement, Terms } from "./types";

/**
 * The terms version in force for a month: the latest one effective on or before the month's first
 * active day. An amendment taking effect mid-month applies from the next month, as leases bill a
 * month on one set of terms.
 */
export function termsFor(contract: ContractInput, period: string): Terms {
  const { first } = periodBounds(period);
  const firstActive = Math.max(first, toDay(contract.start));
  const eligible = contract.terms.filter((t) => toDay(t.effectiveFrom) <= firstActive).sort((a, b) => toDay(b.effectiveFrom) - toDay(a.effectiveFrom));
  const chosen = eligible[0] ?? [...contract.terms].sort((a, b) => toDay(a.effectiveFrom) - toDay(b.effectiveFrom))[0];
  if (!chosen) throw new RangeError("the contract has no rent terms");
  return chosen;
}

export function validateTerms(t: Terms): void {
  if (t.tiers.length === 0 && t.mode !== "base_plus_percentage") throw new RangeError("at least one tier is needed");
  for (const tier of t.tiers) assertRate(tier.rate, "a tier rate");
  if (t.tiers.length && t.tiers.reduce((m, x) => (x.from < m ? x.from : m), t.tiers[0].from) !== 0n) throw new RangeError("the first tier must start at 0");
  if (t.vatOnRent !== null) assertRate(t.vatOnRent, "the VAT rate");
  if (t.pctFloor !== undefined && t.pctCap !== undefined && t.pctFloor > t.pctCap) throw new RangeError("the floor is above the cap");
}

/** Compute one contract's rent for one calendar month from per-day turnover rows, every shown amount rounded once. */
export function computeMonth(contract: ContractInput, period: string, rows: DayTurnover[], adjustments: Adjustment[] = []): Statement {
  return computeMonthFromAggregates(contract, period, aggregateDays(contract, period, rows), adjustments);
}

/**
 * computeMonth from each register's month already aggregated over its counted days (at most one
 * KktMonth per register; see KktMonth and aggregateDays): the same statement as computeMonth given the
 * days the aggregates were made of.
 */
export function computeMonthFromAggregates(contract: ContractInput, period: string, kktMonths: KktMonth[], adjustments: Adjustment[] = []): Statement {
  const dim = daysInMonth(period);
  const active = activeDays(contract.start, contract.end, period);
  if (active === 0) throw new RangeError(`the contract is not active in ${period}`);
  const terms = termsFor(contract, period);
  validateTerms(terms);
  const f = { num: BigInt(active), den: BigInt(dim) };
  const prorate = (x: bigint) => scale(x, f.num, f.den);
  const full = active === dim;
  const lines: Line[] = [];
  const line = (key: string, label: string, labelRu: string, amount: bigint | undefined, formula: string) => lines.push({ key, label, labelRu, amount, formula });

  // Turnover
  const { perKkt, flags } = registerTurnoverFromAggregates(contract, terms, period, kktMonths);
  for (const k of perKkt) {
    line(`turnover.${k.rnm}`, `Turnover, register ${k.rnm}`, `Оборот, ККТ ${k.rnm}`, k.counted,
      `${terms.basis.refunds === "net" ? `income ${fmt(k.income)} − refunds ${fmt(k.refunds)}` : `income ${fmt(k.income)}`}` +
        `${terms.basis.vat === "excluded" ? ` − VAT ${terms.basis.refunds === "net" ? `(${fmt(k.incomeVat)} − ${fmt(k.refundsVat)})` : fmt(k.incomeVat)}` : ""}` +
        `${k.excluded !== 0n ? ` − excluded forms ${fmt(k.excluded)}` : ""} over ${k.days} day(s)`);
  }
  for (const [i, a] of adjustments.entries()) line(`adjustment.${i + 1}`, `Adjustment: ${a.reason} (${a.author})`, `Корректировка: ${a.reason} (${a.author})`, a.amount, "manual");
  const turnover = perKkt.reduce((s, k) => s + k.counted, 0n) + adjustments.reduce((s, a) => s + a.amount, 0n);
  line("turnover", "Turnover counted (T)", "Учитываемый оборот (T)", turnover, "sum of the lines above");

  // Base rent
  const base0 = monthlyBase(terms, contract.areaM2);
  let B = base0.value;
  line("base.monthly", "Monthly base rent", "Базовая арендная плата в месяц", B, base0.formula);
  if (terms.indexation) {
    const dates = indexationDates(contract.start, terms.effectiveFrom, terms.indexation.on, periodBounds(period).last);
    const idx = indexedBase(B, terms.indexation.percent, dates.length);
    idx.steps.forEach((v, i) => line(`base.indexed.${dates[i]}`, `Indexed on ${dates[i]} by ${terms.indexation!.percent} %`, `Индексация ${dates[i]} на ${terms.indexation!.percent} %`, v, `round(previous × (1 + ${terms.indexation!.percent}/100)) = ${fmt(v)}`));
    B = idx.value;
  }
  const Bf = prorate(B);
  if (!full) line("base.prorated", `Base rent for ${active} of ${dim} days`, `Базовая плата за ${active} из ${dim} дн.`, Bf, `round(${fmt(B)} × ${active} / ${dim})`);

  // Percentage rent
  const tiers = terms.tiers.map((t) => ({ from: prorate(t.from), rate: t.rate }));
  let breakpoint = 0n;
  if (terms.mode === "base_plus_overage") {
    if (terms.breakpoint === undefined || terms.breakpoint === "natural") {
      const r0 = parseDecimal([...terms.tiers].sort((a, b) => (a.from < b.from ? -1 : 1))[0].rate);
      if (r0.num === 0n) throw new RangeError("a natural breakpoint needs a first-tier rate above 0");
      const natural = roundDiv(B * 100n * r0.den, r0.num);
      breakpoint = prorate(natural);
      line("breakpoint", "Natural breakpoint", "Естественная точка безубыточности", breakpoint, `round(${fmt(B)} ÷ (${terms.tiers[0].rate}/100)) = ${fmt(natural)}${full ? "" : `, × ${active}/${dim}`}`);
    } else {
      breakpoint = prorate(terms.breakpoint);
      line("breakpoint", "Breakpoint", "Точка безубыточности", breakpoint, full ? "contract" : `round(${fmt(terms.breakpoint)} × ${active} / ${dim})`);
    }
  }
  const tierLines = tieredPercentage(turnover, tiers, breakpoint);
  for (const t of tierLines) {
    line(`pct.tier.${fmt(t.from)}`, `${t.rate} % of turnover from ${fmt(t.from)}${t.to !== null ? ` to ${fmt(t.to)}` : ""}`, `${t.rate} % оборота от ${fmt(t.from)}${t.to !== null ? ` до ${fmt(t.to)}` : ""}`, t.amount, `round(${t.rate}/100 × ${fmt(t.base)})`);
  }
  const pctRaw = tierLines.reduce((s, t) => s + t.amount, 0n);
  const floor = terms.pctFloor !== undefined ? prorate(terms.pctFloor) : undefined;
  const cap = terms.pctCap !== undefined ? prorate(terms.pctCap) : undefined;
  const pct = clamp(pctRaw, floor, cap);
  line("pct", "Percentage rent", "Процентная арендная плата", pct,
    `sum of tiers ${fmt(pctRaw)}${floor !== undefined ? `, floor ${fmt(floor)}` : ""}${cap !== undefined ? `, cap ${fmt(cap)}` : ""}`);

  // Mode
  let amount: bigint;
  let decidedBy: Statement["decidedBy"];
  switch (terms.mode) {
    case "greater_of":
      decidedBy = pct > Bf ? "percentage" : "base";
      amount = pct > Bf ? pct : Bf;
      line("rent.mode", "Greater of base and percentage rent", "Большая из базовой и процентной платы", amount, `max(${fmt(Bf)}, ${fmt(pct)})`);
      break;
    case "base_plus_overage":
    case "base_plus_percentage":
      amount = Bf + pct;
      line("rent.mode", terms.mode === "base_plus_overage" ? "Base rent plus overage" : "Base rent plus percentage rent", terms.mode === "base_plus_overage" ? "Базовая плата плюс превышение" : "Базовая плюс процентная плата", amount, `${fmt(Bf)} + ${fmt(pct)}`);
      break;
    case "percentage_only":
      amount = pct;
      line("rent.mode", "Percentage rent only", "Только процентная плата", amount, fmt(pct));
      break;
    default: {
      const never: never = terms.mode;
      throw new RangeError(`unknown mode ${String(never)}`);
    }
  }

  // VAT on rent
  let rent = amount, vat = 0n, total = amount;
  if (terms.vatOnRent !== null) {
    const r = parseDecimal(terms.vatOnRent);
    if (terms.vatInclusive) {
      vat = roundDiv(amount * r.num, r.den * 100n + r.num);
      rent = amount - vat;
      line("rent", "Rent before VAT", "Арендная плата без НДС", rent, `${fmt(amount)} − ${fmt(vat)}`);
      line("vat", `VAT ${terms.vatOnRent} % (included)`, `НДС ${terms.vatOnRent} % (в том числе)`, vat, `round(${fmt(amount)} × ${terms.vatOnRent} / (100 + ${terms.vatOnRent}))`);
    } else {
      vat = percentOf(amount, terms.vatOnRent);
      total = amount + vat;
      line("vat", `VAT ${terms.vatOnRent} %`, `НДС ${terms.vatOnRent} %`, vat, `round(${fmt(amount)} × ${terms.vatOnRent} / 100)`);
    }
  }
  line("total", "Total", "Итого", total, terms.vatOnRent === null ? "no VAT" : `${fmt(rent)} + ${fmt(vat)}`);

  return {
    period,
    daysInMonth: dim,
    activeDays: active,
    termsEffectiveFrom: terms.effectiveFrom,
    mode: terms.mode,
    turnoverByKkt: perKkt,
    adjustments,
    turnover,
    baseRentMonthly: B,
    baseRent: Bf,
    tiers: tierLines,
    percentageRent: pct,
    decidedBy,
    rent,
    vatRate: terms.vatOnRent,
    vat,
    total,
    flags,
    lines,
  };
}

