/** Roubles with decimals → exact kopecks, never via float arithmetic. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { majorToMinor, minorToDecimalString } from "@/lib/money";
import { parseSuccess } from "./parse";
import { fullDataListSchema, kopecks, roubles } from "./schemas";
import { RawNumber, Rub, writeJson } from "./simulator/json-writer";

describe("roubles → kopecks", () => {
  it.each([
    [12948411.73, 1294841173n],
    [12930194.73, 1293019473n],
    [2158068.6, 215806860n],
    [18217, 1821700n],
    [0.01, 1n],
    [0.1, 10n],
    [0, 0n],
    [-1.5, -150n],
  ])("%s → %s", (rub, kop) => {
    expect(majorToMinor(rub)).toBe(kop);
    expect(roubles.parse(rub)).toBe(kop);
  });

  it("refuses a third decimal instead of rounding it", () => {
    expect(() => majorToMinor(12948411.735)).toThrow(RangeError);
    expect(() => majorToMinor("0.001")).toThrow(/more than 2 decimals/);
    expect(roubles.safeParse(1.005).success).toBe(false);
  });

  it("kopeck fields must be integers", () => {
    expect(kopecks.parse(51360)).toBe(51360n);
    expect(kopecks.safeParse(513.6).success).toBe(false);
    expect(kopecks.safeParse(2 ** 53).success).toBe(false);
  });

  it("any amount up to 10^11 roubles survives JSON text → number → kopecks exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (k) => {
        const json = minorToDecimalString(k);
        expect(roubles.parse(JSON.parse(json))).toBe(k);
      }),
      { numRuns: 2000 },
    );
  });

  it("the simulator's writer and the client's reader agree to the kopeck", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), (k) => {
        const text = writeJson({ Status: "Success", Data: [row(k)] });
        const [parsed] = parseSuccess("kkt-full-data", text, fullDataListSchema);
        expect(parsed.incomeSumm).toBe(k);
      }),
      { numRuns: 500 },
    );
  });
});

function row(k: bigint) {
  const z = new Rub(0n);
  return {
    name: "ООО \"Т\"", inn: "7716872968", rnm: "0004321088009033", zn: "00106900125570",
    incomeSumm: new Rub(k), incomeCount: 1, cashlessIncomeCount: 1, cashIncomeCount: 0, prepaidIncomeCount: 0, creditIncomeCount: 0, corIncomeCount: 0,
    cashIncomeSumm: z, cashlessIncomeSumm: new Rub(k), prepaidIncomeSumm: z, creditIncomeSumm: z, refundIncomeSumm: z, refundIncomecount: 0,
    correRundIncomecount: 0, refundCashIncomeSumm: z, refundCashlessIncomeSumm: z, refundPrepaidIncomeSumm: z, refundCreditIncomeSumm: z,
    nds20: z, nds10: z, nds00: z, ndsNot: z, nds20_120: z, nds10_110: z, ndsAll: z, expenseSumm: z, refundExpenseSumm: z,
    storeInfo: null, itemsQtySumm: new RawNumber("1.5"),
  };
}
