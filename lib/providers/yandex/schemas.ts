/**
 * Runtime shape of the Yandex OFD docs/aggregations/receipts response, read from exact JSON (json.ts: every
 * number arrives as its literal text). Money leaves this module as bigint kopecks taken from the text the
 * service wrote, never through a float; register and drive numbers are trimmed. The document warns that
 * element order may differ, elements may be absent and undocumented service fields may appear: order is
 * irrelevant, unknown fields are dropped, and what may be absent is decided field by field (README.md).
 * Every message reads after the field's path: "data[3].totalSum must be …".
 */
import { z } from "zod";
import { minorToDecimalString } from "@/lib/money";
import { isDay } from "@/lib/providers/renta/dates";
import { JsonNumber, roublesToKopecks } from "./json";

/** The request's document_types values. */
export const DOCUMENT_TYPES = [
  "fiscalReport",
  "fiscalReportCorrection",
  "openShift",
  "closeShift",
  "receipt",
  "receiptCorrection",
  "bso",
  "bsoCorrection",
  "currentStateReport",
  "closeArchive",
] as const;
export type YandexDocumentType = (typeof DOCUMENT_TYPES)[number];

/** The request's operation_types values: English, while the response's `operation` is Russian text. */
export const OPERATION_TYPES = ["income", "income_return", "outcome", "outcome_return"] as const;
export type YandexOperationType = (typeof OPERATION_TYPES)[number];

export const TAXATION_TYPES = ["osn", "usn_income", "usn_income_wo_expenditure", "esn_agricultural", "psn"] as const;
export const ORDER_KEYS = ["date", "shift", "rn", "fn", "doc_number", "number", "totalSum", "cashTotalSum", "ecashTotalSum"] as const;
export type YandexOrderKey = (typeof ORDER_KEYS)[number];

export const RECEIPT_TYPES = ["receipt", "receiptCorrection", "bso", "bsoCorrection"] as const;
export const SHIFT_TYPES = ["openShift", "closeShift"] as const;
/** What a day's turnover needs: receipts of every kind and the shift reports that prove a day was worked. */
export const TURNOVER_TYPES: readonly YandexDocumentType[] = [...SHIFT_TYPES, ...RECEIPT_TYPES];

export function isDocumentType(s: string): s is YandexDocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(s);
}
export function isOperationType(s: string): s is YandexOperationType {
  return (OPERATION_TYPES as readonly string[]).includes(s);
}
export function isReceiptType(t: YandexDocumentType | null): boolean {
  return t !== null && (RECEIPT_TYPES as readonly string[]).includes(t);
}

/** `operation` as the service writes it (the example's "приход"), by filter value. */
export const OPERATION_NAMES: Record<YandexOperationType, string> = {
  income: "приход",
  income_return: "возврат прихода",
  outcome: "расход",
  outcome_return: "возврат расхода",
};

/** `code_name` as the service writes it: the document_types list's own words, lower-case as in the example. */
export const CODE_NAMES: Record<YandexDocumentType, string> = {
  fiscalReport: "отчет о регистрации",
  fiscalReportCorrection: "отчет об изменении параметров регистрации",
  openShift: "открытие смены",
  closeShift: "закрытие смены",
  receipt: "чек",
  receiptCorrection: "чек коррекции",
  bso: "бланк строгой отчетности",
  bsoCorrection: "бсо коррекции",
  currentStateReport: "отчет о состоянии расчетов",
  closeArchive: "закрытие фн",
};

/** The FFD's full names and the abbreviations the document itself mixes in. */
const CODE_NAME_VARIANTS: Record<string, YandexDocumentType> = {
  "кассовый чек": "receipt",
  "кассовый чек коррекции": "receiptCorrection",
  бсо: "bso",
  "бланк строгой отчетности коррекции": "bsoCorrection",
  "отчет о текущем состоянии расчетов": "currentStateReport",
  "закрытие фискального накопителя": "closeArchive",
  "отчет о закрытии фискального накопителя": "closeArchive",
};

