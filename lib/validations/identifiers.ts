/** Tax identifiers with their check digits: Russian INN and KPP (FNS algorithm), Ukrainian ЄДРПОУ. */

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12a = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12b = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

const check = (digits: number[], weights: number[]) => (weights.reduce((s, w, i) => s + w * digits[i], 0) % 11) % 10;

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = [...inn].map(Number);
  if (d.length === 10) return check(d, W10) === d[9];
  return check(d, W12a) === d[10] && check(d, W12b) === d[11];
}

export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

export function isValidRnm(rnm: string): boolean {
  return /^\d{16}$/.test(rnm);
}

/** A Ukrainian PRRO's fiscal number (num_fiscal): 10 digits. */
export function isValidFiscalNumber(n: string): boolean {
  return /^\d{10}$/.test(n);
}

/** A register as contracts and entered days name it: an RNM, or a PRRO's fiscal number. */
export function isValidRegisterNumber(n: string): boolean {
  return isValidRnm(n) || isValidFiscalNumber(n);
}

export const REGISTER_NUMBER_MESSAGE = "The register number is an RNM (16 digits) or a PRRO fiscal number (10 digits)";

/** A valid 10-digit legal-entity INN from its first nine digits (for generated demo and test data). */
export function innFromPrefix(prefix9: string): string {
  if (!/^\d{9}$/.test(prefix9)) throw new RangeError("an INN prefix is nine digits");
  return prefix9 + String(check([...prefix9].map(Number), W10));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A path id that is not a uuid cannot name a row: pages answer 404 before asking the database. */
export const isUuid = (s: string): boolean => UUID.test(s);

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

/** A tenant's tax number: a Russian INN, or a Ukrainian company's ЄДРПОУ (8 digits, which no INN has). */
export function isValidTaxNumber(n: string): boolean {
  return isValidInn(n) || isValidEdrpou(n);
}
