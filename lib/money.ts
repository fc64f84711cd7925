/**
 * Money is integer minor units (kopecks, kopiyky) as bigint, end to end.
 * Exact decimals (rates, areas, percentages) are parsed to rationals; THE rounding
 * function is half away from zero, applied once per amount a person sees.
 */

export type Minor = bigint;

/** An exact non-negative or negative rational num/den with den > 0. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parse an exact decimal string ("7.5", "85.25", "-0.01") into a rational. Never via float. */
export function parseDecimal(text: string): Ratio {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
  const frac = m[3] ?? "";
  const den = 10n ** BigInt(frac.length);
  let num = BigInt(m[2] + frac);
  if (m[1]) num = -num;
  return { num, den };
}

/** Divide num/den and round half away from zero to an integer. */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError("division by zero");
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = abs / den;
  const r = abs % den;
  const rounded = r * 2n >= den ? q + 1n : q;
  return neg ? -rounded : rounded;
}

/** Round a rational to minor units, half away from zero. */
export function roundRatio(r: Ratio): bigint {
  return roundDiv(r.num, r.den);
}

/**
 * Parse a decimal amount in major units (e.g. roubles "12948411.73") into exact minor units.
 * More than `scale` fractional digits is an error, never a rounding.
 */
export function majorToMinor(text: string | number, scale = 2): bigint {
  const s = typeof text === "number" ? numberToPlainString(text) : text.trim();
  const m = DECIMAL_RE.exec(s);
  if (!m) throw new RangeError(`not a decimal amount: ${JSON.stringify(text)}`);
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > scale) throw new RangeError(`amount has more than ${scale} decimals: ${s}`);
  const v = BigInt(m[2]) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, "0") || "0");
  return m[1] ? -v : v;
}

/**
 * A JSON number as the provider wrote it. JS parses 12948411.73 to the nearest double; its shortest
 * round-trip string (what String() gives) is the literal the provider sent for any value with at
 * most 15 significant digits, so no float arithmetic touches the amount.
 */
function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Exponent form only for tiny or huge values; expand without arithmetic.
  const [mant, expPart] = s.toLowerCase().split("e");
  const exp = Number(expPart);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "");
  const [int, frac = ""] = digits.split(".");
  const all = int + frac;
  const point = int.length + exp;
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + all;
  else if (point >= all.length) out = all + "0".repeat(point - all.length);
  else out = all.slice(0, point) + "." + all.slice(point);
  return (neg ? "-" : "") + out;
}

/** Minor units → decimal string in major units ("1294841173" → "12948411.73"). */
export function minorToDecimalString(v: bigint, scale = 2): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const base = 10n ** BigInt(scale);
  const int = abs / base;
  const frac = (abs % base).toString().padStart(scale, "0");
  return `${neg ? "-" : ""}${int}${scale > 0 ? "." + frac : ""}`;
}

/** Money at the JSON edge: a JSON integer, checked to be exact. */
export function toJsonMinor(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("amount exceeds the exact JSON integer range");
  }
  return Number(v);
}

export type CurrencyCode = "RUB" | "UAH";

/** Format minor units for a person in their locale, digit-exact (Intl gets a string, not a float). */
export function formatMoney(v: bigint, currency: CurrencyCode, locale: string): string {
  const fmt = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2 });
  // Intl.NumberFormat.format accepts decimal strings exactly (ES2023 "Intl.NumberFormat v3").
  return fmt.format(minorToDecimalString(v) as unknown as number);
}

/** Split an amount into parts proportional to weights; remainders handed out so parts sum to the whole. */
export function allocate(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (total * w) / sum);
  let rest = total - parts.reduce((a, b) => a + b, 0n);
  const step = rest < 0n ? -1n : 1n;
  for (let i = 0; rest !== 0n; i = (i + 1) % parts.length) {
    parts[i] += step;
    rest -= step;
  }
  return parts;
}

/**
 * An amount typed by a person in major units ("150 000,50", "1500.5") → exact minor units, or null when
 * it is not an amount. Spaces (incl. no-break) group digits; a comma or a dot marks the decimals.
 */
export function parseMoneyInput(text: string): bigint | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return majorToMinor(s);
}
