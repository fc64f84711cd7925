import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { edrpouFor, ipnFor, isValidEdrpou, objectId } from "./identifiers";

describe("ЄДРПОУ", () => {
  it.each([
    ["00032129", true],
    ["14360570", true],
    ["31316718", true],
    // The document's example tin passes too.
    ["12345678", true],
    ["31316719", false],
    ["1436057", false],
    ["1436057a", false],
  ])("%s valid: %s", (code, valid) => expect(isValidEdrpou(code)).toBe(valid));

  it("every generated code is 8 digits with a valid check digit, and the VAT number starts with it", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 10_000 }), (seed, i) => {
        const code = edrpouFor(seed, i);
        expect(isValidEdrpou(code)).toBe(true);
        expect(ipnFor(code, seed, i)).toMatch(new RegExp(`^${code.slice(0, 7)}26\\d{3}$`));
      }),
    );
  });
});

it("an ObjectId-shaped id carries its Unix seconds", () => {
  const id = objectId(1618843728, "k");
  expect(id).toMatch(/^607d9850[0-9a-f]{16}$/);
  expect(objectId(1618843728, "k")).toBe(id);
  expect(objectId(1618843728, "other")).not.toBe(id);
});
