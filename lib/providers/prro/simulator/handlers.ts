/**
 * The simulator's API rules: route → verb → the two required headers → num_fiscal → the register's status. No
 * sockets here (server.ts owns HTTP, the api_token and faults), so every rule is testable directly.
 */
import type { IncomingHttpHeaders } from "node:http";
import { failure, type SimResponse } from "@/lib/providers/http/simulator-server";
import type { Dataset } from "@/lib/providers/renta/simulator/dataset";
import { taxObjectBody } from "./payload";
import { shiftStateAt } from "./shifts";
import type { SimTaxObject } from "./tax-objects";

export interface SimContext {
  ds: Dataset;
  taxObjects: readonly SimTaxObject[];
  /** Kyiv wall-clock now, "YYYY-MM-DDTHH:mm:ss": later receipts have not happened yet. */
  nowLocal: string;
}

export const ROUTE = /^\/api\/v2\/tax_objects\/([^/]*)$/;

/** "application/json" among the listed types (parameters and q-values aside). */
function lists(value: string | undefined, type: string): boolean {
  return (value ?? "").split(",").some((part) => part.split(";")[0].trim().toLowerCase() === type);
}

export function handle(ctx: SimContext, method: string, path: string, headers: IncomingHttpHeaders): SimResponse {
  const m = ROUTE.exec(path);
  if (!m) return failure(404, "NotFound", "no such method");
  if (method !== "GET") return { ...failure(405, "MethodNotAllowed", "only GET is allowed"), headers: { allow: "GET" } };
  // The document: "the request must carry the headers Accept: application/json and Content-Type: application/json".
  if (!lists(headers.accept, "application/json")) return failure(406, "NotAcceptable", "the request must carry Accept: application/json");
  if (!lists(headers["content-type"], "application/json")) return failure(415, "UnsupportedMediaType", "the request must carry Content-Type: application/json");
  let numFiscal: string;
  try {
    numFiscal = decodeURIComponent(m[1]);
  } catch {
    return failure(400, "BadRequest", "num_fiscal must be an integer");
  }
  if (!/^\d+$/.test(numFiscal)) return failure(400, "BadRequest", "num_fiscal must be an integer");
  const to = ctx.taxObjects.find((t) => t.numFiscal === numFiscal);
  if (!to) return failure(404, "NotFound", `no cash register with fiscal number ${numFiscal}`);
  return { status: 200, body: taxObjectBody(ctx.ds, to, shiftStateAt(ctx.ds, to.kkt, ctx.nowLocal), ctx.nowLocal) };
}
