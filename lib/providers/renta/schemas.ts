/**
 * Runtime shapes of every Renta response (document v2.4). Rule for required vs optional: a field the
 * document's own example shows is required; a field only its table lists is optional. Field-name
 * variants that the document itself uses (table vs example) are accepted and normalised to one
 * spelling; money leaves this module as exact bigint kopecks, whatever unit the method uses.
 */
import { z } from "zod";
import { majorToMinor } from "@/lib/money";

// ---------- scalars ----------

/** Integer kopecks (most methods). */
export const kopecks = z
  .number()
  .int("expected an integer number of kopecks")
  .refine(Number.isSafeInteger, "amount is beyond the exact integer range")
  .transform((n) => BigInt(n));

/** Roubles with at most two decimals (kkt-full-data): exact, never via float arithmetic. */
export const roubles = z.number().transform((n, ctx) => {
  try {
    return majorToMinor(n);
  } catch {
    ctx.issues.push({ code: "custom", input: n, message: `expected roubles with at most 2 decimals, received ${n}` });
    return z.NEVER;
  }
});

export const count = z.number().int().nonnegative();

/** "2016-07-26T12:32:00": the document's date-times carry no offset. */
export const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/, "expected YYYY-MM-DDThh:mm:ss");

/** Descriptive text the service may leave out or null; "" is normalised to undefined. */
const text = z
  .string()
  .nullish()
  .transform((s) => (s === null || s === undefined || s === "" ? undefined : s));

/** The document types some counters as String but shows numbers. */
const looseCount = z.union([count, z.string().regex(/^\d+$/).transform(Number)]);

const digits = (n: string) => z.string().regex(new RegExp(`^\\d{${n}}$`), `expected ${n} digits`);
const inn = z.string().regex(/^(\d{10}|\d{12})$/, "expected an INN of 10 or 12 digits");

/**
 * Accept the spellings the document uses for one field and keep only the canonical one. Both present
 * with different values is refused: we cannot tell which one the service meant.
 */
function withAliases<T extends z.ZodType>(aliases: Record<string, readonly string[]>, schema: T) {
  return z.preprocess((raw, ctx) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
    const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const [canonical, variants] of Object.entries(aliases)) {
      for (const v of variants) {
        if (!(v in out)) continue;
        if (canonical in out && out[canonical] !== out[v]) {
          ctx.addIssue({ code: "custom", path: [v], input: raw, message: `conflicts with ${canonical}` });
        }
        if (!(canonical in out)) out[canonical] = out[v];
        delete out[v];
      }
    }
    return out;
  }, schema);
}

// ---------- envelopes ----------

export function successEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ Status: z.literal("Success"), Data: data, Elapsed: z.string().optional() });
}

export const failedEnvelopeSchema = z.object({
  Status: z.literal("Failed"),
  Error: z.object({ Code: z.union([z.number(), z.string()]).optional(), Message: z.string().nullish() }).nullish(),
});

// ---------- 2. CreateAuthToken ----------

export const authTokenSchema = z.object({ AuthToken: z.string().min(16), ExpirationDateUtc: localDateTime });

// ---------- 3.1 receipts by KKT / by INN ----------

export const operationType = z.enum(["Income", "Expense", "Refund income", "Refund expense"]);

export const receiptSchema = withAliases(
  { KktAddress: ["KktAdress"], KktRegNumber: ["kktRegNumber"] },
  z.object({
    Id: z.string().min(1),
    IsCorrection: z.boolean(),
    CDateUtc: localDateTime,
    Tag: z.number().int(),
    IsBso: z.boolean(),
    OperationType: operationType,
    UserInn: inn,
    KktAddress: text,
    SerialNumber: z.string(),
    KktRegNumber: z.string().min(1),
    FnNumber: z.string(),
    DocNumber: z.number().int().optional(),
    DocDateTime: localDateTime,
    DocShiftNumber: z.number().int().optional(),
    ReceiptNumber: z.number().int().optional(),
    TotalSumm: kopecks,
    CashSumm: kopecks,
    ECashSumm: kopecks,
    CreditSumm: kopecks,
    PrepaidSumm: kopecks,
    TaxTotalSumm: kopecks,
    Tax10Summ: kopecks,
    Tax18Summ: kopecks,
    Tax110Summ: kopecks,
    Tax118Summ: kopecks,
    Tax0Summ: kopecks,
    TaxNaSumm: kopecks,
    Depth: z.number().int(),
  }),
);
export const receiptsSchema = z.array(receiptSchema);

