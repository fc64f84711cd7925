/**
 * Body text → the typed response, or a precise PrroError naming the field. Kept apart from the client so the
 * fixture tests run the exact code path a live response takes.
 */
import { formatPath } from "@/lib/providers/renta/parse";
import { describeIssue } from "@/lib/providers/yandex/parse";
import { parseJsonExact } from "@/lib/providers/yandex/json";
import { malformed } from "./errors";
import { taxObjectResponseSchema, type PrroTaxObjectResponse } from "./schemas";

export { readProviderMessage } from "@/lib/providers/yandex/parse";

/** Bad JSON may be a connection cut mid-body: retryable. A well-formed body of the wrong shape is not. */
export function parseTaxObjectResponse(body: string): PrroTaxObjectResponse {
  const json = parseJsonExact(body);
  if (!json.ok) throw malformed(`the body is ${json.error}`, undefined, true);
  const parsed = taxObjectResponseSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(describeIssue(issue, json.value), formatPath(issue.path) || "the body");
  }
  return parsed.data;
}
