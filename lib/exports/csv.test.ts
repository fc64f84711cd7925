import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { statementsCsv } from "./csv";
import { escapeSpreadsheetText } from "./spreadsheet-text";

describe("CSV export", () => {
  it.each([["=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"], ["+7", "'+7"], ["-1", "'-1"], ["@a", "'@a"], ["\tx", "'\tx"], ["ООО «Ромашка»", "ООО «Ромашка»"]])("escapes %j", (a, b) => expect(escapeSpreadsheetText(a)).toBe(b));

  it("writes a BOM, ';', CRLF, exact amounts, escaped text and unescaped negative amounts", () => {
    const csv = statementsCsv([
      {
        id: "x", contractId: "c", period: "2026-01", status: "draft", revision: 1, currency: "RUB",
        turnover: -12345n, baseRent: 10_000_000n, percentageRent: 0n, rent: 10_000_000n, vat: 2_200_000n, total: 12_200_000n,
        flags: [{ code: "missing_days" }], lines: [], needsRevision: false, reason: null, computedAt: "", issuedAt: null,
        contractNumber: "Д-1; корп. 2", tenantName: '=HYPERLINK("http://evil.test","x")',
      },
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    const rows = parse(csv.slice(1), { delimiter: ";" }) as string[][];
    expect(rows[1]).toEqual(["2026-01", "Д-1; корп. 2", `'=HYPERLINK("http://evil.test","x")`, "1", "draft", "RUB", "-123.45", "100000.00", "0.00", "100000.00", "22000.00", "122000.00", "missing_days"]);
  });
});
