import "server-only";
import { z } from "zod";
import { exportMonth, exportStatement, fileResponse } from "@/lib/statements/export";
import { computeStatements, getStatementDto, issueStatement, issueStatements, listStatements, reviseStatement } from "@/lib/statements/statements";
import { periodSchema } from "@/lib/validations/contracts";
import { defineRoute, pathId } from "../handler";

const statement = z
  .object({
    id: z.string().uuid(), contractId: z.string().uuid(), period: z.string(), status: z.enum(["draft", "issued"]), revision: z.number().int(), currency: z.string(),
    turnover: z.number().int(), baseRent: z.number().int(), percentageRent: z.number().int(), rent: z.number().int(), vat: z.number().int(), total: z.number().int(),
    flags: z.array(z.unknown()), lines: z.array(z.object({ key: z.string(), label: z.string(), labelRu: z.string(), amount: z.number().int().optional(), formula: z.string() })),
    needsRevision: z.boolean(), reason: z.string().nullable(),
  })
  .passthrough();

export const postCompute = defineRoute(
  {
    method: "POST", path: "/api/v1/statements/compute", summary: "Compute draft statements for a month (all contracts or the ones given)", tag: "Statements", permission: "statements.compute",
    body: z.object({ period: periodSchema, contractIds: z.array(z.string().uuid()).max(5000).optional() }), response: z.object({ data: z.array(statement) }),
  },
  async ({ actor, db, body }) => ({ data: await computeStatements(db, actor, body) }),
);

export const getStatements = defineRoute(
  {
    method: "GET", path: "/api/v1/statements", summary: "A month's statements (latest revision each): JSON, or CSV/XLSX summary, or a ZIP of every statement (PDF and XLSX)", tag: "Statements", permission: "statements.read",
    query: z.object({ period: periodSchema, format: z.enum(["json", "csv", "xlsx", "zip"]).default("json") }), response: z.object({ data: z.array(statement) }), produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"],
  },
  async ({ actor, db, query }) => {
    if (query.format === "json") return { data: await listStatements(db, actor, query.period) };
    return fileResponse(await exportMonth(db, actor, query.period, query.format));
  },
);

export const getStatement = defineRoute(
  {
    method: "GET", path: "/api/v1/statements/{id}", summary: "One statement: JSON, or a PDF (Russian), XLSX or CSV file", tag: "Statements", permission: "statements.read",
    query: z.object({ format: z.enum(["json", "pdf", "xlsx", "csv"]).default("json") }), response: statement, produces: ["application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"],
  },
  async ({ actor, db, params, query }) => {
    if (query.format === "json") return getStatementDto(db, actor, pathId(params));
    return fileResponse(await exportStatement(db, actor, pathId(params), query.format));
  },
);

export const postIssueMany = defineRoute(
  {
    method: "POST", path: "/api/v1/statements/issue", summary: "Issue several draft statements at once, all or none (409 naming one already issued)", tag: "Statements", permission: "statements.issue",
    body: z.object({ ids: z.array(z.string().uuid()).min(1, "Choose at least one statement").max(5000) }), response: z.object({ data: z.array(statement) }),
  },
  async ({ actor, db, body }) => ({ data: await issueStatements(db, actor, body.ids) }),
);

export const postIssue = defineRoute(
  { method: "POST", path: "/api/v1/statements/{id}/issue", summary: "Issue a draft statement (it can never change again)", tag: "Statements", permission: "statements.issue", response: statement },
  async ({ actor, db, params }) => issueStatement(db, actor, pathId(params)),
);

export const postRevise = defineRoute(
  {
    method: "POST", path: "/api/v1/statements/{id}/revise", summary: "Correct an issued statement: a new revision with a reason", tag: "Statements", permission: "statements.issue",
    body: z.object({ reason: z.string().trim().min(3, "Give the reason for the correction").max(1000) }), response: statement, successStatus: 201,
  },
  async ({ actor, db, params, body }) => reviseStatement(db, actor, pathId(params), body.reason),
);
