import { z } from "zod";
import { parseDecimal } from "@/lib/money";
import { isValidKpp, isValidTaxNumber, isValidRegisterNumber, isValidRnm, REGISTER_NUMBER_MESSAGE } from "./identifiers";

const MAX = Number.MAX_SAFE_INTEGER;
/** Money at the API edge: a JSON integer of minor units, exact, turned into bigint. */
export const minorSchema = z.number({ message: "Enter an amount in minor units (kopecks) as an integer" }).int("Amounts are whole kopecks").min(0, "Must not be negative").max(MAX).transform((v) => BigInt(v));
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD").refine((s) => !Number.isNaN(Date.parse(s + "T00:00:00Z")) && new Date(s + "T00:00:00Z").toISOString().startsWith(s), "No such date");
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use YYYY-MM");
/** zod runs every check even after the format failed: parse only what is a decimal. */
const ratioOf = (s: string) => (/^\d+(\.\d+)?$/.test(s) ? parseDecimal(s) : null);
const decimal = (what: string) => z.string().regex(/^\d+(\.\d+)?$/, `${what}: an exact decimal such as "7.5"`);
export const percentSchema = decimal("A percentage").refine((s) => {
  const r = ratioOf(s);
  return !r || r.num <= 100n * r.den;
}, "Rates are within 0–100 %");
export const areaSchema = decimal("An area").refine((s) => (ratioOf(s)?.num ?? 1n) > 0n, "The area must be above 0").refine((s) => (s.split(".")[1] ?? "").length <= 2, "At most two decimals");

export const KPP_NEEDED = "A legal entity needs a KPP of 9 characters";
export const NO_KPP_FOR_SOLE_TRADER = "A sole trader (12-digit INN) has no KPP";
export const NO_KPP_IN_UKRAINE = "A Ukrainian company (ЄДРПОУ) has no KPP";
const tenantNameSchema = z.string().trim().min(1, "Enter the tenant's name").max(300);

export const tenantInputSchema = z
  .object({
    inn: z.string().trim().refine(isValidTaxNumber, "INN must be 10 or 12 digits with valid check digits (a Ukrainian ЄДРПОУ: 8)"),
    kpp: z.string().trim().optional(),
    name: tenantNameSchema,
  })
  .superRefine((v, ctx) => {
    if (v.inn.length === 10 && (!v.kpp || !isValidKpp(v.kpp))) ctx.addIssue({ code: "custom", path: ["kpp"], message: KPP_NEEDED });
    if (v.inn.length === 12 && v.kpp) ctx.addIssue({ code: "custom", path: ["kpp"], message: NO_KPP_FOR_SOLE_TRADER });
    if (v.inn.length === 8 && v.kpp) ctx.addIssue({ code: "custom", path: ["kpp"], message: NO_KPP_IN_UKRAINE });
  });

/** A patch must change something; named fields, so an action's added `id` does not count as one. */
const changesOneOf = (fields: string[]) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
  if (fields.every((f) => v[f] === undefined)) ctx.addIssue({ code: "custom", path: [], message: "Change at least one field" });
};

/**
 * Editing a tenant: the INN is its identity (and may come from the provider), so it is refused rather than
 * silently ignored. An empty KPP is only right for a sole trader; the use case checks it against the INN.
 */
export const tenantPatchSchema = z
  .object({
    inn: z.never({ message: "The INN identifies the tenant and cannot be changed" }).optional(),
    name: tenantNameSchema.optional(),
    kpp: z.string().trim().refine((k) => k === "" || isValidKpp(k), KPP_NEEDED).optional(),
  })
  .superRefine(changesOneOf(["name", "kpp"]));
export type TenantPatch = z.output<typeof tenantPatchSchema>;

export const kktInputSchema = z.object({
  rnm: z.string().trim().refine(isValidRnm, "The registration number (RNM) is 16 digits"),
  tenantId: z.string().uuid(),
  address: z.string().trim().max(500).optional(),
  place: z.string().trim().max(200).optional(),
});

const premisesCodeSchema = z.string().trim().min(1, "Enter the unit's code").max(50);
const floorSchema = z.string().trim().max(20);

export const premisesInputSchema = z.object({
  code: premisesCodeSchema,
  areaM2: areaSchema,
  floor: floorSchema.optional(),
});

/** Editing a unit: `floor: null` (or an empty string) clears the floor. */
export const premisesPatchSchema = z
  .object({
    code: premisesCodeSchema.optional(),
    areaM2: areaSchema.optional(),
    floor: floorSchema.transform((f) => f || null).nullable().optional(),
  })
  .superRefine(changesOneOf(["code", "areaM2", "floor"]));
export type PremisesPatch = z.output<typeof premisesPatchSchema>;

const baseRentSchema = z.union([
  z.object({ monthly: minorSchema }).strict(),
  z.object({ perM2Monthly: minorSchema }).strict(),
  z.object({ perM2Yearly: minorSchema }).strict(),
]);

const tiersSchema = z.array(z.object({ from: minorSchema, rate: percentSchema })).max(20);

/** Tiers start at 0 and rise; `path` is where the tiers sit in the terms. */
function checkTiers(tiers: { from: bigint }[], path: (string | number)[], ctx: z.RefinementCtx) {
  if (tiers.length && tiers[0].from !== 0n) ctx.addIssue({ code: "custom", path: [...path, 0, "from"], message: "The first tier starts at 0" });
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i].from <= tiers[i - 1].from) ctx.addIssue({ code: "custom", path: [...path, i, "from"], message: "Tiers must start at increasing thresholds" });
  }
}

