/** The document's own example responses, read by the exact code path a live response takes. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMoscowDateTime } from "./dates";
import { isRentaError, RentaError } from "./errors";
import { toCabinet, toCashRegister, toDailyTurnover, toShiftTurnover, toStores, toTenant } from "./mapping";
import { failureToError, parseSuccess, readFailure } from "./parse";
import {
  authTokenSchema,
  cabinetsSchema,
  fullDataListSchema,
  kktsSchema,
  legalEntitiesSchema,
  receiptDetailSchema,
  receiptsSchema,
  shiftsSchema,
} from "./schemas";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

function thrown(fn: () => unknown): RentaError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RentaError) return e;
    throw e;
  }
  throw new Error("expected a RentaError");
}

describe("2. CreateAuthToken", () => {
  it("reads the token and treats ExpirationDateUtc as Moscow time", () => {
    const d = parseSuccess("CreateAuthToken", fixture("create-auth-token.json"), authTokenSchema);
    expect(d.AuthToken).toBe("f3accdfda7574736ba94a78d00e974f4");
    expect(parseMoscowDateTime(d.ExpirationDateUtc)!.toISOString()).toBe("2017-01-24T11:44:21.000Z");
  });
});

describe("3.1 receipts", () => {
  it("keeps kopeck amounts exact and allows the table-only fields to be absent", () => {
    const [r] = parseSuccess("kkt-receipts", fixture("receipts.json"), receiptsSchema);
    expect(r.Id).toBe("3a6e3b83-a0b0-4587-bfb3-1b7539b05cf3");
    expect(r.OperationType).toBe("Income");
    expect(r.TotalSumm).toBe(51360n);
    expect(r.CashSumm).toBe(51360n);
    expect(r.ECashSumm).toBe(0n);
    expect(r.KktRegNumber).toBe("111222333");
    expect(r.DocNumber).toBeUndefined();
    expect(r.Depth).toBe(3);
  });
});

describe("3.2 receipt detail", () => {
  const text = fixture("receipt-detail.json");
  const lines = text.split("\n");

  it("rejects the document's malformed example, naming the method and the spot", () => {
    const e = thrown(() => parseSuccess("receipt", text, receiptDetailSchema));
    const line = lines.findIndex((l) => l.includes('"NomenFullName":string')) + 1;
    const column = lines[line - 1].indexOf("string") + 1;
    expect(e.code).toBe("Malformed");
    expect(e.method).toBe("receipt");
    expect(e.message).toBe(`Renta receipt: invalid JSON at line ${line}, column ${column} (unexpected "s")`);
  });

  it("still rejects it once the bare `string` values are quoted: the `},` before the final brace", () => {
    const e = thrown(() => parseSuccess("receipt", text.replaceAll(":string", ':"string"'), receiptDetailSchema));
    expect(e.message).toBe(`Renta receipt: invalid JSON at line ${lines.findLastIndex((l) => l === "}") + 1}, column 1 (unexpected "}")`);
  });

  it("reads the example once both defects are repaired, normalising kktRegNumber", () => {
    const repaired = text.replaceAll(":string", ':"string"').replace(/\},\s*\}\s*$/, "}\n}\n");
    const d = parseSuccess("receipt", repaired, receiptDetailSchema);
    expect(d.KktRegNumber).toBe("0000123456789012");
    expect("kktRegNumber" in d).toBe(false);
    expect(d.Items[0].Price).toBe(349500n);
    expect(d.Items[0].NDS_Summ).toBe(58250n);
    expect(d.TotalSumm).toBe(349500n);
    expect(d.Tax18Summ).toBe(58250n);
  });
});

describe("3.3 legal entities", () => {
  it("accepts the example's KktRergistered as KktRegistered", () => {
    const [e] = parseSuccess("legal-entities", fixture("legal-entities.json"), legalEntitiesSchema);
    expect(toTenant(e)).toEqual({ inn: "7802870820", kpp: "780901001", name: 'ООО "НАДЕЖДА"', kktRegistered: 20, kktOnline: 14 });
  });

  it("accepts the table's spelling too", () => {
    const body = fixture("legal-entities.json").replace("KktRergistered", "KktRegistered");
    expect(parseSuccess("legal-entities", body, legalEntitiesSchema)[0].KktRegistered).toBe(20);
  });

  it("rejects any other spelling with the missing field's path", () => {
    const e = thrown(() => parseSuccess("legal-entities", fixture("legal-entities.json").replace("KktRergistered", "KktRegistred"), legalEntitiesSchema));
    expect(e.field).toBe("Data[0].KktRegistered");
    expect(e.message).toBe("Renta legal-entities: field Data[0].KktRegistered: expected number, received nothing (field missing)");
  });

  it("rejects both spellings with different values", () => {
    const body = fixture("legal-entities.json").replace('"KktRergistered": 20,', '"KktRergistered": 20, "KktRegistered": 21,');
    const e = thrown(() => parseSuccess("legal-entities", body, legalEntitiesSchema));
    expect(e.field).toBe("Data[0].KktRergistered");
  });
});

describe("3.4 KKTs", () => {
  it("accepts KktAdress and maps consent, place and reports", () => {
    const [k] = parseSuccess("kkts", fixture("kkts.json"), kktsSchema);
    expect(toCashRegister(k)).toEqual({
      rnm: "0004727371036889",
      factoryNumber: "111222333444",
      fiscalDriveNumber: "99990789388",
      tenantInn: "7802870820",
      tenantKpp: "780901001",
      tenantName: 'ООО "НАДЕЖДА"',
      consentFrom: "2023-03-20T00:00:00",
      consentTo: "2023-03-21T23:59:00",
      address: "МО, г. Домодедово, Каширское шоссе, 68",
      place: "Торговый зал № 2",
      availableReports: ["KktWorkingTime", "KktOperations", "KktReceipts", "NomenclatureSales"],
    });
  });
});

describe("3.5 kkt-full-data", () => {
  const rows = parseSuccess("kkt-full-data", fixture("kkt-full-data.json"), fullDataListSchema);

  it("turns roubles with decimals into exact kopecks", () => {
    const t = toDailyTurnover(rows[0], "2021-11-25");
    expect(t).toEqual({
      rnm: "0004321088009033",
      day: "2021-11-25",
      income: 1294841173n,
      refunds: 0n,
      incomeVat: 215806860n,
      incomeCash: 1821700n,
      incomeCashless: 1293019473n,
      incomePrepaid: 0n,
      incomeCredit: 0n,
      refundsCash: 0n,
      refundsCashless: 0n,
      refundsPrepaid: 0n,
      refundsCredit: 0n,
      receipts: 4310,
      refundReceipts: 0,
    });
    // The example's payment forms add up to its income to the kopeck.
    expect(t.incomeCash! + t.incomeCashless!).toBe(t.income);
    expect(rows[0].restrInfo?.preorderSumm).toBe(1065594230n);
    expect(rows[0].itemsQtySumm).toBe(21476.23);
  });

  it("maps the store and its categories", () => {
    const [store] = toStores(rows);
    expect(store.name).toBe('Ресторан "Магадан"');
    expect(store.rnms).toEqual(["0004321088009033"]);
    expect(store.categories.map((c) => [c.name, c.values.map((v) => v.value)])).toEqual([
      ["Терминал", ["B"]],
      ["Формат", ["Общепит - Ресторан"]],
      ["Вид деятельности", ["Общепит"]],
    ]);
  });

  it("rejects an amount with three decimals, naming the field", () => {
    const e = thrown(() => parseSuccess("kkt-full-data", fixture("kkt-full-data.json").replace("12948411.73", "12948411.735"), fullDataListSchema));
    expect(e.message).toBe("Renta kkt-full-data: field Data[0].incomeSumm: expected roubles with at most 2 decimals, received 12948411.735");
  });

  it("rejects a string where a number belongs", () => {
    const e = thrown(() => parseSuccess("kkt-full-data", fixture("kkt-full-data.json").replace('"incomeCount": 4310', '"incomeCount": "4310"'), fullDataListSchema));
    expect(e.message).toBe('Renta kkt-full-data: field Data[0].incomeCount: expected number, received string "4310"');
    expect(e.retryable).toBe(false);
  });
});

describe("3.6 shift-list", () => {
  const text = fixture("shift-list.json");

  it("rejects the example as printed: it elides entries with `...`", () => {
    const e = thrown(() => parseSuccess("shift-list", text, shiftsSchema));
    expect(e.message).toMatch(/^Renta shift-list: invalid JSON at line 96, column 7 \(unexpected "\."\)$/);
  });

  it("reads it without the elision: shifts that close the next day, CorrrectionCount normalised", () => {
    const shifts = parseSuccess("shift-list", text.replace(/\n\s*\.\.\.\n/, "\n"), shiftsSchema);
    expect(shifts).toHaveLength(3);
    const s = toShiftTurnover(shifts[0]);
    expect(s.openedAt).toBe("2022-04-01T04:31:00");
    expect(s.closedAt).toBe("2022-04-02T02:55:00");
    expect(s.income).toBe(1172649720n);
    expect(s.incomeCash + s.incomeCashless).toBe(s.income);
    expect(shifts[0].CorrectionCount).toBe(0);
  });
});

describe("3.7 v3/companies", () => {
  it("reads the cabinets (Data before Status)", () => {
    const list = parseSuccess("companies", fixture("companies.json"), cabinetsSchema).map(toCabinet);
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({ inn: "7728115183", kpp: "503243002", status: "test", activeFrom: "2022-04-14", activeTo: "2023-01-04", activeKkts: 49 });
    expect(new Set(list.map((c) => c.inn)).size).toBe(2);
  });
});

describe("1. error envelope", () => {
  it("the document's example is not JSON (unquoted keys): the HTTP status still decides", () => {
    expect(readFailure(fixture("error-envelope.json"))).toBeUndefined();
    const e = failureToError("kkts", 400, readFailure(fixture("error-envelope.json")));
    expect(isRentaError(e, "Http")).toBe(true);
    expect(e.status).toBe(400);
  });

  it("a Status Failed body with a documented name becomes that code, even with HTTP 200", () => {
    const e = thrown(() => parseSuccess("kkts", '{"Status":"Failed","Error":{"Code":7,"Message":"AccessDenied"}}', kktsSchema));
    expect(e.code).toBe("AccessDenied");
    expect(e.message).toContain("consent");
  });

  it("recognises the sentence-shaped code", () => {
    expect(failureToError("legal-entities", 400, { Code: 5, Message: "Need to add INN and KPP" }).code).toBe("NeedInnAndKpp");
  });
});
