/**
 * Body text → typed Data, or a precise RentaError. Kept apart from the client so fixture tests run
 * the exact code path a live response takes.
 */
import type { z } from "zod";
import { documentedCodeOf, malformed, RentaError } from "./errors";
import { parseJson } from "./json";
import { failedEnvelopeSchema, successEnvelope } from "./schemas";

/** "Data[0].storeInfo.categories[1].categoryName" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out;
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === undefined) return "nothing (field missing)";
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `number ${v}`;
  return typeof v;
}

/** The first problem zod found, in words a support engineer can act on. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const actual = at(raw, issue.path);
  if (issue.code === "invalid_type") return `expected ${issue.expected}, received ${describeValue(actual)}`;
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map((x) => JSON.stringify(x)).join(", ")}, received ${describeValue(actual)}`;
  return `${issue.message}`;
}

/** Parse a 200 body for `method`: JSON → envelope → Data. Bad JSON may be a cut connection: retryable. */
export function parseSuccess<T extends z.ZodType>(method: string, body: string, data: T): z.output<T> {
  const json = parseJson(body);
  if (!json.ok) throw malformed(method, json.error, undefined, true);
  const failed = failedEnvelopeSchema.safeParse(json.value);
  if (failed.success) throw failureToError(method, 200, failed.data.Error ?? undefined);
  const parsed = successEnvelope(data).safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(method, describeIssue(issue, json.value), formatPath(issue.path) || undefined);
  }
  return (parsed.data as { Data: z.output<T> }).Data;
}

/** A non-200 answer (or a 200 with Status Failed) → the named RentaError. */
export function failureToError(
  method: string,
  status: number,
  error: { Code?: string | number; Message?: string | null } | undefined,
  retryAfterMs?: number,
): RentaError {
  const code = documentedCodeOf(error?.Code, error?.Message);
  const providerMessage = error?.Message ?? undefined;
  const base = { method, status, providerCode: error?.Code, providerMessage, retryAfterMs };
  if (code) return new RentaError({ ...base, code, retryable: code === "InternalError" || status >= 500 });
  // The document names no expired-token code; a 401 or a message about the token is treated as one.
  if (status === 401 || (status >= 400 && status < 500 && /token/i.test(providerMessage ?? ""))) {
    return new RentaError({ ...base, code: "AuthFailed", text: "the service refused the AuthToken (expired or invalid)" });
  }
  const retryable = status >= 500 || status === 429 || status === 408;
  const detail = `HTTP ${status}${providerMessage ? ` (${providerMessage.slice(0, 200)})` : ""}`;
  return new RentaError({ ...base, code: "Http", detail, retryable });
}

/** Read whatever error envelope a non-200 body holds; HTML from a proxy gives undefined. */
export function readFailure(body: string): { Code?: string | number; Message?: string | null } | undefined {
  const json = parseJson(body);
  if (!json.ok) return undefined;
  const failed = failedEnvelopeSchema.safeParse(json.value);
  return failed.success ? (failed.data.Error ?? undefined) : undefined;
}
