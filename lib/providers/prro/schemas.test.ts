/** The document's own example and every kind of bad field, read by the code path a live response takes. */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rub, writeJson } from "@/lib/providers/renta/simulator/json-writer";
import { PrroError } from "./errors";
import { toTaxObject } from "./mapping";
import { parseTaxObjectResponse } from "./parse";

const EXAMPLE = readFileSync(path.join(import.meta.dirname, "fixtures", "tax-object-response.json"), "utf8");

function thrown(fn: () => unknown): PrroError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PrroError) return e;
    throw e;
  }
  throw new Error("expected a PrroError");
}

const DELETE = Symbol("delete");

/** The example with fields set (or deleted) by path, "data.shift.totals.ret.pay_form[0].sum"; numbers written as given. */
function edited(edits: Record<string, unknown>): string {
  const json = JSON.parse(EXAMPLE) as Record<string, unknown>;
  for (const [field, value] of Object.entries(edits)) {
    const keys = field.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== "");
    const last = keys.pop()!;
    const parent = keys.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, json);
    if (value === DELETE) delete parent[last];
    else parent[last] = value;
  }
  return JSON.stringify(json);
}

describe("the document's example response", () => {
  const parsed = parseTaxObjectResponse(EXAMPLE);

  it("validates as it is: real null, excise_prc null, a date-only created_at, an email that is no address, a negative cash_in_box", () => {
    const t = parsed.data.shift!.totals;
    expect(t.real).toBeNull();
    expect(t.ret!.tax![0]).toMatchObject({ name: "ПДВ Б 0%", prc: "0", turnover: 3000n, sum: 0n, excise_prc: null, excise_sum: 0n });
    expect([t.cash_in_box, t.cash_in_box_start, t.number, t.from_date, t.offline_id]).toEqual([-1000n, 2000n, null, null, null]);
    expect(parsed.data.created_at).toBe("08.02.2021");
    expect(parsed.data.shift!.cashier!.email).toBe("[email protected]");
    expect(parsed.data.num_fiscal).toBe("4000070440");
    expect(parsed.data.required_fields).toEqual({ products: ["distributor_edrpou", "amount_left", "price_retail", "price_online", "price_buy"] });
  });

  it("maps to one open shift of 19.04.2021 with one return of 30 hryvnias in cash and no sales", () => {
    expect(toTaxObject(parsed)).toEqual({
      numFiscal: "4000070440",
      orgName: "Тестовий платник 4",
      tin: "12345678",
      ipn: "123456789020",
      name: "Bro Store",
      address: "УКРАЇНА, ХАРКІВСЬКА ОБЛ., М. ХАРКІВ СЛОБІДСЬКИЙ Р-Н, проспект Льва Ландау, 1а",
      shift: {
        id: "607d9850626e8c2e22609fc4",
        isOpen: true,
        day: "2021-04-19",
        openedAt: "2021-04-19T17:48:48",
        number: null,
        totals: {
          income: 0n,
          refunds: 3000n,
          incomeVat: 0n,
          // "ПДВ Б 0%" is VAT at 0 %: a known zero.
          refundsVat: 0n,
          incomeCash: 0n,
          incomeCashless: 0n,
          refundsCash: 3000n,
          refundsCashless: 0n,
          receipts: 0,
          refundReceipts: 1,
        },
      },
      subscriptionEnded: true,
      subscriptionExpiresAt: "2021-02-20",
      offline: false,
    });
  });

  it("keeps unknown fields out and takes keys in any order", () => {
    const body = edited({ "data.brand_new_field": { nested: [1, 2] }, "data.shift.totals.ret.surprise": "x" });
    expect(toTaxObject(parseTaxObjectResponse(body))).toEqual(toTaxObject(parsed));
    expect(parseTaxObjectResponse(body).data).not.toHaveProperty("brand_new_field");
  });

  it("reads the tolerated variants: no shift at all, state as the table's string, a date-time subscr_expire_at, null ipn", () => {
    expect(toTaxObject(parseTaxObjectResponse(edited({ "data.shift": null }))).shift).toBeNull();
    expect(toTaxObject(parseTaxObjectResponse(edited({ "data.shift": DELETE }))).shift).toBeNull();
    expect(toTaxObject(parseTaxObjectResponse(edited({ "data.shift.state": "false" }))).shift!.isOpen).toBe(false);
    const o = toTaxObject(parseTaxObjectResponse(edited({ "data.subscr_expire_at": "20.02.2021 23:59:59", "data.ipn": null })));
    expect([o.subscriptionExpiresAt, o.ipn]).toEqual(["2021-02-20", null]);
  });
});