/** Case, "ё", runs of spaces and the list's "(БСО)" gloss do not change a name. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim().replace(/ \(бсо\)$/, "");
}

const BY_CODE_NAME = new Map<string, YandexDocumentType>([
  ...Object.entries(CODE_NAMES).map(([type, name]) => [normalise(name), type as YandexDocumentType] as const),
  ...Object.entries(CODE_NAME_VARIANTS).map(([name, type]) => [normalise(name), type] as const),
]);
const BY_OPERATION = new Map<string, YandexOperationType>([
  ...Object.entries(OPERATION_NAMES).map(([type, name]) => [name, type as YandexOperationType] as const),
  // The filter's English values, should the service ever answer in them.
  ...OPERATION_TYPES.map((t) => [t, t] as const),
]);

/** "чек коррекции" → "receiptCorrection"; undefined for a name the document does not list. */
export function documentTypeOf(codeName: string): YandexDocumentType | undefined {
  return BY_CODE_NAME.get(normalise(codeName));
}

/** "возврат прихода" (or "income_return") → "income_return"; "" → null (not a receipt); undefined: unknown. */
export function operationTypeOf(operation: string): YandexOperationType | null | undefined {
  const s = normalise(operation);
  return s === "" ? null : BY_OPERATION.get(s);
}

// ---------- scalars ----------

const isNumber = (v: unknown): v is JsonNumber => v instanceof JsonNumber;

const ROUBLES = "must be a number of roubles";
const WHY_NOT_MONEY = {
  negative: "must not be negative",
  fraction: "must be whole kopecks, at most 2 decimals",
  range: "is out of range for an amount",
} as const;

/** Roubles as the JSON text wrote them → exact kopecks. */
export const roubles = z.custom<JsonNumber>(isNumber, { error: ROUBLES }).transform((n, ctx) => {
  const r = roublesToKopecks(n.text);
  if (r.ok) return r.kopecks;
  ctx.issues.push({ code: "custom", input: n, message: WHY_NOT_MONEY[r.error] });
  return z.NEVER;
});

const WHOLE = "must be a whole number";
const wholeText = z.custom<JsonNumber>(isNumber, { error: WHOLE }).transform((n, ctx) => {
  if (/^(0|[1-9]\d*)$/.test(n.text)) return n.text;
  ctx.issues.push({ code: "custom", input: n, message: /^-\d/.test(n.text) ? "must not be negative" : WHOLE });
  return z.NEVER;
});
const whole = wholeText.transform((s, ctx) => {
  const v = Number(s);
  if (Number.isSafeInteger(v)) return v;
  ctx.issues.push({ code: "custom", input: s, message: "is beyond the exact integer range" });
  return z.NEVER;
});

const REAL_DATE = "must be a date-time YYYY-MM-DD hh:mm:ss";
/** The register's local time, no offset, as the document gives it. */
const realDate = z
  .string({ error: REAL_DATE })
  .regex(/^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, { error: REAL_DATE })
  .refine((s) => isDay(s.slice(0, 10)), { error: "must be a real calendar date" });

/** Register and drive numbers: the service may pad them with spaces. */
const trimmed = z.string({ error: "must be a string" }).trim().min(1, { error: "must not be blank" });

// ---------- one document ----------

/**
 * One element of `data`: a receipt, or another fiscal document (shift reports, registration reports…), as
 * the service lists them all. `type` and `operationType` are the request's English names of `code_name` and
 * `operation`; money is kopecks, an absent sum 0.
 */
export interface YandexReceipt {
  /** The document_types value of `code_name`; null for a name the document does not list (kept, never counted). */
  type: YandexDocumentType | null;
  code_name: string;
  /** The operation_types value of `operation`; null for "" (documents that are not receipts). */
  operationType: YandexOperationType | null;
  operation: string;
  /** The register's local time, "YYYY-MM-DD hh:mm:ss". */
  real_date: string;
  rn: string;
  fn: string;
  doc_number: number;
  shift: number | null;
  number: number | null;
  /** FPD: an int64 identifier, kept as its digits. */
  fiscalSign: string | null;
  totalSum: bigint;
  cashTotalSum: bigint;
  ecashTotalSum: bigint;
  prepaidSum: bigint;
  creditSum: bigint;
  provisionSum: bigint;
}

