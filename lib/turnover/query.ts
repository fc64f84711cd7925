import { z } from "zod";
import { isoDate } from "@/lib/validations/contracts";

/** What a turnover report asks for: the API's query and the browser download's, one schema. */
export const turnoverQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    groupBy: z.enum(["day", "month", "kkt", "tenant", "category"]).default("day"),
    tenantId: z.string().uuid().optional(),
    /** Only stores of this category ("" for none). */
    category: z.string().max(200).optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .refine((q) => q.from <= q.to, { path: ["to"], message: "'to' is before 'from'" })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { path: ["to"], message: "At most three years at once" });
export type TurnoverQuery = z.infer<typeof turnoverQuerySchema>;