// ---------- 3.2 receipt detail ----------

export const receiptItemSchema = z.object({
  Name: z.string(),
  CustomName: text,
  Price: kopecks,
  NomenFullName: text,
  NomenSerialNumber: text,
  // Weighed goods have fractional quantities although the table says Integer.
  Quantity: z.number().nonnegative(),
  Total: kopecks,
  CalculationMethod: z.number().int().min(1).max(7),
  SubjectType: z.number().int().min(1),
  NDS_Rate: z.number().int().min(1).max(6),
  NDS_Summ: kopecks,
});

export const receiptDetailSchema = withAliases(
  { KktRegNumber: ["kktRegNumber"], KktAddress: ["KktAdress"] },
  z.object({
    Id: z.string().min(1),
    IsCorrection: z.boolean(),
    IsBso: z.boolean(),
    OperationType: operationType,
    UserInn: inn,
    UserName: z.string(),
    KktAddress: text,
    SerialNumber: z.string(),
    KktRegNumber: z.string().min(1),
    FnNumber: z.string(),
    Items: z.array(receiptItemSchema),
    DocDateTime: localDateTime,
    TotalSumm: kopecks,
    CashSumm: kopecks,
    ECashSumm: kopecks,
    CreditSumm: kopecks,
    PrepaidSumm: kopecks,
    TaxTotalSumm: kopecks,
    Tax10Summ: kopecks,
    Tax18Summ: kopecks,
    Tax110Summ: kopecks.optional(),
    Tax118Summ: kopecks.optional(),
    TaxNaSumm: kopecks.optional(),
    Tax0Summ: kopecks.optional(),
  }),
);

// ---------- 3.3 legal entities ----------

export const legalEntitySchema = withAliases(
  { KktRegistered: ["KktRergistered"] },
  z.object({ UserInn: inn, UserKpp: text, UserName: z.string(), KktRegistered: count, KktOnline: count }),
);
export const legalEntitiesSchema = z.array(legalEntitySchema);

// ---------- 3.4 KKTs ----------

/** The document's full list; the service may add reports, which are kept as plain strings. */
export const KNOWN_REPORTS = [
  "KktWorkingTime",
  "KktOperations",
  "KktReceipts",
  "NomenclatureSales",
  "KktOracleReceipts",
  "UnaccountedRevenue",
  "KktMonitoring",
  "RentaForTenantReport",
  "RentaCloseShiftReport",
] as const;

export const kktSchema = withAliases(
  { KktAddress: ["KktAdress"], KktRegNumber: ["kktRegNumber"] },
  z.object({
    UserInn: inn,
    UserKpp: text,
    UserName: z.string(),
    KktAddress: text,
    KktPlace: text,
    KktSerialNumber: z.string(),
    KktRegNumber: z.string(),
    FnNumber: z.string(),
    Rnm: z.string().min(1),
    DateFrom: localDateTime,
    DateTo: localDateTime,
    AvailableReports: z.array(z.string().min(1)),
  }),
);
export const kktsSchema = z.array(kktSchema);

// ---------- 3.5 kkt-full-data (roubles!) ----------

const categorySchema = z.object({
  categoryId: z.string(),
  categoryName: z.string(),
  categoryValues: z.array(z.object({ Id: z.string(), Value: z.string() })),
});

export const storeInfoSchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  brand: text,
  uDate: localDateTime.nullish(),
  categories: z.array(categorySchema),
});

export const restrInfoSchema = z.object({
  restrCode: z.string(),
  orderDiffSumm: roubles,
  preorderSumm: roubles,
  deletedSumm: roubles,
  discountedSumm: roubles,
  cancelledSumm: roubles,
  ordersNdsSumm: roubles,
  preorderCount: count,
});

