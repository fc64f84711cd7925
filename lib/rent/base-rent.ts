import { parseDecimal, roundDiv } from "@/lib/money";
import { fromDay, toDay } from "./calendar";
import { fmt } from "./exact";
import type { Terms } from "./types";

/** The monthly base rent before indexation, and how it was obtained. */
export function monthlyBase(terms: Terms, areaM2: string | undefined): { value: bigint; formula: string } {
  const b = terms.baseRent;
  if ("monthly" in b) return { value: b.monthly, formula: `fixed ${fmt(b.monthly)} per month` };
  if (!areaM2) throw new RangeError("a per-m² base rent needs the premises' area");
  const area = parseDecimal(areaM2);
  if ("perM2Monthly" in b) {
    const v = roundDiv(b.perM2Monthly * area.num, area.den);
    return { value: v, formula: `${areaM2} m² × ${fmt(b.perM2Monthly)} = ${fmt(v)}` };
  }
  const v = roundDiv(b.perM2Yearly * area.num, area.den * 12n);
  return { value: v, formula: `${areaM2} m² × ${fmt(b.perM2Yearly)} ÷ 12 = ${fmt(v)}` };
}

function addYearsClamped(day: number, years: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 86_400_000;
}

/**
 * Indexation dates that apply to a month: every anniversary of the contract start (or every fixed
 * MM-DD) strictly after the terms version took effect and on or before the month's last day. A new
 * terms version restates the base, so indexation counts again from its effective date.
 */
export function indexationDates(contractStart: string, termsFrom: string, on: string, periodLast: number): string[] {
  const after = toDay(termsFrom);
  const out: string[] = [];
  if (on === "anniversary") {
    const start = toDay(contractStart);
    for (let k = 1; ; k++) {
      const d = addYearsClamped(start, k);
      if (d > periodLast) break;
      if (d > after) out.push(fromDay(d));
    }
    return out;
  }
  const m = /^(\d{2})-(\d{2})$/.exec(on);
  if (!m) throw new RangeError(`indexation date must be "anniversary" or MM-DD: ${on}`);
  const firstYear = new Date(after * 86_400_000).getUTCFullYear();
  for (let y = firstYear; ; y++) {
    const last = new Date(Date.UTC(y, Number(m[1]), 0)).getUTCDate();
    const d = Date.UTC(y, Number(m[1]) - 1, Math.min(Number(m[2]), last)) / 86_400_000;
    if (d > periodLast) break;
    if (d > after) out.push(fromDay(d));
  }
  return out;
}

/** B after compounding indexation, each step rounded as it would be shown: B := round(B × (1 + p/100)). */
export function indexedBase(base: bigint, percent: string, steps: number): { value: bigint; steps: bigint[] } {
  const p = parseDecimal(percent);
  const seen: bigint[] = [];
  let v = base;
  for (let i = 0; i < steps; i++) {
    v = roundDiv(v * (p.den * 100n + p.num), p.den * 100n);
    seen.push(v);
  }
  return { value: v, steps: seen };
}
