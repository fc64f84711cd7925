import { parseDecimal, type Ratio } from "@/lib/money";

const readDecimal = (text: string): Ratio | null => {
  try {
    return parseDecimal(text);
  } catch {
    return null;
  }
};

/** Exact decimal strings ("48.35", "212.00") compared as rationals, never through a float; empty or unreadable ones after the others. */
export function compareDecimal(a: string, b: string): number {
  const x = readDecimal(a);
  const y = readDecimal(b);
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  const d = x.num * y.den - y.num * x.den;
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

/** Text in the reader's order for the locale ("Вершина 2" before "Вершина 10"); empty values after the others. */
export function textComparator(locale: string): (a: string, b: string) => number {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  return (a, b) => (a === "" || b === "" ? (a === b ? 0 : a === "" ? 1 : -1) : collator.compare(a, b));
}

/** Whether one of the texts contains the query, ignoring case and ё/е (people type «перекресток» for «ПЕРЕКРЁСТОК»). */
export function matchesQuery(texts: readonly (string | null | undefined)[], query: string, locale: string): boolean {
  const fold = (s: string) => s.toLocaleLowerCase(locale).replaceAll("ё", "е");
  const q = fold(query.trim());
  return q === "" || texts.some((s) => s != null && fold(s).includes(q));
}
