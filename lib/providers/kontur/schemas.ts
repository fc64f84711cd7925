/**
 * Runtime shape of the Kontur.OFD documents/by-period response. Each document is an object with exactly one
 * key, its type; it leaves this module as `{ type, data }`. Receipts and shift reports are checked field by
 * field (money as exact bigint kopecks, register numbers trimmed of the trailing spaces the service sends);
 * the other types are accepted as objects and not read. Unknown extra fields are dropped, never refused.
 * Every message reads after the field's path: "documents[3].receipt.totalSum must be …".
 */
import { z } from "zod";
import { isDay } from "@/lib/providers/renta/dates";

export const DOCUMENT_TYPES = [
  "fiscalReport",
  "fiscalReportCorrection",
  "currentStateReport",
  "openShift",
  "closeShift",
  "receipt",
  "bso",
  "receiptCorrection",
  "bsoCorrection",
  "closeArchive",
] as const;
export type KonturDocumentType = (typeof DOCUMENT_TYPES)[number];

export const RECEIPT_TYPES = ["receipt", "receiptCorrection", "bso", "bsoCorrection"] as const;
export type KonturReceiptType = (typeof RECEIPT_TYPES)[number];
export const SHIFT_TYPES = ["openShift", "closeShift"] as const;
export type KonturShiftType = (typeof SHIFT_TYPES)[number];
export type KonturOtherType = Exclude<KonturDocumentType, KonturReceiptType | KonturShiftType>;

/** What a day's turnover needs: receipts of every kind and the shift reports that prove a day was worked. */
export const TURNOVER_TYPES: readonly KonturDocumentType[] = [...SHIFT_TYPES, ...RECEIPT_TYPES];

export function isDocumentType(s: string): s is KonturDocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(s);
}

// ---------- scalars ----------

const KOPECKS = "must be an integer number of kopecks";
/** Integer kopecks, never negative (a receipt's sums are amounts; the operation type carries the sign). */
export const kopecks = z
  .number({ error: KOPECKS })
  .int({ error: KOPECKS })
  .min(0, { error: "must not be a negative number of kopecks" })
  .transform((n) => BigInt(n));

const DATE_TIME = "must be a date-time yyyy-MM-ddTHH:mm:ss";
/** The register's local time, no offset, as the document gives it. */
export const localDateTime = z
  .string({ error: DATE_TIME })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, { error: DATE_TIME })
  .refine((s) => isDay(s.slice(0, 10)), { error: "must be a real calendar date" });

const count = z.number({ error: "must be a whole number" }).int({ error: "must be a whole number" }).min(0, { error: "must not be negative" });

/** "0000000003065868 ": the service pads register and fiscal drive numbers with spaces. */
const trimmed = z.string({ error: "must be a string" }).trim().min(1, { error: "must not be blank" });

const OPERATION = "must be 1 (income), 2 (refund of income), 3 (expense) or 4 (refund of expense)";
const operationType = z
  .number({ error: OPERATION })
  .int({ error: OPERATION })
  .min(1, { error: OPERATION })
  .max(4, { error: OPERATION })
  .transform((n) => n as 1 | 2 | 3 | 4);

const text = z.string({ error: "must be a string" }).nullish();

// ---------- document data ----------

/**
 * FFD 1.2 names of the same VAT tags (1102 at the general rate, 1106 at the general rate's fraction). They
 * are read into the older names the document's example uses; both present with different values is refused,
 * since the service would then be reporting one tag twice.
 */
const VAT_ALIASES: Record<string, string> = { nds20: "nds18", nds20120: "nds18118" };

function foldVatAliases(raw: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [alias, canonical] of Object.entries(VAT_ALIASES)) {
    if (!(alias in out)) continue;
    if (canonical in out && out[canonical] !== out[alias]) {
      ctx.addIssue({ code: "custom", path: [alias], input: out[alias], message: `conflicts with ${canonical} (both carry the same fiscal tag)` });
    }
    out[canonical] ??= out[alias];
    delete out[alias];
  }
  return out;
}

const itemSchema = z.object({
  name: z.string({ error: "must be a string" }),
  price: kopecks,
  /** Weighed goods have fractional quantities: a count, not money. */
  quantity: z.number({ error: "must be a number" }).nonnegative({ error: "must not be negative" }),
  sum: kopecks,
});

