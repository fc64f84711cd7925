/**
 * JSON with exact numbers. Yandex OFD writes money as JSON floats in roubles (70.0, 1234.56); JSON.parse would
 * turn them into doubles and lose the text the service wrote, so a fraction of a kopeck or an amount beyond
 * 2^53 kopecks could no longer be told apart. This reader keeps every number as its literal text (a
 * JsonNumber); strings, booleans, null, arrays and objects come out as JSON.parse gives them. Syntax errors
 * are located by renta/json.ts, so every provider's messages read alike.
 */
import { majorToMinor } from "@/lib/money";
import { describeJsonError } from "@/lib/providers/renta/json";

/** A JSON number exactly as written: "70.0", "1234.56", "1.23456789E7". */
export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type ExactJson = { ok: true; value: unknown } | { ok: false; error: string };

/** Deeper than any response the document describes; guards the call stack against a hostile body. */
const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Stop {
  constructor(readonly why?: string) {}
}

export function parseJsonExact(text: string): ExactJson {
  let i = 0;
  const fail = (why?: string): never => {
    throw new Stop(why);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
  };
  const str = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    // JSON.parse decodes escapes and refuses control characters exactly as the grammar says.
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail();
    }
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") return i++, out;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = str();
        ws();
        if (text[i++] !== ":") fail();
        const v = value(depth + 1);
        // "__proto__" as a key is data, never the object's prototype.
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return i++, out;
        else fail();
      }
    }
    if (c === "[") {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === "]") return i++, out;
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return i++, out;
        else fail();
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail();
    i += m[0].length;
    return new JsonNumber(m[0]);
  };
  try {
    const v = value(0);
    ws();
    if (i < text.length) fail();
    return { ok: true, value: v };
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { ok: false, error: e.why ?? describeJsonError(text) };
  }
}

/**
 * A JSON number of roubles → exact kopecks, or why not. Exponent forms (1.23456789E7, as Java and Python
 * serialisers write large or small floats) are expanded by moving the decimal point in the text, never by
 * arithmetic. "-0.0" is zero. More than two significant decimals is a fraction of a kopeck: refused.
 */
export function roublesToKopecks(text: string): { ok: true; kopecks: bigint } | { ok: false; error: "negative" | "fraction" | "range" } {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return { ok: false, error: "range" };
  const exp = Number(m[4] ?? "0");
  // An amount needs no exponent beyond this; a larger one would only build a huge string.
  if (Math.abs(exp) > 40) return { ok: false, error: "range" };
  const digits = m[2] + (m[3] ?? "");
  const point = m[2].length + exp;
  const plain = point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  let kopecks: bigint;
  try {
    kopecks = majorToMinor(plain);
  } catch {
    return { ok: false, error: "fraction" };
  }
  if (m[1] && kopecks !== 0n) return { ok: false, error: "negative" };
  return { ok: true, kopecks };
}

/** Kopecks → the service's look: 7000 → "70.0", 123450 → "1234.5", 123456 → "1234.56". Exact, no float. */
export function kopecksToRoublesText(k: bigint): string {
  if (k < 0n) throw new RangeError(`a negative amount has no Yandex OFD form: ${k}`);
  const rub = k / 100n;
  const kop = k % 100n;
  if (kop === 0n) return `${rub}.0`;
  return kop % 10n === 0n ? `${rub}.${kop / 10n}` : `${rub}.${kop.toString().padStart(2, "0")}`;
}
