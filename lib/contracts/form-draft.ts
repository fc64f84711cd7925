/**
 * The contract form's state (what a person types: roubles with a comma, empty optional fields) and its
 * exact conversion to the API's contract body (integers of minor units). Pure; used by the browser.
 */
import { minorToDecimalString, parseMoneyInput } from "@/lib/money";

export type Mode = "greater_of" | "base_plus_overage" | "base_plus_percentage" | "percentage_only";
export type BaseKind = "monthly" | "perM2Monthly" | "perM2Yearly";
export type PaymentForm = "cash" | "cashless" | "prepaid" | "credit";
export const PAYMENT_FORMS: PaymentForm[] = ["cash", "cashless", "prepaid", "credit"];

export interface TierDraft { from: string; rate: string }
export interface TermsDraft {
  effectiveFrom: string;
  mode: Mode;
  baseKind: BaseKind;
  baseAmount: string;
  tiers: TierDraft[];
  /** Empty: the natural breakpoint. */
  breakpoint: string;
  pctFloor: string;
  pctCap: string;
  refunds: "net" | "gross";
  vat: "included" | "excluded";
  /** Empty: no VAT on rent. */
  vatOnRent: string;
  /** The computed amount already includes VAT. */
  vatInclusive: boolean;
  /** Payment forms whose turnover does not count. */
  excludedForms: PaymentForm[];
  indexPercent: string;
  indexOn: string;
  /** Lease-year thresholds the contract gives; empty: 12 × the monthly ones. */
  yearlyTiers: TierDraft[];
  yearlyBreakpoint: string;
  yearlyFloor: string;
  yearlyCap: string;
}
export interface KktDraft { rnm: string; on: boolean; from: string; to: string }
export interface ContractDraft {
  number: string;
  tenantId: string;
  premisesIds: string[];
  start: string;
  end: string;
  currency: "RUB" | "UAH";
  /** Settle each lease year at its last month (true-up against the months billed). */
  leaseYearReconciliation: boolean;
  kkts: KktDraft[];
  terms: TermsDraft[];
}

export const emptyTerms = (effectiveFrom: string): TermsDraft => ({
  effectiveFrom,
  mode: "greater_of",
  baseKind: "monthly",
  baseAmount: "",
  tiers: [{ from: "0", rate: "" }],
  breakpoint: "",
  pctFloor: "",
  pctCap: "",
  refunds: "net",
  vat: "included",
  vatOnRent: "22",
  vatInclusive: false,
  excludedForms: [],
  indexPercent: "",
  indexOn: "anniversary",
  yearlyTiers: [],
  yearlyBreakpoint: "",
  yearlyFloor: "",
  yearlyCap: "",
});

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const dec = (s: string) => s.trim().replace(",", ".");

/** Draft → API body. Money that is not an amount is reported by field path, never guessed. */
export function draftToBody(d: ContractDraft, messages: { amount: string }): { body: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const money = (path: string, text: string, optional: boolean): number | undefined => {
    if (optional && text.trim() === "") return undefined;
    const v = parseMoneyInput(text);
    if (v === null || v > MAX) {
      errors[path] = messages.amount;
      return undefined;
    }
    return Number(v);
  };
  const terms = d.terms.map((t, i) => {
    const p = `terms.${i}`;
    const baseRent = t.mode === "percentage_only" && t.baseAmount.trim() === "" ? { monthly: 0 } : { [t.baseKind]: money(`${p}.baseRent`, t.baseAmount, false) };
    return {
      effectiveFrom: t.effectiveFrom,
      mode: t.mode,
      baseRent,
      tiers: t.mode === "base_plus_percentage" && t.tiers.every((x) => x.rate.trim() === "") ? [] : t.tiers.map((x, j) => ({ from: money(`${p}.tiers.${j}.from`, x.from, false), rate: dec(x.rate) })),
      breakpoint: t.mode === "base_plus_overage" ? (money(`${p}.breakpoint`, t.breakpoint, true) ?? "natural") : undefined,
      pctFloor: money(`${p}.pctFloor`, t.pctFloor, true),
      pctCap: money(`${p}.pctCap`, t.pctCap, true),
      basis: { refunds: t.refunds, vat: t.vat },
      excludedForms: t.excludedForms.length ? t.excludedForms : undefined,
      vatOnRent: t.vatOnRent.trim() === "" ? null : dec(t.vatOnRent),
      vatInclusive: t.vatOnRent.trim() !== "" && t.vatInclusive ? true : undefined,
      indexation: t.indexPercent.trim() === "" ? undefined : { percent: dec(t.indexPercent), on: t.indexOn.trim() || "anniversary" },
      yearly: yearlyBody(t, p),
    };
  });
  function yearlyBody(t: TermsDraft, p: string) {
    const y = {
      tiers: t.yearlyTiers.length ? t.yearlyTiers.map((x, j) => ({ from: money(`${p}.yearly.tiers.${j}.from`, x.from, false), rate: dec(x.rate) })) : undefined,
      breakpoint: t.mode === "base_plus_overage" ? money(`${p}.yearly.breakpoint`, t.yearlyBreakpoint, true) : undefined,
      pctFloor: money(`${p}.yearly.pctFloor`, t.yearlyFloor, true),
      pctCap: money(`${p}.yearly.pctCap`, t.yearlyCap, true),
    };
    return Object.values(y).some((v) => v !== undefined) ? y : undefined;
  }
  const body = {
    number: d.number,
    tenantId: d.tenantId,
    premisesIds: d.premisesIds,
    start: d.start,
    end: d.end,
    currency: d.currency,
    leaseYearReconciliation: d.leaseYearReconciliation,
    kkts: d.kkts.filter((k) => k.on).map((k) => ({ rnm: k.rnm, from: k.from || undefined, to: k.to || undefined })),
    terms,
  };
  return { body, errors };
}

