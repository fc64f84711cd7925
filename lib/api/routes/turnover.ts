import "server-only";
import { z } from "zod";
import { turnoverCsvResponse } from "@/lib/turnover/csv";
import { turnoverQuerySchema } from "@/lib/turnover/query";
import { turnoverReport } from "@/lib/turnover/report";
import { enterDay, enterDays, removeDay } from "@/lib/turnover/entries";
import { checkRegisterDay, checkRegisterMonth, registerMonth, registerReceipt } from "@/lib/turnover/register-day";
import { dayEntriesInputSchema, dayEntryInputSchema, ENTERED_SOURCES } from "@/lib/validations/turnover";
import { organizationCurrency } from "@/db/queries/members";
import { defineRoute, pathId } from "../handler";
import { todayUtc } from "@/lib/rent/calendar";

const row = z.object({ key: z.record(z.string(), z.string()), income: z.number().int(), refunds: z.number().int(), net: z.number().int(), receipts: z.number().int(), days: z.number().int() });

export const getTurnover = defineRoute(
  {
    method: "GET", path: "/api/v1/turnover", summary: "Daily turnover summed by day, month, register, tenant or store category (money in minor units of the organisation's currency)", tag: "Turnover", permission: "tenancy.read",
    query: turnoverQuerySchema,
    response: z.object({ currency: z.enum(["RUB", "UAH"]), data: z.array(row) }),
    produces: ["text/csv"],
  },
  async ({ actor, db, query }) => {
    const data = await turnoverReport(db, actor, query);
    if (query.format === "json") return { currency: await organizationCurrency(db, actor.orgId), data };
    return turnoverCsvResponse(data, query);
  },
);

const money = z.number().int();
const figures = z.object({
  income: money, refunds: money, incomeVat: money.nullable(), incomeCash: money.nullable(), incomeCashless: money.nullable(), incomePrepaid: money.nullable(), incomeCredit: money.nullable(),
  refundsCash: money.nullable(), refundsCashless: money.nullable(), refundsPrepaid: money.nullable(), refundsCredit: money.nullable(), receipts: z.number().int().nullable(), refundReceipts: z.number().int().nullable(),
});
const register = z.object({
  id: z.string().uuid(), rnm: z.string(), fnNumber: z.string().nullable(), serial: z.string().nullable(), address: z.string().nullable(), place: z.string().nullable(),
  consentFrom: z.string().nullable(), consentTo: z.string().nullable(), tenant: z.object({ id: z.string().uuid(), name: z.string(), inn: z.string() }), store: z.string().nullable(),
  provider: z.object({ kind: z.string(), connectionId: z.string().uuid(), connection: z.string(), cabinet: z.string(), inn: z.string() }).nullable(),
});
const receiptLine = z.object({
  id: z.string(), time: z.string(), operation: z.enum(["income", "refund", "expense", "expense_refund"]), correction: z.boolean(), bso: z.boolean(),
  shift: z.number().int().nullable(), number: z.number().int().nullable(), docNumber: z.number().int().nullable(),
  total: money, cash: money, cashless: money, prepaid: money, credit: money, vat: money,
});
const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use YYYY-MM") });

export const getRegisterDays = defineRoute(
  {
    method: "GET", path: "/api/v1/kkts/{id}/days", summary: "A register's month day by day: the figures counted (best-ranked source), other sources, and days missing, not available (outside consent), pending or in the future", tag: "Turnover", permission: "dashboard.read",
    query: monthQuery,
    response: z.object({
      register, month: z.string(), checkable: z.boolean(),
      totals: z.object({ income: money, refunds: money, net: money, receipts: z.number().int(), daysWithData: z.number().int(), missingDays: z.number().int() }),
      data: z.array(z.object({ day: z.string(), state: z.enum(["ok", "missing", "not_available", "pending", "future"]), source: z.string().nullable(), figures: figures.nullable(), net: money.nullable(), otherSources: z.array(z.string()), pulledAt: z.string().nullable(), reason: z.string().nullable() })),
    }),
  },
  async ({ actor, db, params, query }) => {
    const { days, ...rest } = await registerMonth(db, actor, pathId(params), query.month, todayUtc());
    return { ...rest, data: days };
  },
);

