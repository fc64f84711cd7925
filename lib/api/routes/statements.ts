import "server-only";
import { z } from "zod";
import { loadContracts } from "@/db/queries/contracts";
import { listTenants } from "@/db/queries/tenancy";
import { authorize } from "@/lib/auth/actor";
import { statementCsv, statementsCsv } from "@/lib/exports/csv";
import { computeStatements, getStatementDto, issueStatement, listStatements, reviseStatement } from "@/lib/statements/statements";
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

const csvResponse = (body: string, name: string) =>
  new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });

export const postCompute = defineRoute(
  {
    method: "POST", path: "/api/v1/statements/compute", summary: "Compute draft statements for a month (all contracts or the ones given)", tag: "Statements", permission: "statements.compute",
    body: z.object({ period: periodSchema, contractIds: z.array(z.string().uuid()).max(5000).optional() }), response: z.object({ data: z.array(statement) }),
  },
  async ({ actor, db, body }) => ({ data: await computeStatements(db, actor, body) }),
);

export const getStatements = defineRoute(
  {
    method: "GET", path: "/api/v1/statements", summary: "A month's statements (latest revision each), as JSON or CSV", tag: "Statements", permission: "statements.read",
    query: z.object({ period: periodSchema, format: z.enum(["json", "csv"]).default("json") }), response: z.object({ data: z.array(statement) }), produces: ["text/csv"],
  },
  async ({ actor, db, query }) => {
    const data = await listStatements(db, actor, query.period);
    if (query.format === "json") return { data };
    authorize(actor, "statements.export");
    const contracts = new Map((await loadContracts(db, actor.orgId)).map((c) => [c.id, c]));
    const tenants = new Map((await listTenants(db, actor.orgId)).map((t) => [t.id, t.name]));
    const rows = data.map((s) => ({ ...s, contractNumber: contracts.get(s.contractId)?.number ?? "", tenantName: tenants.get(contracts.get(s.contractId)?.tenantId ?? "") ?? "" }));
    return csvResponse(statementsCsv(rows), `statements-${query.period}.csv`);
  },
);

export const getStatement = defineRoute(
  {
    method: "GET", path: "/api/v1/statements/{id}", summary: "One statement, as JSON or CSV", tag: "Statements", permission: "statements.read",
    query: z.object({ format: z.enum(["json", "csv"]).default("json") }), response: statement, produces: ["text/csv"],
  },
  async ({ actor, db, params, query }) => {
    const s = await getStatementDto(db, actor, pathId(params));
    if (query.format === "json") return s;
    authorize(actor, "statements.export");
    const [c] = await loadContracts(db, actor.orgId, { ids: [s.contractId] });
    return csvResponse(statementCsv(s, c?.number ?? ""), `statement-${s.period}-r${s.revision}.csv`);
  },
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
