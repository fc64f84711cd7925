import { z } from "zod";
import { parseMoneyInput } from "@/lib/money";
import { periodSchema } from "./contracts";

const MAX = Number.MAX_SAFE_INTEGER;
const reasonSchema = z.string().trim().min(3, "Say why the turnover is adjusted (at least 3 characters)").max(500, "At most 500 characters");

/**
 * A manual turnover adjustment at the API edge: a signed JSON integer of minor units (added to the month's
 * counted turnover; negative takes away), never zero.
 */
export const adjustmentInputSchema = z.object({
  contractId: z.string().uuid("Choose a contract"),
  period: periodSchema,
  amount: z
    .number({ message: "Enter an amount in minor units (kopecks) as an integer" })
    .int("Amounts are whole kopecks")
    .min(-MAX)
    .max(MAX)
    .refine((v) => v !== 0, "An adjustment of zero changes nothing")
    .transform((v) => BigInt(v)),
  reason: reasonSchema,
});
export type AdjustmentInput = z.output<typeof adjustmentInputSchema>;

/** The same from a form: roubles as a person types them ("-15 000,50"), converted exactly. */
export const adjustmentFormSchema = adjustmentInputSchema.extend({
  amount: z
    .string()
    .trim()
    .transform((s, ctx) => {
      const negative = /^[-−–]/.test(s);
      const v = parseMoneyInput(negative ? s.slice(1) : s);
      if (v === null || v > BigInt(MAX)) {
        ctx.addIssue({ code: "custom", message: "Enter an amount such as 15 000,00 or -15 000,00" });
        return z.NEVER;
      }
      if (v === 0n) {
        ctx.addIssue({ code: "custom", message: "An adjustment of zero changes nothing" });
        return z.NEVER;
      }
      return negative ? -v : v;
    }),
});