export const getRegisterDayCheck = defineRoute(
  {
    method: "GET", path: "/api/v1/kkts/{id}/days/{day}", summary: "A register's day checked against its receipts, read live from the provider (Renta 3.1 and 3.6): every receipt, their sums, and each stored figure with its difference (receipts − stored)", tag: "Turnover", permission: "turnover.check",
    response: z.object({
      register, day: z.string(), stored: figures.nullable(), storedSource: z.string(), countedSource: z.string().nullable(),
      summary: figures.extend({ incomeVat: money, refundsVat: money, otherOperations: z.number().int(), corrections: z.number().int() }),
      comparison: z.object({ matches: z.boolean(), fields: z.array(z.object({ field: z.string(), stored: money.nullable(), receipts: money, difference: money.nullable() })) }),
      receipts: z.array(receiptLine),
      shifts: z.array(z.object({ rnm: z.string(), shiftNumber: z.number().int(), openedAt: z.string(), closedAt: z.string().optional(), income: money, refunds: money, incomeCash: money, incomeCashless: money, incomePrepaid: money, incomeCredit: money, vat: money, receipts: z.number().int(), refundReceipts: z.number().int() })),
    }),
  },
  // An impossible date is refused by checkRegisterDay next to `day`.
  async ({ actor, db, params }) => checkRegisterDay(db, actor, pathId(params), params.day ?? "", todayUtc()),
);

export const getRegisterReceipt = defineRoute(
  {
    method: "GET", path: "/api/v1/kkts/{id}/receipts/{receiptId}", summary: "One receipt of the register with its items, read live from the provider (Renta 3.2; Kontur.OFD with ?day=YYYY-MM-DD, items without VAT; Yandex OFD has none: 409)", tag: "Turnover", permission: "turnover.check",
    response: z.object({
      register,
      receipt: receiptLine.omit({ shift: true, number: true, docNumber: true }).extend({
        tenant: z.object({ inn: z.string(), name: z.string() }),
        items: z.array(z.object({ name: z.string(), price: money, quantity: z.number(), total: money, vatRate: z.string().nullable(), vat: money.nullable() })),
      }),
    }),
    query: z.object({ day: z.string().optional() }),
  },
  async ({ actor, db, params, query }) => registerReceipt(db, actor, pathId(params), params.receiptId ?? "", {}, query.day),
);

const storedDay = figures.extend({ kktId: z.string().uuid(), rnm: z.string(), day: z.string(), source: z.string(), refundsVat: money.nullable(), pulledAt: z.string() });

export const putRegisterDay = defineRoute(
  {
    method: "PUT", path: "/api/v1/kkts/{id}/days/{day}", summary: "Enter a register's day by hand (source \"manual\": counts over the provider's) or from the tenant's own report (\"tenant-reported\": counts where nothing better exists); money in kopecks. The same source for the same day is replaced; a provider's figures are never overwritten", tag: "Turnover", permission: "turnover.write",
    body: dayEntryInputSchema,
    response: storedDay,
  },
  async ({ actor, db, params, body }) => enterDay(db, actor, pathId(params), params.day ?? "", body, todayUtc()),
);

export const deleteRegisterDay = defineRoute(
  {
    method: "DELETE", path: "/api/v1/kkts/{id}/days/{day}", summary: "Remove a person's figures for a register's day (?source=manual|tenant-reported); the provider's, if any, count again", tag: "Turnover", permission: "turnover.write",
    query: z.object({ source: z.enum(ENTERED_SOURCES, { message: "manual or tenant-reported" }) }),
    response: z.object({ kktId: z.string().uuid(), day: z.string(), source: z.string() }),
  },
  async ({ actor, db, params, query }) => removeDay(db, actor, pathId(params), params.day ?? "", query.source, todayUtc()),
);

export const postTurnover = defineRoute(
  {
    method: "POST", path: "/api/v1/turnover", summary: "Enter many registers' days at once (registers by RNM; a tenant's monthly report, an accounting system): all or none", tag: "Turnover", permission: "turnover.write",
    body: dayEntriesInputSchema,
    response: z.object({ stored: z.number().int() }),
    successStatus: 201,
  },
  async ({ actor, db, body }) => enterDays(db, actor, body.entries, todayUtc()),
);

export const getRegisterMonthCheck = defineRoute(
  {
    method: "GET", path: "/api/v1/kkts/{id}/check", summary: "A register's month (up to yesterday, within its consent) checked against its receipts read live from the provider a week at a time: per day, the receipts counted and the stored figures that differ (receipts − stored)", tag: "Turnover", permission: "turnover.check",
    query: monthQuery,
    response: z.object({
      register, month: z.string(), from: z.string().nullable(), to: z.string().nullable(), matching: z.number().int(), differing: z.number().int(),
      data: z.array(z.object({ day: z.string(), receipts: z.number().int(), nothingStored: z.boolean(), matches: z.boolean(), differences: z.array(z.object({ field: z.string(), stored: money.nullable(), receipts: money, difference: money.nullable() })) })),
    }),
  },
  async ({ actor, db, params, query }) => {
    const { days, ...rest } = await checkRegisterMonth(db, actor, pathId(params), query.month, todayUtc());
    return { ...rest, data: days };
  },
);
