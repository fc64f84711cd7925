import { toJsonMinor } from "@/lib/money";

/** JSON with money: bigint minor units become JSON integers, refused beyond 2^53 rather than rounded. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? toJsonMinor(v) : v));
}

export function jsonResponse(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(toJson(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
