/**
 * Body text → a typed page, or a precise YandexError naming the method and the field. Kept apart from the
 * client so the fixture tests run the exact code path a live response takes.
 */
import type { z } from "zod";
import { parseJson } from "@/lib/providers/renta/json";
import { formatPath } from "@/lib/providers/renta/parse";
import { malformed } from "./errors";
import { JsonNumber, parseJsonExact } from "./json";
import { pageSchema, type YandexPage } from "./schemas";

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== "object" || v instanceof JsonNumber) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Numbers are shown as the service wrote them ("number 70.0"), never as a float's rendering. */
function describeValue(v: unknown): string {
  if (v === undefined) return "nothing (field missing)";
  if (v === null) return "null";
  if (v instanceof JsonNumber) return `number ${v.text.length > 40 ? v.text.slice(0, 40) + "…" : v.text}`;
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  return typeof v === "object" ? "an object" : typeof v;
}

/** "must be whole kopecks, at most 2 decimals (received number 1234.567)". */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const actual = valueAt(raw, issue.path);
  // Our schemas word their own messages; zod's defaults ("Invalid input: …") are reworded to match.
  const message = issue.code === "invalid_type" && issue.message.startsWith("Invalid") ? `must be ${issue.expected}` : issue.message;
  return `${message} (received ${describeValue(actual)})`;
}

/** Bad JSON may be a connection cut mid-body: retryable. A well-formed body of the wrong shape is not. */
export function parsePage(method: string, body: string): YandexPage {
  const json = parseJsonExact(body);
  if (!json.ok) throw malformed(method, `the body is ${json.error}`, undefined, true);
  const parsed = pageSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(method, describeIssue(issue, json.value), formatPath(issue.path) || "the body");
  }
  return parsed.data;
}

/** The service's own words in an error body (`message`, `error`, or `error.message`), if it gave any. */
export function readProviderMessage(body: string): string | undefined {
  const json = parseJson(body);
  if (!json.ok || typeof json.value !== "object" || json.value === null) return undefined;
  const o = json.value as Record<string, unknown>;
  for (const key of ["message", "error", "error_description", "description"]) {
    const v = o[key];
    if (typeof v === "string" && v) return v;
    if (typeof v === "object" && v !== null && typeof (v as { message?: unknown }).message === "string") return (v as { message: string }).message || undefined;
  }
  return undefined;
}
