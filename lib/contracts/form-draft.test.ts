import { describe, expect, it } from "vitest";
import { contractInputSchema } from "@/lib/validations/contracts";
import { contractToDraft, draftToBody, emptyTerms, newContractDraft, type ContractDraft } from "./form-draft";

const draft = (): ContractDraft => ({
  number: "Д-1", tenantId: "7d3c1a8e-0b1f-4a8e-9a57-1c2b3d4e5f60", premisesIds: [], start: "2026-01-01", end: "2026-12-31", currency: "RUB", leaseYearReconciliation: true,
  kkts: [{ rnm: "0000000003065868", on: true, from: "", to: "" }, { rnm: "0000000003065869", on: false, from: "", to: "" }],
  terms: [{ ...emptyTerms("2026-01-01"), baseAmount: "150 000,50", tiers: [{ from: "0", rate: "8" }, { from: "1 000 000", rate: "6,5" }] }],
});

describe("contract form draft", () => {
  it("turns typed roubles into exact kopecks and passes the API schema", () => {
    const { body, errors } = draftToBody(draft(), { amount: "bad" });
    expect(errors).toEqual({});
    const parsed = contractInputSchema.parse(body);
    expect(parsed.terms[0].baseRent).toEqual({ monthly: 15000050n });
    expect(parsed.terms[0].tiers).toEqual([{ from: 0n, rate: "8" }, { from: 100000000n, rate: "6.5" }]);
    expect(parsed.kkts).toEqual([{ rnm: "0000000003065868" }]);
  });
  it("reports a bad amount at its field and does not guess", () => {
    const d = draft();
    d.terms[0].tiers[1].from = "1.005";
    expect(draftToBody(d, { amount: "bad" }).errors).toEqual({ "terms.0.tiers.1.from": "bad" });
  });
  it("round-trips a stored contract", () => {
    const parsed = contractInputSchema.parse(draftToBody(draft(), { amount: "bad" }).body);
    const back = contractToDraft({ ...parsed, kkts: [{ rnm: "0000000003065868", from: "2026-01-01", to: "2026-12-31" }] } as never, ["0000000003065868", "0000000003065869"]);
    expect(back.terms[0].baseAmount).toBe("150000.50");
    expect(back.terms[0].tiers[1].from).toBe("1000000.00");
    expect(back.kkts).toEqual(draft().kkts);
    expect(back.leaseYearReconciliation).toBe(true);
  });
  it("keeps every term it does not show as a text field: editing in the form loses nothing stored", () => {
    // A contract as the API or an import may store it: excluded payment forms, VAT-inclusive amounts,
    // an artificial breakpoint, floor and cap, indexation, and yearly thresholds of its own.
    const stored = contractInputSchema.parse({
      number: "Д-2", tenantId: "7d3c1a8e-0b1f-4a8e-9a57-1c2b3d4e5f60", premisesIds: [], start: "2026-01-01", end: "2027-12-31", currency: "RUB", leaseYearReconciliation: true,
      kkts: [{ rnm: "0000000003065868" }],
      terms: [
        { effectiveFrom: "2026-01-01", mode: "base_plus_overage", baseRent: { perM2Monthly: 250000 }, tiers: [{ from: 0, rate: "7.5" }, { from: 500000000, rate: "5" }], breakpoint: 200000000, pctFloor: 100, pctCap: 900000000,
          basis: { refunds: "gross", vat: "excluded" }, excludedForms: ["cash", "credit"], vatOnRent: "22", vatInclusive: true, indexation: { percent: "4.5", on: "01-01" },
          yearly: { tiers: [{ from: 0, rate: "7.5" }, { from: 6000000000, rate: "5" }], breakpoint: 2400000000, pctCap: 10000000000 } },
        { effectiveFrom: "2027-01-01", mode: "percentage_only", baseRent: { monthly: 0 }, tiers: [{ from: 0, rate: "10" }], basis: { refunds: "net", vat: "included" }, vatOnRent: null },
      ],
    });
    const d = contractToDraft({ ...stored, kkts: [{ rnm: "0000000003065868", from: "2026-01-01", to: "2027-12-31" }] } as never, ["0000000003065868"]);
    expect(d.terms[0]).toMatchObject({ vatInclusive: true, excludedForms: ["cash", "credit"], yearlyBreakpoint: "24000000.00", yearlyFloor: "", yearlyCap: "100000000.00" });
    const { body, errors } = draftToBody(d, { amount: "bad" });
    expect(errors).toEqual({});
    expect(contractInputSchema.parse(body).terms).toEqual(stored.terms);
  });
  it("reports a bad yearly amount at its field", () => {
    const d = draft();
    d.terms[0].yearlyCap = "сто";
    d.terms[0].yearlyTiers = [{ from: "0", rate: "8" }, { from: "x", rate: "6,5" }];
    expect(draftToBody(d, { amount: "bad" }).errors).toEqual({ "terms.0.yearly.pctCap": "bad", "terms.0.yearly.tiers.1.from": "bad" });
  });
});

describe("a new contract's draft", () => {
  it("starts in the organisation's currency with its country's VAT on rent", () => {
    expect(newContractDraft(2026)).toMatchObject({ currency: "RUB", terms: [{ vatOnRent: "22" }] });
    expect(newContractDraft(2026, "UAH")).toMatchObject({ currency: "UAH", start: "2026-01-01", terms: [{ vatOnRent: "20" }] });
  });
});
