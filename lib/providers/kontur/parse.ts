/**
 * Body text → a typed page, or a precise KonturError naming the method and the field. Kept apart from the
 * client so the fixture tests run the exact code path a live response takes.
 */
import type { z } from "zod";
import { parseJson } from "@/lib/providers/renta/json";
import { formatPath } from "@/lib/providers/renta/parse";
import { malformed } from "./errors";
import { pageSchema, type KonturPage } from "./schemas";

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
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
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `number ${v}`;
  return typeof v === "object" ? "an object" : typeof v;
}

/** "must be an integer number of kopecks (received number 113.36)". */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const actual = valueAt(raw, issue.path);
  // Our schemas word their own messages; zod's defaults ("Invalid input: …") are reworded to match.
  const message = issue.code === "invalid_type" && issue.message.startsWith("Invalid") ? `must be ${issue.expected}` : issue.message;
  const plainObject = typeof actual === "object" && actual !== null && !Array.isArray(actual);
  return plainObject && issue.code === "custom" ? message : `${message} (received ${describeValue(actual)})`;
}

/** Bad JSON may be a connection cut mid-body: retryable. A well-formed body of the wrong shape is not. */
export function parsePage(method: string, body: string): KonturPage {
  const json = parseJson(body);
  if (!json.ok) throw malformed(method, `the body is ${json.error}`, undefined, true);
  const parsed = pageSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(method, describeIssue(issue, json.value), formatPath(issue.path) || "the body");
  }
  return parsed.data;
}

/** The service's own words in an error body (JSON `message` or `error`), if it gave any. */
export function readProviderMessage(body: string): string | undefined {
  const json = parseJson(body);
  if (!json.ok || typeof json.value !== "object" || json.value === null) return undefined;
  const o = json.value as Record<string, unknown>;
  for (const key of ["message", "Message", "error", "error_description"]) {
    if (typeof o[key] === "string" && o[key]) return o[key];
  }
  return undefined;
}
