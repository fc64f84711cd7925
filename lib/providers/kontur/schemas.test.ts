/** The document's own example responses and every kind of bad field, read by the code path a live response takes. */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeJson } from "@/lib/providers/renta/simulator/json-writer";
import { KonturError } from "./errors";
import { dailyTurnover, isReceiptDocument, toReceiptLine } from "./mapping";
import { parsePage } from "./parse";

const M = "documents/by-period";
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

function thrown(fn: () => unknown): KonturError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KonturError) return e;
    throw e;
  }
  throw new Error("expected a KonturError");
}

describe("the document's example response", () => {
  const text = fixture("documents-by-period.json");
  const lines = text.split("\n");
  // Both "id" values lack their closing quote in the document; the repaired copy adds them.
  const repaired = text.replace(/("id": "0{8}-0{4}-0{4}-0{4}-0{12})\n/g, '$1"\n');

  it("is not JSON as printed: it fails loudly, naming the method and the spot", () => {
    const e = thrown(() => parsePage(M, text));
    const line = lines.findIndex((l) => l.startsWith('"id"')) + 1;
    expect([e.code, e.method, e.retryable]).toEqual(["Malformed", M, true]);
    expect(e.message).toBe(`Kontur.OFD documents/by-period: the body is invalid JSON at line ${line}, column ${lines[line - 1].length + 1} (unexpected "\\n")`);
  });

  it("once repaired, reads the shift report and the receipt, trims the register number and keeps kopecks exact", () => {
    const page = parsePage(M, repaired);
    expect(page.paging.nextOffset).toBe("T1MbygVby1CAWaPZI1NarQ%3D%3D");
    expect(page.documents.map((d) => d.type)).toEqual(["openShift", "receipt"]);
    const [open, receipt] = page.documents;
    expect(open.data).toMatchObject({ kktRegId: "0000000003065868", fiscalDriveNumber: "99990788607", shiftNumber: 367, fiscalDocumentNumber: 39089 });
    if (!isReceiptDocument(receipt)) throw new Error("expected a receipt");
    expect(receipt.data.items).toEqual([{ name: 'Ассорти овощное помидоры,огурцы ст/б "Золотая Долина" 720 гр', price: 5668n, quantity: 2, sum: 11336n }]);
    expect(toReceiptLine(receipt)).toEqual({
      id: "99990788607/39090",
      time: "2018-08-27T10:13:51",
      operation: "income",
      correction: false,
      bso: false,
      shift: 367,
      number: 1,
      docNumber: 39090,
      total: 11336n,
      cash: 11336n,
      cashless: 0n,
      prepaid: 0n,
      credit: 0n,
      vat: 1234n,
    });
  });

  it("makes one day of 113.36 roubles in cash with 12.34 VAT", () => {
    const [day] = dailyTurnover("0000000003065868", parsePage(M, repaired).documents, "2018-08-27", "2018-08-27");
    expect(day).toMatchObject({ rnm: "0000000003065868", day: "2018-08-27", income: 11336n, refunds: 0n, incomeVat: 1234n, incomeCash: 11336n, incomeCashless: 0n, receipts: 1, refundReceipts: 0 });
  });

  it("reads the last page (the request's cursor handed back) and the empty period (`paging: {}`)", () => {
    expect(parsePage(M, fixture("last-page.json"))).toEqual({ documents: [], paging: { nextOffset: "T1NbygNby1CAWaPZI1NarQ%3D%3D" } });
    expect(parsePage(M, fixture("nothing-in-period.json"))).toEqual({ documents: [], paging: {} });
  });
});

/** A valid page with one shift report and one receipt whose fields the test then spoils. */
function page(receipt: Record<string, unknown> = {}, extra: unknown[] = []): string {
  const base = {
    dateTime: "2025-06-02T10:13:51",
    shiftNumber: 12,
    operationType: 1,
    kktRegId: "0008399163057309 ",
    fiscalDriveNumber: "9960440300953020 ",
    fiscalDocumentNumber: 101,
    totalSum: 11336,
    cashTotalSum: 11336,
    ecashTotalSum: 0,
    items: [{ name: "Вода", price: 5668, quantity: 2, sum: 11336 }],
  };
  const open = { openShift: { dateTime: "2025-06-02T09:00:00", shiftNumber: 12, kktRegId: "0008399163057309 ", fiscalDocumentNumber: 100 } };
  return JSON.stringify({ documents: [open, { receipt: { ...base, ...receipt } }, ...extra], paging: { nextOffset: "abc%3D%3D" } });
}

describe("a field out of shape is refused with its path", () => {
  it.each<[string, string, Record<string, unknown>, unknown[]?]>([
    ["a float amount", "documents[1].receipt.totalSum must be an integer number of kopecks (received number 113.36)", { totalSum: 113.36 }],
    ["an amount as a string", 'documents[1].receipt.cashTotalSum must be an integer number of kopecks (received string "11336")', { cashTotalSum: "11336" }],
    ["a missing amount", "documents[1].receipt.ecashTotalSum must be an integer number of kopecks (received nothing (field missing))", { ecashTotalSum: undefined }],
    ["a negative amount", "documents[1].receipt.totalSum must not be a negative number of kopecks (received number -5)", { totalSum: -5 }],
    ["a fractional VAT", "documents[1].receipt.nds10 must be an integer number of kopecks (received number 0.5)", { nds10: 0.5 }],
    ["an item's float sum", "documents[1].receipt.items[0].sum must be an integer number of kopecks (received number 113.36)", { items: [{ name: "Вода", price: 5668, quantity: 2, sum: 113.36 }] }],
    ["an unknown operation", "documents[1].receipt.operationType must be 1 (income), 2 (refund of income), 3 (expense) or 4 (refund of expense) (received number 5)", { operationType: 5 }],
    ["a Russian date", 'documents[1].receipt.dateTime must be a date-time yyyy-MM-ddTHH:mm:ss (received string "27.08.2018 10:13:51")', { dateTime: "27.08.2018 10:13:51" }],
    ["an impossible date", 'documents[1].receipt.dateTime must be a real calendar date (received string "2025-02-30T10:00:00")', { dateTime: "2025-02-30T10:00:00" }],
    ["a blank register", 'documents[1].receipt.kktRegId must not be blank (received string "   ")', { kktRegId: "   " }],
    ["both spellings of tag 1102, disagreeing", "documents[1].receipt.nds20 conflicts with nds18 (both carry the same fiscal tag) (received number 7)", { nds18: 5, nds20: 7 }],
    ["an unknown document type", 'documents[2] must have exactly one key, a document type (fiscalReport, fiscalReportCorrection, currentStateReport, openShift, closeShift, receipt, bso, receiptCorrection, bsoCorrection, closeArchive); found "invoice"', {}, [{ invoice: {} }]],
    ["two types in one document", 'documents[2] must have exactly one key, a document type (fiscalReport, fiscalReportCorrection, currentStateReport, openShift, closeShift, receipt, bso, receiptCorrection, bsoCorrection, closeArchive); found "bso", "receipt"', {}, [{ bso: {}, receipt: {} }]],
    ["another type's data not an object", "documents[2].closeArchive must be an object (received number 5)", {}, [{ closeArchive: 5 }]],
  ])("%s", (_, message, receipt, extra) => {
    const e = thrown(() => parsePage(M, page(receipt, extra)));
    expect(e.code).toBe("Malformed");
    expect(e.retryable).toBe(false);
    expect(e.message).toBe(`Kontur.OFD documents/by-period: ${message}`);
    expect(e.field).toBe(message.split(" ")[0]);
  });

  it("a body that is not a page says so", () => {
    expect(thrown(() => parsePage(M, "[]")).message).toBe("Kontur.OFD documents/by-period: the body must be an object (received an array)");
    expect(thrown(() => parsePage(M, '{"documents":[]}')).message).toBe("Kontur.OFD documents/by-period: paging must be an object (received nothing (field missing))");
  });
});

describe("what is tolerated", () => {
  it("unknown extra fields are dropped, other document types are kept unread, FFD 1.2 VAT names are read", () => {
    const p = parsePage(M, page({ fiscalDocumentFormatVer: 4, nds20: 1889, nds20120: 0 }, [{ currentStateReport: { dateTime: "2025-06-02T23:00:00", anything: [1] } }]));
    expect(p.documents.map((d) => d.type)).toEqual(["openShift", "receipt", "currentStateReport"]);
    const receipt = p.documents[1];
    if (!isReceiptDocument(receipt)) throw new Error("expected a receipt");
    expect(receipt.data).not.toHaveProperty("fiscalDocumentFormatVer");
    expect([receipt.data.nds18, receipt.data.nds18118]).toEqual([1889n, 0n]);
    expect(toReceiptLine(receipt).vat).toBe(1889n);
  });

  it("the same value under both names of a tag is read once", () => {
    const receipt = parsePage(M, page({ nds18: 1889, nds20: 1889 })).documents[1];
    expect(isReceiptDocument(receipt) && toReceiptLine(receipt).vat).toBe(1889n);
  });

  it("any exact kopeck amount survives the JSON text, and any fraction of a kopeck is refused", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }), (k) => {
        const text = writeJson({ documents: [{ receipt: { ...JSON.parse(page()).documents[1].receipt, totalSum: k, cashTotalSum: k } }], paging: {} });
        const [d] = parsePage(M, text).documents;
        expect(isReceiptDocument(d) && [d.data.totalSum, d.data.cashTotalSum]).toEqual([k, k]);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }).filter((x) => !Number.isInteger(x)), (x) => {
        expect(thrown(() => parsePage(M, page({ totalSum: x }))).field).toBe("documents[1].receipt.totalSum");
      }),
      { numRuns: 300 },
    );
  });
});