describe("money is read from the JSON text, never through a float", () => {
  const withRetSum = (text: string) => EXAMPLE.replace('"ret": {\n"sum": 30,', `"ret": {\n"sum": ${text},`);

  it.each([
    ["30", 3000n],
    ["1234.5", 123450n],
    ["12.34", 1234n],
    ["0.3", 30n],
    ["12.340000", 1234n],
    ["3.0E1", 3000n],
    ["90071992547409.93", 9007199254740993n],
    ["-0.0", 0n],
  ])("%s hryvnias → %s kopiyky", (text, kopiyky) => {
    expect(withRetSum("7")).not.toBe(EXAMPLE);
    expect(parseTaxObjectResponse(withRetSum(text)).data.shift!.totals.ret!.sum).toBe(kopiyky);
  });

  it("any amount written as the service writes it (30, 1234.5, 12.34) reads back exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), (k) => {
        const body = withRetSum(writeJson(new Rub(k)));
        expect(parseTaxObjectResponse(body).data.shift!.totals.ret!.sum).toBe(k);
      }),
    );
  });
});

describe("a bad field is refused by its path", () => {
  it.each<[string, unknown, string, string]>([
    ["a float with 3 decimals", 12.345, "data.shift.totals.ret.sum", "must be whole kopiyky, at most 2 decimals (received number 12.345)"],
    ["a string where a number is", "30", "data.shift.totals.ret.sum", 'must be a number of hryvnias (received string "30")'],
    ["a negative sale", -30, "data.shift.totals.ret.pay_form[0].sum", "must not be negative (received number -30)"],
    ["a tax sum of null", null, "data.shift.totals.ret.tax[0].sum", "must be a number of hryvnias (received null)"],
    ["a cash balance with a fraction of a kopiyka", -10.005, "data.shift.totals.cash_in_box", "must be whole kopiyky, at most 2 decimals (received number -10.005)"],
    ["a fractional count", 1.5, "data.shift.totals.ret.orders_count", "must be a whole number (received number 1.5)"],
    ["no shift id", DELETE, "data.shift.id", "must be a string (received nothing (field missing))"],
    ["no totals", DELETE, "data.shift.totals", "must be an object (received nothing (field missing))"],
    ["a block that is a list", [], "data.shift.totals.real", "must be an object (received an array)"],
    ["pay_form code as a number", 0, "data.shift.totals.ret.pay_form[0].pay_form_code", "must be a string (received number 0)"],
    ["an ISO open_date", "2021-04-19 17:48:48", "data.shift.open_date", 'must be a date-time dd.MM.yyyy HH:mm:ss (received string "2021-04-19 17:48:48")'],
    ["an impossible open_date", "31.02.2021 10:00:00", "data.shift.open_date", 'must be a date-time dd.MM.yyyy HH:mm:ss (received string "31.02.2021 10:00:00")'],
    ["state as a word", "open", "data.shift.state", 'must be true or false (the shift-is-open flag) (received string "open")'],
    ["num_fiscal as a string", "4000070440", "data.num_fiscal", 'must be a fiscal number: a JSON integer of 10 digits (received string "4000070440")'],
    ["num_fiscal of 9 digits", 400007044, "data.num_fiscal", "must be a fiscal number: a JSON integer of 10 digits (received number 400007044)"],
    ["no org_name", DELETE, "data.org_name", "must be a string (received nothing (field missing))"],
    ["a created_at in another format", "2021-02-08", "data.created_at", 'must be a date dd.MM.yyyy or a date-time dd.MM.yyyy HH:mm:ss (received string "2021-02-08")'],
  ])("%s", (_, value, field, detail) => {
    const e = thrown(() => parseTaxObjectResponse(edited({ [field]: value })));
    expect([e.code, e.field, e.retryable]).toEqual(["Malformed", field, false]);
    expect(e.message).toBe(`PRRO tax-object: ${field} ${detail}`);
  });

  it("no data at all names the field", () => {
    expect(thrown(() => parseTaxObjectResponse('{"error":"x"}')).message).toBe("PRRO tax-object: data must be an object (received nothing (field missing))");
  });

  it("a body cut off is Malformed with line and column, and retryable (a dropped connection)", () => {
    const e = thrown(() => parseTaxObjectResponse(EXAMPLE.slice(0, 200)));
    expect([e.code, e.retryable, e.field]).toEqual(["Malformed", true, undefined]);
    expect(e.message).toMatch(/^PRRO tax-object: the body is invalid JSON at line \d+, column \d+ \(unexpected end of input\)$/);
    expect(e.messageRu).toMatch(/^PRRO tax-object: ответ не соответствует документированному формату: the body is invalid JSON at line/);
  });
});