export const fullDataSchema = z.object({
  name: z.string(),
  inn: inn,
  rnm: z.string().min(1),
  zn: z.string(),
  incomeSumm: roubles,
  incomeCount: count,
  cashlessIncomeCount: count,
  cashIncomeCount: count,
  prepaidIncomeCount: count,
  creditIncomeCount: count,
  corIncomeCount: count,
  cashIncomeSumm: roubles,
  cashlessIncomeSumm: roubles,
  prepaidIncomeSumm: roubles,
  creditIncomeSumm: roubles,
  refundIncomeSumm: roubles,
  refundIncomecount: count,
  correRundIncomecount: count,
  refundCashIncomeSumm: roubles,
  refundCashlessIncomeSumm: roubles,
  refundPrepaidIncomeSumm: roubles,
  refundCreditIncomeSumm: roubles,
  // From 2026 the basic rate is 22 % and receipts carry it in the same tag as 20 % did.
  nds20: roubles,
  nds10: roubles,
  nds00: roubles,
  ndsNot: roubles,
  nds20_120: roubles,
  nds10_110: roubles,
  ndsAll: roubles,
  expenseSumm: roubles,
  refundExpenseSumm: roubles,
  // A register with no store card, or not a restaurant, has none of these.
  storeInfo: storeInfoSchema.nullish(),
  restrInfo: restrInfoSchema.nullish(),
  uniqueItemsCount: count.optional(),
  itemsQtySumm: z.number().nonnegative().optional(),
});
export const fullDataListSchema = z.array(fullDataSchema);

// ---------- 3.6 shift-list ----------

export const shiftSchema = withAliases(
  { CorrectionCount: ["CorrrectionCount"], KktRegNumber: ["kktRegNumber"] },
  z.object({
    Id: z.string().min(1),
    Open_CDateUtc: localDateTime,
    // A shift that is still open has no closing report yet.
    Close_CDateUtc: localDateTime.nullish(),
    UserInn: inn,
    KktRegNumber: z.string().min(1),
    FnNumber: z.string(),
    ShiftNumber: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
    Operator: text,
    Open_DocNumber: z.number().int(),
    Open_DocDateTime: localDateTime,
    Open_DocRawId: z.string(),
    Close_DocNumber: z.number().int().nullish(),
    Close_DocDateTime: localDateTime.nullish(),
    Close_DocRawId: z.string().nullish(),
    IncomeSumm: kopecks,
    IncomeCashSumm: kopecks,
    IncomeECashSumm: kopecks,
    AdvanceSumm: kopecks,
    CreditSumm: kopecks,
    ExchangeSumm: kopecks,
    IncomeCount: count,
    IncomeCountCash: count,
    IncomeCountECash: count,
    IncomeCountCredit: count,
    IncomeCountPrepaid: count,
    RefundIncomeSumm: kopecks,
    RefundIncomeCashSumm: kopecks,
    RefundAdvanceSumm: kopecks,
    RefundCreditSumm: kopecks,
    RefundExchangeSumm: kopecks,
    RefundIncomeCount: count,
    ExpenseSumm: kopecks,
    ExpenseCount: count,
    RefundExpenseSumm: kopecks,
    RefundExpenseCount: count,
    TaxTotalSumm: kopecks,
    Tax10Summ: kopecks,
    Tax18Summ: kopecks,
    Tax110Summ: kopecks,
    Tax118Summ: kopecks,
    TaxNaSumm: kopecks,
    Tax0Summ: kopecks,
    CorrectionCount: count,
    PaymentPlace: text,
  }),
);
export const shiftsSchema = z.array(shiftSchema);

// ---------- 3.7 v3/companies ----------

export const cabinetSchema = z.object({
  Id: z.string().min(1),
  Inn: inn,
  Kpp: digits("9"),
  Name: z.string(),
  CreateDate: localDateTime,
  // Documented values are Test and Commercial; an unknown status is kept rather than failing a sync.
  Status: z.string().min(1),
  DateFrom: localDateTime.nullish(),
  DateTo: localDateTime.nullish(),
  ActiveKktCount: looseCount,
  ActiveRenterCount: looseCount,
  AwaitingRequestCount: looseCount,
});
export const cabinetsSchema = z.array(cabinetSchema);

export type RentaAuthToken = z.output<typeof authTokenSchema>;
export type RentaReceipt = z.output<typeof receiptSchema>;
export type RentaReceiptDetail = z.output<typeof receiptDetailSchema>;
export type RentaLegalEntity = z.output<typeof legalEntitySchema>;
export type RentaKkt = z.output<typeof kktSchema>;
export type RentaFullData = z.output<typeof fullDataSchema>;
export type RentaStoreInfo = z.output<typeof storeInfoSchema>;
export type RentaShift = z.output<typeof shiftSchema>;
export type RentaCabinet = z.output<typeof cabinetSchema>;
