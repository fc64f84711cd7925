import { roundDiv } from "@/lib/money";

/** part ÷ whole in tenths of a per cent, half away from zero; null when the whole is not positive. */
export function shareTenths(part: bigint, whole: bigint): bigint | null {
  return whole > 0n ? roundDiv(part * 1000n, whole) : null;
}

/** Tenths of a per cent as the reader writes it ("12.5 %", "12,5 %"); "—" for none. */
export function formatPercentTenths(tenths: bigint | null, locale: string): string {
  if (tenths === null) return "—";
  const neg = tenths < 0n;
  const abs = neg ? -tenths : tenths;
  const sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  return `${neg ? "−" : ""}${abs / 10n}${sep}${abs % 10n} %`;
}
