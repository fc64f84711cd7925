/** Ukrainian identifiers with their real check rules, so generated data passes the checks a product may apply. */
import { hash32 } from "@/lib/providers/renta/simulator/prng";

/**
 * ЄДРПОУ check digit (the State Statistics Service's rule): weights 1…7, or 7,1,…,6 for codes between 30000000
 * and 60000000; a remainder of 10 takes the weights plus 2; a second 10 is 0.
 */
export function edrpouCheckDigit(first7: string): number {
  const code = Number(first7) * 10;
  const weights = code > 30_000_000 && code < 60_000_000 ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7];
  const rest = (plus: number) => weights.reduce((a, w, i) => a + (w + plus) * Number(first7[i]), 0) % 11;
  const r = rest(0);
  if (r < 10) return r;
  const again = rest(2);
  return again < 10 ? again : 0;
}

export function isValidEdrpou(code: string): boolean {
  return /^\d{8}$/.test(code) && edrpouCheckDigit(code.slice(0, 7)) === Number(code[7]);
}

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
