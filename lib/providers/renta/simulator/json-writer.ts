/**
 * JSON text with exact money. bigint is written as an integer (kopecks); Rub as roubles with the
 * decimals the service uses (12948411.73, 2158068.6, 18217) — never through a float.
 */
import { minorToDecimalString } from "@/lib/money";

export class Rub {
  constructor(readonly kopecks: bigint) {}
}

/** A number already in its final textual form (quantities like 21476.23). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** 1821700 → "18217", 215806860 → "2158068.6", 1294841173 → "12948411.73". */
function rubText(k: bigint): string {
  const s = minorToDecimalString(k);
  if (s.endsWith(".00")) return s.slice(0, -3);
  return s.endsWith("0") ? s.slice(0, -1) : s;
}

export function writeJson(value: unknown, indent = ""): string {
  const nl = indent ? "\n" : "";
  const walk = (v: unknown, pad: string): string => {
    if (v === null || v === undefined) return "null";
    if (v instanceof Rub) return rubText(v.kopecks);
    if (v instanceof RawNumber) return v.text;
    if (typeof v === "bigint") return v.toString();
    if (typeof v !== "object") return JSON.stringify(v);
    const inner = pad + indent;
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return `[${nl}${v.map((x) => inner + walk(x, inner)).join(`,${nl}`)}${nl}${pad}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return "{}";
    const sep = indent ? ": " : ":";
    return `{${nl}${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}${sep}${walk(x, inner)}`).join(`,${nl}`)}${nl}${pad}}`;
  };
  return walk(value, "");
}