const roubles = (v: bigint | number | undefined | null) => (v === undefined || v === null ? "" : minorToDecimalString(BigInt(v)));

/** A stored contract (API shape) → the form's state, for editing. */
export function contractToDraft(c: {
  number: string; tenantId: string; premisesIds: string[]; start: string; end: string; currency: string; leaseYearReconciliation?: boolean;
  kkts: { rnm: string; from: string; to: string }[];
  terms: { effectiveFrom: string; mode: Mode; baseRent: Record<string, bigint | number>; tiers: { from: bigint | number; rate: string }[]; breakpoint?: bigint | number | "natural"; pctFloor?: bigint | number; pctCap?: bigint | number; basis: { refunds: "net" | "gross"; vat: "included" | "excluded" }; excludedForms?: PaymentForm[]; vatOnRent: string | null; vatInclusive?: boolean; indexation?: { percent: string; on: string };
    yearly?: { tiers?: { from: bigint | number; rate: string }[]; breakpoint?: bigint | number; pctFloor?: bigint | number; pctCap?: bigint | number } }[];
}, allRnms: string[]): ContractDraft {
  const assigned = new Map(c.kkts.map((k) => [k.rnm, k]));
  return {
    number: c.number,
    tenantId: c.tenantId,
    premisesIds: c.premisesIds,
    start: c.start,
    end: c.end,
    currency: c.currency === "UAH" ? "UAH" : "RUB",
    leaseYearReconciliation: c.leaseYearReconciliation ?? false,
    kkts: allRnms.map((rnm) => {
      const a = assigned.get(rnm);
      return { rnm, on: !!a, from: a && a.from !== c.start ? a.from : "", to: a && a.to !== c.end ? a.to : "" };
    }),
    terms: c.terms.map((t) => {
      const [kind, amount] = Object.entries(t.baseRent)[0] as [BaseKind, bigint];
      return {
        effectiveFrom: t.effectiveFrom,
        mode: t.mode,
        baseKind: kind,
        baseAmount: roubles(amount),
        tiers: t.tiers.map((x) => ({ from: roubles(x.from), rate: x.rate })),
        breakpoint: t.breakpoint === undefined || t.breakpoint === "natural" ? "" : roubles(t.breakpoint),
        pctFloor: roubles(t.pctFloor),
        pctCap: roubles(t.pctCap),
        refunds: t.basis.refunds,
        vat: t.basis.vat,
        vatOnRent: t.vatOnRent ?? "",
        vatInclusive: t.vatInclusive ?? false,
        excludedForms: t.excludedForms ?? [],
        indexPercent: t.indexation?.percent ?? "",
        indexOn: t.indexation?.on ?? "anniversary",
        yearlyTiers: (t.yearly?.tiers ?? []).map((x) => ({ from: roubles(x.from), rate: x.rate })),
        yearlyBreakpoint: roubles(t.yearly?.breakpoint),
        yearlyFloor: roubles(t.yearly?.pctFloor),
        yearlyCap: roubles(t.yearly?.pctCap),
      };
    }),
  };
}

/** A new contract in the organisation's currency, with its country's VAT rate on rent (22 % in Russia, 20 % in Ukraine). */
export const newContractDraft = (year: number, currency: "RUB" | "UAH" = "RUB"): ContractDraft => ({
  number: "", tenantId: "", premisesIds: [], start: `${year}-01-01`, end: `${year}-12-31`, currency, leaseYearReconciliation: false, kkts: [],
  terms: [{ ...emptyTerms(`${year}-01-01`), vatOnRent: currency === "UAH" ? "20" : "22" }],
});
