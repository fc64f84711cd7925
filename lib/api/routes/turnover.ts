import "server-only";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { escapeSpreadsheetText } from "@/lib/exports/spreadsheet-text";
import { minorToDecimalString } from "@/lib/money";
import { turnoverReport } from "@/lib/turnover/report";
import { isoDate } from "@/lib/validations/contracts";
import { defineRoute } from "../handler";

const row = z.object({ key: z.record(z.string(), z.string()), income: z.number().int(), refunds: z.number().int(), net: z.number().int(), receipts: z.number().int(), days: z.number().int() });

export const getTurnover = defineRoute(
  {
    method: "GET", path: "/api/v1/turnover", summary: "Daily turnover summed by day, month, register, tenant or store category (money in kopecks)", tag: "Turnover", permission: "tenancy.read",
    query: z
      .object({ from: isoDate, to: isoDate, groupBy: z.enum(["day", "month", "kkt", "tenant", "category"]).default("day"), tenantId: z.string().uuid().optional(), format: z.enum(["json", "csv"]).default("json") })
      .refine((q) => q.from <= q.to, { path: ["to"], message: "'to' is before 'from'" })
      .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { path: ["to"], message: "At most three years at once" }),
    response: z.object({ currency: z.literal("RUB"), data: z.array(row) }),
    produces: ["text/csv"],
  },
  async ({ actor, db, query }) => {
    const data = await turnoverReport(db, actor, query);
    if (query.format === "json") return { currency: "RUB" as const, data };
    const keys = Object.keys(data[0]?.key ?? {});
    const body =
      "\uFEFF" +
      stringify(
        [[...keys, "income", "refunds", "net", "receipts", "days"], ...data.map((r) => [...keys.map((k) => escapeSpreadsheetText(r.key[k])), minorToDecimalString(r.income), minorToDecimalString(r.refunds), minorToDecimalString(r.net), String(r.receipts), String(r.days)])],
        { delimiter: ";", record_delimiter: "\r\n" },
      );
    return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="turnover-${query.groupBy}-${query.from}-${query.to}.csv"`, "cache-control": "no-store" } });
  },
);
