/**
 * Runtime shape of GET /api/v2/tax_objects/{num_fiscal}, read from exact JSON (yandex/json.ts: every number
 * arrives as its literal text), fields named as the document names them. Money (JSON floats in hryvnias) leaves
 * as bigint kopiyky taken from the text the service wrote, never through a float; num_fiscal stays its digits.
 * Tolerance follows the document's own example: `real: null`, `excise_prc: null`, null totals fields, a date-only
 * `created_at`, an `email` that is not an address, a negative `cash_in_box`; unknown fields are dropped.
 * Everything the mapping reads is strict. Messages read after the field's path: "data.shift.id must be …".
 */
import { z } from "zod";
import { JsonNumber, roublesToKopecks } from "@/lib/providers/yandex/json";
import { prroDateTimeToIso, prroDayOf } from "./dates";

const isNumber = (v: unknown): v is JsonNumber => v instanceof JsonNumber;

const WHY_NOT_MONEY = {
  negative: "must not be negative",
  fraction: "must be whole kopiyky, at most 2 decimals",
  range: "is out of range for an amount",
} as const;

/** Hryvnias as the JSON text wrote them → exact kopiyky. Only a cash balance may be below zero. */
function money(signed: boolean) {
  return z.custom<JsonNumber>(isNumber, { error: "must be a number of hryvnias" }).transform((n, ctx) => {
    const negative = signed && n.text.startsWith("-");
    // The conversion is the roubles one: two decimals of a major unit, the same rule for both currencies.
    const r = roublesToKopecks(negative ? n.text.slice(1) : n.text);
    if (r.ok) return negative ? -r.kopecks : r.kopecks;
    ctx.issues.push({ code: "custom", input: n, message: WHY_NOT_MONEY[r.error] });
    return z.NEVER;
  });
}
export const hryvnias = money(false);
export const signedHryvnias = money(true);

/** A non-negative JSON integer (a count). */
const count = z.custom<JsonNumber>(isNumber, { error: "must be a whole number" }).transform((n, ctx) => {
  const v = Number(n.text);
  if (/^(0|[1-9]\d*)$/.test(n.text) && Number.isSafeInteger(v)) return v;
  ctx.issues.push({ code: "custom", input: n, message: "must be a whole number" });
  return z.NEVER;
});

/** A JSON integer of any sign (subscr_days_left, levels): kept as a number, exactly. */
const integer = z.custom<JsonNumber>(isNumber, { error: "must be a whole number" }).transform((n, ctx) => {
  const v = Number(n.text);
  if (/^-?(0|[1-9]\d*)$/.test(n.text) && Number.isSafeInteger(v)) return v;
  ctx.issues.push({ code: "custom", input: n, message: "must be a whole number" });
  return z.NEVER;
});

/** A number the product does not compute with (tax rates, `number`, `extra`): its text, as written. */
const numberText = z.custom<JsonNumber>(isNumber, { error: "must be a number" }).transform((n) => n.text);

const FISCAL = "must be a fiscal number: a JSON integer of 10 digits";
/** The register's fiscal number: an integer in JSON, kept as its digits (never a double, never reformatted). */
const numFiscal = z.custom<JsonNumber>(isNumber, { error: FISCAL }).transform((n, ctx) => {
  if (/^\d{10}$/.test(n.text)) return n.text;
  ctx.issues.push({ code: "custom", input: n, message: FISCAL });
  return z.NEVER;
});

const str = z.string({ error: "must be a string" });
const DATE_TIME = "must be a date-time dd.MM.yyyy HH:mm:ss";
const dateTime = str.refine((s) => prroDateTimeToIso(s) !== undefined, { error: DATE_TIME });
/** The example writes created_at "08.02.2021" and subscr_expire_at "20.02.2021" while other dates carry a time. */
const DATE_OR_TIME = "must be a date dd.MM.yyyy or a date-time dd.MM.yyyy HH:mm:ss";
const dateOrTime = str.refine((s) => prroDayOf(s) !== undefined, { error: DATE_OR_TIME });

/** The table calls `state` a string, the example sends a boolean: both spellings of the flag are read. */
const FLAG = "must be true or false (the shift-is-open flag)";
const flag = z.custom<boolean | string>((v) => typeof v === "boolean" || v === "true" || v === "false", { error: FLAG }).transform((v) => v === true || v === "true");

