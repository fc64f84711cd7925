import { roundDiv } from "@/lib/money";

/** part ÷ whole in tenths of a per cent, half away from zero; null when the whole is not positive. */
export function shareTenths(part: bigint, whole: bigint): bigint | null {
  return whole > 0n ? roundDiv(part * 1000n, whole) : null;
}

/** An exact fixed-point number (`units` of 10^-decimals) as the reader writes it: "1,234.5" / "1 234,5". */
export function formatFixed(units: bigint, decimals: number, locale: string): string {
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const scale = 10n ** BigInt(decimals);
  const nf = new Intl.NumberFormat(locale);
  const sep = nf.formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  const whole = nf.format(abs / scale);
  return `${neg ? "−" : ""}${whole}${decimals > 0 ? sep + String(abs % scale).padStart(decimals, "0") : ""}`;
}

/** Tenths of a per cent as the reader writes it ("12.5 %", "12,5 %"); "—" for none. */
export function formatPercentTenths(tenths: bigint | null, locale: string): string {
  return tenths === null ? "—" : `${formatFixed(tenths, 1, locale)} %`;
}
