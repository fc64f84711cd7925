import "server-only";
import { z } from "zod";
import { turnoverCsvResponse } from "@/lib/turnover/csv";
import { turnoverQuerySchema } from "@/lib/turnover/query";
import { turnoverReport } from "@/lib/turnover/report";
import { defineRoute } from "../handler";

const row = z.object({ key: z.record(z.string(), z.string()), income: z.number().int(), refunds: z.number().int(), net: z.number().int(), receipts: z.number().int(), days: z.number().int() });

export const getTurnover = defineRoute(
  {
    method: "GET", path: "/api/v1/turnover", summary: "Daily turnover summed by day, month, register, tenant or store category (money in kopecks)", tag: "Turnover", permission: "tenancy.read",
    query: turnoverQuerySchema,
    response: z.object({ currency: z.literal("RUB"), data: z.array(row) }),
    produces: ["text/csv"],
  },
  async ({ actor, db, query }) => {
    const data = await turnoverReport(db, actor, query);
    if (query.format === "json") return { currency: "RUB" as const, data };
    return turnoverCsvResponse(data, query);
  },
);