/** Lease-year thresholds a contract gives; each part left out is 12 × the monthly one. */
const yearlySchema = z
  .object({ tiers: tiersSchema.min(1, "Give at least one yearly tier").optional(), breakpoint: minorSchema.optional(), pctFloor: minorSchema.optional(), pctCap: minorSchema.optional() })
  .strict();

export const termsInputSchema = z
  .object({
    effectiveFrom: isoDate,
    mode: z.enum(["greater_of", "base_plus_overage", "base_plus_percentage", "percentage_only"]),
    baseRent: baseRentSchema,
    tiers: tiersSchema,
    breakpoint: z.union([minorSchema, z.literal("natural")]).optional(),
    pctFloor: minorSchema.optional(),
    pctCap: minorSchema.optional(),
    basis: z.object({ refunds: z.enum(["net", "gross"]), vat: z.enum(["included", "excluded"]) }).default({ refunds: "net", vat: "included" }),
    excludedForms: z.array(z.enum(["cash", "cashless", "prepaid", "credit"])).optional(),
    vatOnRent: percentSchema.nullable(),
    vatInclusive: z.boolean().optional(),
    indexation: z.object({ percent: percentSchema, on: z.union([z.literal("anniversary"), z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use "anniversary" or MM-DD')]) }).optional(),
    yearly: yearlySchema.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.mode !== "base_plus_percentage" && t.tiers.length === 0) ctx.addIssue({ code: "custom", path: ["tiers"], message: "Give at least one tier" });
    checkTiers(t.tiers, ["tiers"], ctx);
    if (t.pctFloor !== undefined && t.pctCap !== undefined && t.pctFloor > t.pctCap) ctx.addIssue({ code: "custom", path: ["pctCap"], message: "The cap must not be below the floor" });
    if (t.breakpoint !== undefined && t.mode !== "base_plus_overage") ctx.addIssue({ code: "custom", path: ["breakpoint"], message: "A breakpoint applies to base_plus_overage only" });
    const y = t.yearly;
    if (y) {
      if (y.tiers) checkTiers(y.tiers, ["yearly", "tiers"], ctx);
      if (y.breakpoint !== undefined && t.mode !== "base_plus_overage") ctx.addIssue({ code: "custom", path: ["yearly", "breakpoint"], message: "A breakpoint applies to base_plus_overage only" });
      if (y.pctFloor !== undefined && y.pctCap !== undefined && y.pctFloor > y.pctCap) ctx.addIssue({ code: "custom", path: ["yearly", "pctCap"], message: "The cap must not be below the floor" });
    }
  });

export const contractKktInputSchema = z.object({ rnm: z.string().trim().refine(isValidRegisterNumber, REGISTER_NUMBER_MESSAGE), from: isoDate.optional(), to: isoDate.optional() });

export const contractInputSchema = z
  .object({
    number: z.string().trim().min(1, "Enter the contract number").max(100),
    tenantId: z.string().uuid("Choose a tenant"),
    storeId: z.string().uuid().optional(),
    premisesIds: z.array(z.string().uuid()).max(50).default([]),
    start: isoDate,
    end: isoDate,
    currency: z.enum(["RUB", "UAH"]).default("RUB"),
    leaseYearReconciliation: z.boolean().optional(),
    kkts: z.array(contractKktInputSchema).max(200).default([]),
    terms: z.array(termsInputSchema).min(1, "Give the rent terms").max(50),
  })
  .superRefine((c, ctx) => {
    if (c.end < c.start) ctx.addIssue({ code: "custom", path: ["end"], message: "The end date is before the start date" });
    const sorted = [...c.terms].map((t, i) => ({ t, i })).sort((a, b) => a.t.effectiveFrom.localeCompare(b.t.effectiveFrom));
    if (sorted[0] && sorted[0].t.effectiveFrom !== c.start) {
      ctx.addIssue({ code: "custom", path: ["terms", sorted[0].i, "effectiveFrom"], message: "The first terms must take effect on the contract start (no gap)" });
    }
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].t.effectiveFrom === sorted[k - 1].t.effectiveFrom) ctx.addIssue({ code: "custom", path: ["terms", sorted[k].i, "effectiveFrom"], message: "Two terms versions take effect on the same day (overlap)" });
    }
    for (const { t, i } of sorted) if (t.effectiveFrom > c.end) ctx.addIssue({ code: "custom", path: ["terms", i, "effectiveFrom"], message: "Takes effect after the contract ends" });
    c.kkts.forEach((k, i) => {
      if ((k.from ?? c.start) > (k.to ?? c.end)) ctx.addIssue({ code: "custom", path: ["kkts", i, "to"], message: "The register's period ends before it starts" });
      if ((k.from && k.from < c.start) || (k.to && k.to > c.end)) ctx.addIssue({ code: "custom", path: ["kkts", i, "from"], message: "The register's period lies outside the contract" });
    });
  });
export type ContractInputBody = z.infer<typeof contractInputSchema>;
export type TermsInputBody = z.infer<typeof termsInputSchema>;

export const contractPatchSchema = z.object({
  number: z.string().trim().min(1).max(100).optional(),
  end: isoDate.optional(),
  status: z.enum(["active", "ended"]).optional(),
  leaseYearReconciliation: z.boolean().optional(),
  kkts: z.array(contractKktInputSchema).max(200).optional(),
  terms: z.array(termsInputSchema).min(1).max(50).optional(),
});

/** Ending a contract early: the last day it runs, and why (kept in the audit log). */
export const contractEndSchema = z.object({
  end: isoDate,
  reason: z.string().trim().min(3, "Say why the contract ends (at least 3 characters)").max(500, "At most 500 characters"),
});
export type ContractEndInput = z.infer<typeof contractEndSchema>;

