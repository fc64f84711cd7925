import type { LoadedContract, TermsRow } from "@/db/queries/contracts";
import { parseDecimal, minorToDecimalString } from "@/lib/money";
import type { ContractInput, Terms } from "@/lib/rent";
import type { TermsInputBody } from "@/lib/validations/contracts";

const KIND = { monthly: "monthly", perM2Monthly: "per_m2_monthly", perM2Yearly: "per_m2_yearly" } as const;

/** Normalise a decimal string as stored by numeric(…) ("22.00" → "22"), keeping it exact. */
export function normDecimal(s: string | null): string | null {
  if (s === null) return null;
  const [i, f = ""] = s.split(".");
  const frac = f.replace(/0+$/, "");
  return frac ? `${BigInt(i)}.${frac}` : String(BigInt(i));
}

export function termsToRow(t: TermsInputBody): Omit<TermsRow, "orgId" | "contractId"> {
  const [kind, amount] = Object.entries(t.baseRent)[0] as [keyof typeof KIND, bigint];
  return {
    effectiveFrom: t.effectiveFrom,
    mode: t.mode,
    baseRentKind: KIND[kind],
    baseRentAmount: amount,
    tiers: t.tiers.map((x) => ({ from: x.from.toString(), rate: x.rate })),
    breakpoint: t.breakpoint === undefined || t.breakpoint === "natural" ? null : t.breakpoint,
    pctFloor: t.pctFloor ?? null,
    pctCap: t.pctCap ?? null,
    basisRefunds: t.basis.refunds,
    basisVat: t.basis.vat,
    excludedForms: t.excludedForms ?? null,
    vatOnRent: t.vatOnRent,
    vatInclusive: t.vatInclusive ?? false,
    indexationPercent: t.indexation?.percent ?? null,
    indexationOn: t.indexation?.on ?? null,
    yearlyThresholds: yearlyToRow(t.yearly),
  };
}

function yearlyToRow(y: TermsInputBody["yearly"]): TermsRow["yearlyThresholds"] {
  if (!y) return null;
  const s = (v: bigint | undefined) => (v === undefined ? undefined : v.toString());
  const row = { tiers: y.tiers?.map((x) => ({ from: x.from.toString(), rate: x.rate })), breakpoint: s(y.breakpoint), pctFloor: s(y.pctFloor), pctCap: s(y.pctCap) };
  const kept = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? kept : null;
}

function yearlyFromRow(y: TermsRow["yearlyThresholds"]): Terms["yearly"] {
  if (!y) return undefined;
  const b = (v: string | undefined) => (v === undefined ? undefined : BigInt(v));
  const out: NonNullable<Terms["yearly"]> = {};
  if (y.tiers) out.tiers = y.tiers.map((t) => ({ from: BigInt(t.from), rate: t.rate }));
  if (y.breakpoint !== undefined) out.breakpoint = b(y.breakpoint);
  if (y.pctFloor !== undefined) out.pctFloor = b(y.pctFloor);
  if (y.pctCap !== undefined) out.pctCap = b(y.pctCap);
  return out;
}

type StoredTerms = LoadedContract["terms"][number];

export function rowToTerms(r: StoredTerms): Terms {
  const baseRent =
    r.baseRentKind === "monthly" ? { monthly: r.baseRentAmount } : r.baseRentKind === "per_m2_monthly" ? { perM2Monthly: r.baseRentAmount } : { perM2Yearly: r.baseRentAmount };
  return {
    effectiveFrom: r.effectiveFrom,
    mode: r.mode,
    baseRent,
    tiers: r.tiers.map((t) => ({ from: BigInt(t.from), rate: t.rate })),
    breakpoint: r.mode === "base_plus_overage" ? (r.breakpoint ?? "natural") : undefined,
    pctFloor: r.pctFloor ?? undefined,
    pctCap: r.pctCap ?? undefined,
    basis: { refunds: r.basisRefunds as "net" | "gross", vat: r.basisVat as "included" | "excluded" },
    excludedForms: (r.excludedForms ?? undefined) as Terms["excludedForms"],
    vatOnRent: normDecimal(r.vatOnRent),
    vatInclusive: r.vatInclusive,
    indexation: r.indexationPercent && r.indexationOn ? { percent: normDecimal(r.indexationPercent)!, on: r.indexationOn } : undefined,
    yearly: yearlyFromRow(r.yearlyThresholds),
  };
}

/** Premises areas add up exactly (numeric(12,2) strings → kopeck-like hundredths). */
export function totalArea(premises: { areaM2: string }[]): string | undefined {
  if (premises.length === 0) return undefined;
  const hundredths = premises.reduce((s, p) => {
    const r = parseDecimal(p.areaM2);
    return s + (r.num * 100n) / r.den;
  }, 0n);
  return minorToDecimalString(hundredths);
}

export function toEngineContract(c: LoadedContract): ContractInput {
  return {
    start: c.start,
    end: c.end,
    areaM2: totalArea(c.premises),
    kkts: c.kkts.map((k) => ({ kktId: k.kktId, rnm: k.rnm, from: k.from, to: k.to })),
    terms: c.terms.map(rowToTerms),
  };
}

const money = (v: bigint | undefined) => (v === undefined ? undefined : v);

/** The API's contract shape: money as integers (bigint, converted at the JSON edge), rates as strings. */
export function toContractDto(c: LoadedContract) {
  return {
    id: c.id,
    number: c.number,
    tenantId: c.tenantId,
    storeId: c.storeId,
    premisesIds: c.premises.map((p) => p.premisesId),
    start: c.start,
    end: c.end,
    currency: c.currency,
    status: c.status,
    leaseYearReconciliation: c.leaseYearReconciliation,
    kkts: c.kkts.map((k) => ({ kktId: k.kktId, rnm: k.rnm, from: k.from, to: k.to })),
    terms: c.terms.map(rowToTerms).map((t) => ({
      effectiveFrom: t.effectiveFrom,
      mode: t.mode,
      baseRent: t.baseRent,
      tiers: t.tiers,
      breakpoint: t.breakpoint,
      pctFloor: money(t.pctFloor),
      pctCap: money(t.pctCap),
      basis: t.basis,
      excludedForms: t.excludedForms,
      vatOnRent: t.vatOnRent,
      vatInclusive: t.vatInclusive,
      indexation: t.indexation,
      yearly: t.yearly,
    })),
  };
}
