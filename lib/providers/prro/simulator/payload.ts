/**
 * The JSON the service answers with, in the document's key order. Money is written as the real service writes
 * it, a JSON float in hryvnias with at most two decimals (30, 1234.5, 12.34), from kopiyky as text, never a float.
 */
import { dayNumber } from "@/lib/providers/renta/dates";
import { RawNumber, Rub, writeJson } from "@/lib/providers/renta/simulator/json-writer";
import { hash32 } from "@/lib/providers/renta/simulator/prng";
import type { Dataset } from "@/lib/providers/renta/simulator/dataset";
import { isoToPrroDate, isoToPrroDateTime } from "../dates";
import { digitsFor, objectId } from "./identifiers";
import { sumSales, VAT_RATE, type BlockSum, type ShiftState } from "./shifts";
import type { SimTaxObject } from "./tax-objects";

const UAH = (kopiyky: bigint) => new Rub(kopiyky);
const PAY_FORMS = [
  ["0", "ГОТІВКА"],
  ["1", "КАРТКА"],
  ["2", "ПОПЕРЕДНЯ ОПЛАТА"],
  ["3", "КРЕДИТ"],
] as const;

const NAMES = ["Олена", "Ірина", "Тетяна", "Оксана", "Андрій", "Олександр", "Марія", "Дмитро"];
const SURNAMES = ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Мельник", "Бойко", "Лисенко"];
const LATIN = ["olena", "iryna", "tetiana", "oksana", "andrii", "oleksandr", "mariia", "dmytro"];

/** A block of the shift's totals; null when it holds no receipt (the example's `real: null`). */
function block(b: BlockSum, vatPayer: boolean) {
  if (b.count === 0) return null;
  return {
    sum: UAH(b.sum),
    total_currency_commission: 0,
    orders_count: b.count,
    total_currency_cost: 0,
    pay_form: PAY_FORMS.flatMap(([code, name], i) => (b.forms[i] === 0n ? [] : [{ pay_form_code: code, pay_form_name: name, sum: UAH(b.forms[i]) }])),
    tax: [
      vatPayer
        ? { name: `ПДВ А ${VAT_RATE}%`, letter: "А", prc: VAT_RATE, turnover: UAH(b.sum), sum: UAH(b.vat), excise_prc: null, excise_sum: 0 }
        : { name: "Без ПДВ", letter: "Б", prc: 0, turnover: UAH(b.sum), sum: 0, excise_prc: null, excise_sum: 0 },
    ],
  };
}

function cashier(ds: Dataset, to: SimTaxObject, nowLocal: string) {
  const seed = ds.options.seed;
  const i = hash32(seed, "prro-cashier", to.kkt) % NAMES.length;
  const j = hash32(seed, "prro-cashier-surname", to.kkt) % SURNAMES.length;
  return {
    id: objectId(dayNumber(to.createdAt)! * 86_400, seed, "cashier", to.kkt),
    full_name: `${SURNAMES[j].toUpperCase()} ${NAMES[i].toUpperCase()}`,
    email: `${LATIN[i]}.${to.kkt}@kasa.example.ua`,
    phone: `380${digitsFor(9, seed, "phone", to.kkt)}`,
    edrpou: "",
    position: "Касир",
    drfo: digitsFor(10, seed, "drfo", to.kkt),
    last_online: isoToPrroDateTime(nowLocal),
    last_online_level: 1,
    subject_key_id: [0, 1, 2, 3, 4, 5, 6, 7].map((n) => hash32(seed, "prro-key", to.kkt, n).toString(16).padStart(8, "0")).join(""),
    tax_objects_count: 1,
    created_at: isoToPrroDateTime(`${to.createdAt}T09:30:00`),
  };
}

function shift(ds: Dataset, to: SimTaxObject, st: ShiftState, nowLocal: string) {
  const s = st.shift;
  const real = sumSales(st.sales, false);
  const ret = sumSales(st.sales, true);
  const start = BigInt(hash32(ds.options.seed, "prro-float", to.kkt) % 4) * 50_000n;
  return {
    id: s.id,
    state: st.open,
    open_date: isoToPrroDateTime(s.openedAt),
    offline: false,
    offline_timeline: [],
    totals: {
      real: block(real, s.vatPayer),
      ret: block(ret, s.vatPayer),
      service_input: 0,
      service_output: 0,
      // Returns paid out in cash before the day's first cash sale leave the box short, as in the example.
      cash_in_box: UAH(start + real.forms[0] - ret.forms[0]),
      from_date: isoToPrroDateTime(s.openedAt),
      to_date: st.open ? null : isoToPrroDateTime(s.closedAt),
      cash_in_box_start: UAH(start),
      number: s.number,
      extra: null,
      offline_id: null,
      date: null,
    },
    cashier: cashier(ds, to, nowLocal),
  };
}

/** The whole answer for one register at `nowLocal` (Kyiv wall-clock). */
export function taxObjectBody(ds: Dataset, to: SimTaxObject, st: ShiftState | null, nowLocal: string): string {
  const today = dayNumber(nowLocal.slice(0, 10))!;
  const daysLeft = dayNumber(to.subscriptionExpiresAt)! - today;
  return writeJson({
    data: {
      id: to.id,
      org_name: to.orgName,
      address: to.address,
      is_tas: false,
      name: to.name,
      tin: to.tin,
      ipn: to.ipn,
      num_fiscal: new RawNumber(to.numFiscal),
      shift: st && shift(ds, to, st, nowLocal),
      advertising: [],
      offline: false,
      last_online: isoToPrroDateTime(nowLocal),
      last_online_level: 1,
      // Date only, as in the example, while every other date carries a time.
      created_at: isoToPrroDate(to.createdAt),
      manual_attached: null,
      subscr_expire_at: isoToPrroDate(to.subscriptionExpiresAt),
      subscr_ended: daysLeft < 0,
      subscr_will_end: daysLeft < 14,
      subscr_days_left: Math.max(0, daysLeft),
      required_fields: { products: ["distributor_edrpou", "amount_left", "price_retail", "price_online", "price_buy"] },
      settings: [],
    },
  });
}
