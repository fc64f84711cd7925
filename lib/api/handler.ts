import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { Db } from "@/db/engine";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { AppError, fieldErrors } from "@/lib/errors";
import { logUnexpected } from "@/lib/log";
import { authenticateApiKey } from "@/lib/orgs/api-keys";
import { jsonResponse } from "./json";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  permission: Permission | null;
  body?: B;
  query?: Q;
  response?: z.ZodType;
  successStatus?: number;
  /** Non-JSON responses (PDF, XLSX…) the route may also return. */
  produces?: string[];
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteArgs<B, Q> {
  actor: Actor;
  db: Db;
  body: B;
  query: Q;
  params: Record<string, string>;
  req: Request;
}

export const registry: RouteSpec<z.ZodType | undefined, z.ZodType | undefined>[] = [];

export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) {
    const headers: Record<string, string> = {};
    if (e.retryAfterSeconds) headers["retry-after"] = String(e.retryAfterSeconds);
    if (e.status === 401) headers["www-authenticate"] = 'Bearer realm="turnrent"';
    return jsonResponse({ error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } }, e.status, headers);
  }
  const ref = logUnexpected("api", e);
  return jsonResponse({ error: { code: "internal", message: `Something went wrong (ref ${ref})` } }, 500);
}

async function authenticate(req: Request, db: Db): Promise<Actor> {
  const h = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new AppError("unauthenticated", "Send an API key as 'Authorization: Bearer <key>'");
  const actor = await authenticateApiKey(db, m[1]);
  if (!actor) throw new AppError("unauthenticated", "The API key is not valid or has been revoked");
  return actor;
}

async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation", "The request body is not valid JSON");
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrors(r.error.issues)).map(([k, v]) => [`${where}.${k}`.replace(/\._$/, ""), v]));
    throw new AppError("validation", "The request is not valid", fields);
  }
  return r.data;
}

/**
 * One API route: authenticate the bearer key, authorise its role for the permission inside its own
 * organisation, validate body and query with the same zod schemas the OpenAPI document shows.
 */
export function defineRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<B, Q>,
  fn: (args: RouteArgs<Out<B>, Out<Q>>) => Promise<unknown>,
) {
  registry.push(spec as RouteSpec<z.ZodType | undefined, z.ZodType | undefined>);
  return async (req: Request, ctx: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const db = await getDb();
      const actor = spec.permission === null && !req.headers.get("authorization") ? (null as unknown as Actor) : await authenticate(req, db);
      if (spec.permission) authorize(actor, spec.permission);
      const params = (await ctx?.params) ?? {};
      const body = spec.body ? parse(spec.body, await readBody(req), "body") : undefined;
      const query = spec.query ? parse(spec.query, Object.fromEntries(new URL(req.url).searchParams), "query") : undefined;
      const result = await fn({ actor, db, body: body as Out<B>, query: query as Out<Q>, params, req });
      if (result instanceof Response) return result;
      return jsonResponse(result, spec.successStatus ?? 200);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** A path id that is not a uuid cannot exist in any organisation: 404, not 400, like any foreign id. */
export function pathId(params: Record<string, string>, name = "id"): string {
  const v = params[name];
  if (!v || !z.string().uuid().safeParse(v).success) throw new AppError("not_found", "Not found");
  return v;
}
