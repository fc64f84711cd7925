/** Russian fiscal identifiers with their real check rules, so generated data passes validation. */
import type { Rng } from "./prng";

const INN10_W = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11_W = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_W = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: readonly number[]): string {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += Number(digits[i]) * weights[i];
  return String((s % 11) % 10);
}

/** Whether a 10- or 12-digit INN has correct check digits. */
export function isValidInn(inn: string): boolean {
  if (/^\d{10}$/.test(inn)) return checkDigit(inn, INN10_W) === inn[9];
  if (/^\d{12}$/.test(inn)) return checkDigit(inn, INN11_W) === inn[10] && checkDigit(inn, INN12_W) === inn[11];
  return false;
}

/** A company's INN: region (2) + tax office (2) + record (5) + check digit. */
export function legalInn(r: Rng, region: string): string {
  const body = region + String(r.int(1, 51)).padStart(2, "0") + r.digits(5);
  return body + checkDigit(body, INN10_W);
}

/** A sole trader's INN: 10 digits + two check digits. */
export function personInn(r: Rng, region: string): string {
  const body = region + String(r.int(1, 51)).padStart(2, "0") + r.digits(6);
  const d11 = checkDigit(body, INN11_W);
  return body + d11 + checkDigit(body + d11, INN12_W);
}

/** KPP: tax office (4) + reason (2: 01 head office, 43 branch) + number (3). */
export function kppFor(inn: string, branch = false): string {
  return inn.slice(0, 4) + (branch ? "43" : "01") + "001";
}

/** CRC16-CCITT (poly 0x1021, init 0xFFFF) over ASCII. */
export function crc16ccitt(text: string): number {
  let c = 0xffff;
  for (let i = 0; i < text.length; i++) {
    c ^= text.charCodeAt(i) << 8;
    for (let b = 0; b < 8; b++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  }
  return c;
}

/**
 * RNM = 10-digit ordinal + 6-digit check: CRC16-CCITT of ordinal + INN (12, zero-padded) + factory
 * number (20, zero-padded). The document's own example 0004321088009033 satisfies this rule.
 */
export function rnmFor(ordinal: string, inn: string, factoryNumber: string): string {
  const crc = crc16ccitt(ordinal + inn.padStart(12, "0") + factoryNumber.padStart(20, "0"));
  return ordinal + String(crc).padStart(6, "0");
}

export function isValidRnm(rnm: string, inn: string, factoryNumber: string): boolean {
  return /^\d{16}$/.test(rnm) && rnmFor(rnm.slice(0, 10), inn, factoryNumber) === rnm;
}