const obj = <T extends z.core.$ZodLooseShape>(shape: T) => z.object(shape, { error: "must be an object" });
const list = <T extends z.ZodType>(item: T) => z.array(item, { error: "must be an array" });

export const payFormSchema = obj({
  pay_form_code: str,
  pay_form_name: str,
  sum: hryvnias,
});

export const taxSchema = obj({
  name: str,
  letter: str.nullish(),
  prc: numberText.nullish(),
  turnover: hryvnias.nullish(),
  sum: hryvnias,
  excise_prc: numberText.nullish(),
  excise_sum: hryvnias.nullish(),
});

/** `real` (sales) or `ret` (returns) of a shift. */
export const blockSchema = obj({
  sum: hryvnias,
  total_currency_commission: hryvnias.nullish(),
  orders_count: count,
  total_currency_cost: hryvnias.nullish(),
  /** Absent or null: the payment forms are unknown (never read as zero). */
  pay_form: list(payFormSchema).nullish(),
  /** Absent or null: the taxes are unknown (never read as zero). */
  tax: list(taxSchema).nullish(),
});

export const totalsSchema = obj({
  /** null in the example: a shift with a return and no sale yet. */
  real: blockSchema.nullish(),
  ret: blockSchema.nullish(),
  service_input: hryvnias.nullish(),
  service_output: hryvnias.nullish(),
  /** -10 in the example: the box can be short when returns are paid out of it. */
  cash_in_box: signedHryvnias.nullish(),
  from_date: dateTime.nullish(),
  to_date: dateTime.nullish(),
  cash_in_box_start: signedHryvnias.nullish(),
  number: numberText.nullish(),
  extra: z.unknown().optional(),
  offline_id: str.nullish(),
  date: str.nullish(),
});

export const cashierSchema = obj({
  id: str.nullish(),
  full_name: str.nullish(),
  /** The example's "[email protected]" is no address (a scraper's mask): any text is kept. */
  email: str.nullish(),
  phone: str.nullish(),
  edrpou: str.nullish(),
  position: str.nullish(),
  drfo: str.nullish(),
  last_online: dateOrTime.nullish(),
  last_online_level: integer.nullish(),
  subject_key_id: str.nullish(),
  tax_objects_count: count.nullish(),
  created_at: dateOrTime.nullish(),
});

export const shiftSchema = obj({
  id: str.min(1, { error: "must not be empty" }),
  state: flag,
  open_date: dateTime,
  offline: z.boolean({ error: "must be a boolean" }).nullish(),
  offline_timeline: list(z.unknown()).nullish(),
  totals: totalsSchema,
  cashier: cashierSchema.nullish(),
});

export const taxObjectDataSchema = obj({
  id: str,
  org_name: str,
  address: str,
  is_tas: z.boolean({ error: "must be a boolean" }).nullish(),
  name: str,
  tin: str,
  ipn: str.nullish(),
  num_fiscal: numFiscal,
  /** null (or absent) before the register's first shift. */
  shift: shiftSchema.nullish(),
  advertising: list(z.unknown()).nullish(),
  offline: z.boolean({ error: "must be a boolean" }).nullish(),
  last_online: dateOrTime.nullish(),
  last_online_level: integer.nullish(),
  created_at: dateOrTime.nullish(),
  manual_attached: z.unknown().optional(),
  subscr_expire_at: dateOrTime.nullish(),
  subscr_ended: z.boolean({ error: "must be a boolean" }).nullish(),
  subscr_will_end: z.boolean({ error: "must be a boolean" }).nullish(),
  subscr_days_left: integer.nullish(),
  /** The table says list[object], the example lists field names: either is kept as it came. */
  required_fields: z.record(z.string(), z.unknown(), { error: "must be an object" }).nullish(),
  settings: list(z.unknown()).nullish(),
});

export const taxObjectResponseSchema = obj({ data: taxObjectDataSchema });

export type PrroPayForm = z.output<typeof payFormSchema>;
export type PrroTax = z.output<typeof taxSchema>;
export type PrroBlock = z.output<typeof blockSchema>;
export type PrroTaxObjectResponse = z.output<typeof taxObjectResponseSchema>;
