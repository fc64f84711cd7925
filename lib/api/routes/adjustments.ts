import "server-only";
import { z } from "zod";
import { addAdjustment, listAdjustmentDtos, removeAdjustment } from "@/lib/adjustments/adjustments";
import { adjustmentInputSchema } from "@/lib/validations/adjustments";
import { periodSchema } from "@/lib/validations/contracts";
import { defineRoute, pathId } from "../handler";

const adjustment = z.object({
  id: z.string().uuid(), contractId: z.string().uuid(), contractNumber: z.string(), period: z.string(),
  amount: z.number().int().describe("Signed minor units added to the month's counted turnover"), reason: z.string(), author: z.string(), createdAt: z.string(),
});

export const getAdjustments = defineRoute(
  {
    method: "GET", path: "/api/v1/adjustments", summary: "Manual turnover adjustments, by month and/or contract", tag: "Statements", permission: "statements.read",
    query: z.object({ period: periodSchema.optional(), contractId: z.string().uuid().optional() }), response: z.object({ data: z.array(adjustment) }),
  },
  async ({ actor, db, query }) => ({ data: await listAdjustmentDtos(db, actor, query) }),
);

export const postAdjustment = defineRoute(
  {
    method: "POST", path: "/api/v1/adjustments", summary: "Adjust a contract's turnover for a month (signed minor units, with a reason); counts from the next compute or revision", tag: "Statements",
    permission: "adjustments.write", body: adjustmentInputSchema, response: adjustment, successStatus: 201,
  },
  async ({ actor, db, body }) => addAdjustment(db, actor, body),
);

export const deleteAdjustment = defineRoute(
  { method: "DELETE", path: "/api/v1/adjustments/{id}", summary: "Remove an adjustment no issued statement counted (409 otherwise: add a reversing one)", tag: "Statements", permission: "adjustments.write", successStatus: 204 },
  async ({ actor, db, params }) => {
    await removeAdjustment(db, actor, pathId(params));
    return new Response(null, { status: 204 });
  },
);
