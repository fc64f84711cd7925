import { isValidRegisterNumber, REGISTER_NUMBER_MESSAGE } from "./identifiers";
import { z } from "zod";
import { parseMoneyInput } from "@/lib/money";
import { isoDate } from "./contracts";

const MAX = Number.MAX_SAFE_INTEGER;

/** Where figures entered by a person come from: typed in by the landlord, or from the tenant's own sales report. */
export const ENTERED_SOURCES = ["manual", "tenant-reported"] as const;
export type EnteredSource = (typeof ENTERED_SOURCES)[number];

/** Figures a person may give besides income and refunds (each is left unknown when not given). */
const OPTIONAL = ["incomeVat", "refundsVat", "incomeCash", "incomeCashless", "incomePrepaid", "incomeCredit", "refundsCash", "refundsCashless", "refundsPrepaid", "refundsCredit"] as const;

/** Minor units at the API edge: a JSON integer ≥ 0. */
const apiAmount = z.number({ message: "Enter an amount in minor units (kopecks) as an integer" }).int("Amounts are whole kopecks").min(0, "Amounts are not negative").max(MAX).transform((v) => BigInt(v));
/** The same typed by a person: roubles such as "150 000,50". */
const formAmount = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const v = parseMoneyInput(s);
    if (v === null || v > BigInt(MAX)) {
      ctx.addIssue({ code: "custom", message: "Enter an amount such as 150 000,00" });
      return z.NEVER;
    }
    return v;
  });
const count = z.number({ message: "A count of receipts is a whole number" }).int("A count of receipts is a whole number").min(0, "A count of receipts is a whole number").max(1_000_000);

type Figures = { income: bigint; refunds: bigint } & Partial<Record<(typeof OPTIONAL)[number], bigint>>;

/** Figures that cannot be a day's turnover are refused next to the field that is wrong. */
function consistent(v: Figures, ctx: z.RefinementCtx) {
  if (v.incomeVat !== undefined && v.incomeVat > v.income) ctx.addIssue({ code: "custom", path: ["incomeVat"], message: "VAT cannot exceed the income" });
  if (v.refundsVat !== undefined && v.refundsVat > v.refunds) ctx.addIssue({ code: "custom", path: ["refundsVat"], message: "VAT cannot exceed the refunds" });
  for (const side of ["income", "refunds"] as const) {
    const forms = (["Cash", "Cashless", "Prepaid", "Credit"] as const).map((f) => v[`${side}${f}`]);
    if (forms.every((x) => x === undefined)) continue;
    const sum = forms.reduce<bigint>((a, x) => a + (x ?? 0n), 0n);
    if (forms.some((x) => x === undefined) || sum !== v[side])
      ctx.addIssue({ code: "custom", path: [`${side}Cash`], message: `Give all four payment forms; they must add up to the ${side === "income" ? "income" : "refunds"}` });
  }
}

const shape = <A extends z.ZodType<bigint>>(amount: A) => ({
  source: z.enum(ENTERED_SOURCES, { message: "Choose where the figures come from: manual or tenant-reported" }),
  income: amount,
  refunds: amount,
  ...Object.fromEntries(OPTIONAL.map((f) => [f, amount.optional()])) as Record<(typeof OPTIONAL)[number], z.ZodOptional<A>>,
  receipts: count.optional(),
  refundReceipts: count.optional(),
});

/** One day of a register, entered over the API (PUT /api/v1/kkts/{id}/days/{day}). */
export const dayEntryInputSchema = z.object(shape(apiAmount)).superRefine(consistent);
export type DayEntryInput = z.output<typeof dayEntryInputSchema>;

/** Several registers' days at once (POST /api/v1/turnover): all or none. */
export const dayEntriesInputSchema = z.object({
  entries: z.array(z.object({ rnm: z.string().trim().refine(isValidRegisterNumber, REGISTER_NUMBER_MESSAGE), day: isoDate, ...shape(apiAmount) }).superRefine(consistent)).min(1, "Give at least one day").max(5000, "At most 5000 days at once"),
});

/** The register page's form: one day, roubles as typed; blank optional figures are not given. */
export const dayEntryFormSchema = z.object({
  kktId: z.string().uuid(),
  day: isoDate,
  source: z.enum(ENTERED_SOURCES, { message: "Choose where the figures come from" }),
  income: formAmount,
  refunds: z.preprocess((v) => (v === "" || v === undefined ? "0" : v), formAmount),
  incomeVat: z.preprocess((v) => (v === "" ? undefined : v), formAmount.optional()),
  receipts: z.preprocess((v) => (v === "" || v === undefined ? undefined : Number(v)), count.optional()),
});