const FORMS = ["cashTotalSum", "ecashTotalSum", "prepaidSum", "creditSum", "provisionSum"] as const;

const rawDocumentSchema = z.object(
  {
    real_date: realDate,
    rn: trimmed,
    fn: trimmed,
    doc_number: whole,
    code_name: z.string({ error: "must be a string" }),
    operation: z.string({ error: "must be a string" }).nullish(),
    shift: whole.nullish(),
    number: whole.nullish(),
    fiscalSign: wholeText.nullish(),
    totalSum: roubles.nullish(),
    cashTotalSum: roubles.nullish(),
    ecashTotalSum: roubles.nullish(),
    prepaidSum: roubles.nullish(),
    creditSum: roubles.nullish(),
    provisionSum: roubles.nullish(),
  },
  { error: "must be an object" },
);

const rub = (k: bigint) => minorToDecimalString(k);

export const documentSchema = rawDocumentSchema.transform((d, ctx): YandexReceipt => {
  let failed = false;
  const issue = (path: string, message: string, input: unknown) => {
    failed = true;
    ctx.issues.push({ code: "custom", path: [path], message, input });
  };
  const type = documentTypeOf(d.code_name) ?? null;
  const operation = d.operation ?? "";
  const operationType = operationTypeOf(operation);
  const receipt = isReceiptType(type);
  const names = Object.values(OPERATION_NAMES).map((n) => `"${n}"`);
  if (operationType === undefined) {
    issue("operation", `must be ${names.join(", ")} or "" (a document that is not a receipt)`, d.operation);
  } else if (receipt && operationType === null) {
    issue("operation", `must name the operation of a "${d.code_name.trim()}" (${names.join(", ")})`, d.operation);
  } else if (type === null && operationType !== null) {
    // A document with an operation might be turnover: counting it or not would be a guess.
    issue("code_name", `is not a document type the document lists, yet the document has operation "${operation}"`, d.code_name);
  }
  if (receipt && (d.totalSum === undefined || d.totalSum === null)) issue("totalSum", "must be given for a receipt", d.totalSum);
  const sums = { totalSum: d.totalSum ?? 0n, ...Object.fromEntries(FORMS.map((f) => [f, d[f] ?? 0n])) } as Record<"totalSum" | (typeof FORMS)[number], bigint>;
  const forms = FORMS.reduce((a, f) => a + sums[f], 0n);
  // Absent payment forms are read as 0; the forms adding up to the total is what shows that none was lost.
  if (receipt && d.totalSum != null && forms !== sums.totalSum) {
    issue("totalSum", `is ${rub(sums.totalSum)} roubles, but the payment forms add up to ${rub(forms)} (${FORMS.map((f) => `${f} ${rub(sums[f])}`).join(", ")})`, d.totalSum);
  }
  if (failed) return z.NEVER;
  return {
    type,
    code_name: d.code_name.trim(),
    operationType: operationType ?? null,
    operation,
    real_date: d.real_date,
    rn: d.rn,
    fn: d.fn,
    doc_number: d.doc_number,
    shift: d.shift ?? null,
    number: d.number ?? null,
    fiscalSign: d.fiscalSign ?? null,
    ...sums,
  };
});

export interface YandexPage {
  data: YandexReceipt[];
  /** Every document matching the request, all pages together; null when the service leaves it out. */
  total: number | null;
}

export const pageSchema = z
  .object(
    {
      data: z.array(documentSchema, { error: "must be an array" }),
      total: whole.nullish(),
    },
    { error: "must be an object" },
  )
  .transform((p): YandexPage => ({ data: p.data, total: p.total ?? null }));