/** receipt, receiptCorrection, bso, bsoCorrection: the FFD's calculation documents share these fields. */
export const receiptDataSchema = z.preprocess(
  foldVatAliases,
  z.object(
    {
      dateTime: localDateTime,
      shiftNumber: count,
      operationType,
      kktRegId: trimmed,
      fiscalDriveNumber: trimmed,
      fiscalDocumentNumber: count,
      totalSum: kopecks,
      cashTotalSum: kopecks,
      ecashTotalSum: kopecks,
      // Tags 1215, 1216, 1217: prepayment set off, credit, counter-provision. FFD 1.0 receipts have none.
      prepaidSum: kopecks.optional(),
      creditSum: kopecks.optional(),
      provisionSum: kopecks.optional(),
      // VAT amounts (1102, 1103, 1106, 1107) and the bases at 0 % (1104) and without VAT (1105).
      nds18: kopecks.optional(),
      nds10: kopecks.optional(),
      nds18118: kopecks.optional(),
      nds10110: kopecks.optional(),
      nds0: kopecks.optional(),
      ndsNo: kopecks.optional(),
      // Corrections under FFD 1.0 carry no items.
      items: z.array(itemSchema, { error: "must be an array" }).optional(),
      fiscalSign: count.optional(),
      id: text,
      user: text,
      userInn: text,
      receiptCode: count.optional(),
      requestNumber: count.optional(),
      operator: text,
      retailPlaceAddress: text,
      taxationType: count.optional(),
    },
    { error: "must be an object" },
  ),
);
export type KonturReceiptData = z.output<typeof receiptDataSchema>;

export const shiftDataSchema = z.object(
  {
    dateTime: localDateTime,
    shiftNumber: count,
    kktRegId: trimmed,
    fiscalDriveNumber: trimmed.optional(),
    fiscalDocumentNumber: count,
    operator: text,
  },
  { error: "must be an object" },
);
export type KonturShiftData = z.output<typeof shiftDataSchema>;

const otherDataSchema = z.record(z.string(), z.unknown(), { error: "must be an object" });

export type KonturReceiptDocument = { type: KonturReceiptType; data: KonturReceiptData };
export type KonturShiftDocument = { type: KonturShiftType; data: KonturShiftData };
export type KonturOtherDocument = { type: KonturOtherType; data: Record<string, unknown> };
export type KonturDocument = KonturReceiptDocument | KonturShiftDocument | KonturOtherDocument;

function dataSchemaOf(type: KonturDocumentType): z.ZodType<unknown> {
  if ((RECEIPT_TYPES as readonly string[]).includes(type)) return receiptDataSchema;
  if ((SHIFT_TYPES as readonly string[]).includes(type)) return shiftDataSchema;
  return otherDataSchema;
}

/** `{ "<type>": { …data } }` → `{ type, data }`; the data's issues keep their path under the type's key. */
export const documentSchema = z.record(z.string(), z.unknown(), { error: "must be an object holding one document" }).transform((raw, ctx): KonturDocument => {
  const keys = Object.keys(raw);
  const type = keys[0];
  if (keys.length !== 1 || !isDocumentType(type)) {
    const found = keys.length === 0 ? "none" : keys.map((k) => JSON.stringify(k)).join(", ");
    ctx.issues.push({ code: "custom", input: raw, message: `must have exactly one key, a document type (${DOCUMENT_TYPES.join(", ")}); found ${found}` });
    return z.NEVER;
  }
  const parsed = dataSchemaOf(type).safeParse(raw[type]);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, path: [type, ...issue.path] } as z.core.$ZodRawIssue);
    return z.NEVER;
  }
  return { type, data: parsed.data } as KonturDocument;
});

export const pageSchema = z.object(
  {
    documents: z.array(documentSchema, { error: "must be an array of documents" }),
    // `{}` when nothing was asked for and nothing is in the period; "" is read as absent too.
    paging: z.object({ nextOffset: z.string({ error: "must be a string or null" }).max(1024, { error: "is too long for a cursor" }).nullish() }, { error: "must be an object" }),
  },
  { error: "must be an object" },
);
export type KonturPage = z.output<typeof pageSchema>;
