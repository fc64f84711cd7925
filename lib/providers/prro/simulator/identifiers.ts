/** Ukrainian identifiers with their real check rules, so generated data passes the checks a product may apply. */
import { hash32 } from "@/lib/providers/renta/simulator/prng";
import { edrpouCheckDigit, isValidEdrpou } from "@/lib/validations/identifiers";

export { isValidEdrpou };

/** A company's ЄДРПОУ: most companies registered since the 2000s have codes starting 3 or 4. */
export function edrpouFor(...keys: (string | number)[]): string {
  const body = String(3_000_000 + (hash32("prro-edrpou", ...keys) % 1_999_999)).padStart(7, "0");
  return body + edrpouCheckDigit(body);
}

/** A VAT payer's 12-digit ІПН: the ЄДРПОУ's first seven digits, the region (26: Kyiv) and a record number. */
export function ipnFor(edrpou: string, ...keys: (string | number)[]): string {
  return `${edrpou.slice(0, 7)}26${String(hash32("prro-ipn", ...keys) % 1000).padStart(3, "0")}`;
}

/** Shaped like a MongoDB ObjectId, as the document's ids are: 8 hex digits of Unix seconds, then 16 more. */
export function objectId(unixSeconds: number, ...keys: (string | number)[]): string {
  const hex = (n: number) => n.toString(16).padStart(8, "0");
  return hex(Math.max(0, Math.floor(unixSeconds))) + hex(hash32("prro-oid-a", ...keys)) + hex(hash32("prro-oid-b", ...keys));
}

/** Digits from the keys (may start with 0). */
export function digitsFor(n: number, ...keys: (string | number)[]): string {
  let out = "";
  for (let i = 0; out.length < n; i++) out += String(hash32("prro-digits", i, ...keys) % 1_000_000_000).padStart(9, "0");
  return out.slice(0, n);
}
