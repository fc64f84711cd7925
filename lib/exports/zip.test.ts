import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { minorToDecimalString } from "@/lib/money";
import { computeMonth } from "@/lib/rent";
import { contract, rows } from "@/lib/rent/test-helpers";
import { jsonSafe } from "@/lib/statements/dto";
import type { StatementDocument } from "./document";
import { monthZip } from "./zip";

function sampleDoc(number: string, tenant: string, income: bigint): StatementDocument {
  const c = contract({ t: { vatOnRent: "22" } });
  const st = computeMonth(c, "2026-11", rows("2026-11", { income, refunds: 0n }));
  return {
    statement: {
      id: `s-${number}`, contractId: `c-${number}`, period: st.period, status: "draft", revision: 1, currency: "RUB",
      turnover: st.turnover, baseRent: st.baseRent, percentageRent: st.percentageRent, rent: st.rent, vat: st.vat, total: st.total,
      flags: jsonSafe(st.flags) as unknown[], lines: st.lines.map((l) => ({ ...l, amount: l.amount })), needsRevision: false, reason: null, computedAt: "2026-12-01T09:00:00.000Z", issuedAt: null,
    },
    landlord: { name: "АО «Галерея»", inn: "7701234567", kpp: "770101001" },
    tenant: { name: tenant, inn: "7707083893", kpp: "773601001" },
    contract: { number, start: "2026-01-01", end: "2028-12-31" },
    premises: [{ code: "1-105", areaM2: "85.25" }],
    turnoverByKkt: st.turnoverByKkt.map((k) => ({ rnm: k.rnm, turnover: k.counted, days: k.days })),
    generatedAt: new Date("2026-12-01T09:30:00Z"),
  };
}

const ascii = (b: Uint8Array, n: number) => Buffer.from(b.subarray(0, n)).toString("latin1");

describe("month ZIP", () => {
  it("holds one PDF per statement under unique safe names, plus the CSV and XLSX summaries", async () => {
    // "А-1" (Cyrillic А) and "A-1" (Latin A) transliterate to the same name; "a-1" collides case-blind.
    const docs = [sampleDoc("А-1", "ООО «Ромашка»", 150_000_000n), sampleDoc("A-1", "ИП Иванов", 1_000_00n), sampleDoc("a-1", '=HYPERLINK("x")', 0n)];
    const files = unzipSync(new Uint8Array(await monthZip(docs)));
    expect(Object.keys(files).sort()).toEqual([
      "statement-A-1-2026-11-r1-2.pdf", "statement-A-1-2026-11-r1.pdf", "statement-a-1-2026-11-r1-3.pdf",
      "statements-2026-11.csv", "statements-2026-11.xlsx",
    ]);
    for (const [name, data] of Object.entries(files)) {
      expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
      if (name.endsWith(".pdf")) expect(ascii(data, 5)).toBe("%PDF-");
      if (name.endsWith(".xlsx")) expect(ascii(data, 2)).toBe("PK");
    }
    const csvBytes = files["statements-2026-11.csv"];
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parse(Buffer.from(csvBytes.subarray(3)).toString("utf8"), { delimiter: ";" }) as string[][];
    expect(table.map((r) => r[1])).toEqual(["contract", "А-1", "A-1", "a-1"]);
    expect(table[3][2]).toBe(`'=HYPERLINK("x")`);
    expect(table[1][11]).toBe(minorToDecimalString(docs[0].statement.total));
  });

  it("adds XLSX and CSV per statement when asked, and an empty month still yields the summaries", async () => {
    const files = unzipSync(new Uint8Array(await monthZip([sampleDoc("Д-7", "ООО «Ромашка»", 1_000_000_00n)], ["pdf", "xlsx", "csv", "pdf"])));
    expect(Object.keys(files).sort()).toEqual([
      "statement-D-7-2026-11-r1.csv", "statement-D-7-2026-11-r1.pdf", "statement-D-7-2026-11-r1.xlsx", "statements-2026-11.csv", "statements-2026-11.xlsx",
    ]);
    expect(strFromU8(files["statement-D-7-2026-11-r1.csv"])).toContain("Д-7");
    expect(Object.keys(unzipSync(new Uint8Array(await monthZip([])))).sort()).toEqual(["statements.csv", "statements.xlsx"]);
  });
});
