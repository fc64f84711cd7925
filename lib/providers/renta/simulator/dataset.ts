/**
 * A deterministic mall from a seed: cabinets (landlord entities), tenants with stores and
 * categories, registers with consents, schedules and quirks. Only this structure is held in
 * memory; each register's sales are regenerated on demand from (seed, register, day) in figures.ts.
 */
import { dayFromNumber, dayNumber } from "../dates";
import { CATEGORIES, MALLS, NAMES_F, NAMES_M, PATRONYMICS_F, PATRONYMICS_M, PLACES, SURNAMES_F, SURNAMES_M, type CategorySpec, type VatProfile } from "./catalog";
import { kppFor, legalInn, personInn, rnmFor } from "./identifiers";
import { rngFor, uuidFor, type Rng } from "./prng";

export interface DatasetOptions {
  seed?: number;
  cabinets?: number;
  tenants?: number;
  kkts?: number;
  /** First and last calendar day with sales (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

/** The demo mall: two landlord cabinets, 120 tenants, 250 registers, two years spanning the VAT change. */
export const DEMO_DATASET: Required<DatasetOptions> = { seed: 42, cabinets: 2, tenants: 120, kkts: 250, from: "2025-01-01", to: "2026-12-31" };

export interface SimCabinet {
  index: number;
  id: string;
  inn: string;
  kpp: string;
  name: string;
  address: string;
  status: "Commercial" | "Test";
  createDate: string;
  /** The period the cabinet has paid for (days, inclusive). */
  paidFrom: string;
  paidTo: string;
}

export interface SimStore {
  id: string;
  name: string;
  brand: string;
  updated: string;
  categories: { id: string; name: string; values: { id: string; value: string }[] }[];
}

export interface SimTenant {
  index: number;
  cabinet: number;
  inn: string;
  kpp?: string;
  name: string;
  category: CategorySpec;
  vat: VatProfile;
  store: SimStore;
  kkts: number[];
}

export interface SimKkt {
  index: number;
  tenant: number;
  cabinet: number;
  rnm: string;
  factoryNumber: string;
  fnNumber: string;
  place: string;
  consentFrom: string;
  consentTo: string;
  /** Day numbers during which the register sends nothing. */
  silent?: readonly [number, number];
  /** Minutes after midnight; close > 1440 means the shift ends the next day. */
  openMinute: number;
  closeMinute: number;
  afterMidnightPermille: number;
  baseDailyKop: bigint;
  ticketKop: bigint;
  cashPermille: readonly [number, number];
  refundPermille: readonly [number, number];
  shiftBase: number;
  docBase: number;
  operators: string[];
  reports: string[];
}

export interface Dataset {
  options: Required<DatasetOptions>;
  fromDay: number;
  toDay: number;
  cabinets: SimCabinet[];
  tenants: SimTenant[];
  kkts: SimKkt[];
  byRnm: Map<string, SimKkt>;
}

export function createDataset(options: DatasetOptions = {}): Dataset {
  const o: Required<DatasetOptions> = { ...DEMO_DATASET, ...options };
  const fromDay = dayNumber(o.from);
  const toDay = dayNumber(o.to);
  if (fromDay === undefined || toDay === undefined || toDay < fromDay) throw new RangeError(`invalid dataset period ${o.from} – ${o.to}`);
  if (o.cabinets < 1 || o.tenants < 1 || o.kkts < 1 || o.kkts > 65_535) throw new RangeError("dataset needs at least one cabinet, tenant and register (at most 65535 registers)");
  const cabinets = Array.from({ length: o.cabinets }, (_, i) => makeCabinet(o, i, fromDay, toDay));
  const tenants = makeTenants(o, cabinets);
  const kkts = makeKkts(o, tenants, fromDay, toDay);
  return { options: o, fromDay, toDay, cabinets, tenants, kkts, byRnm: new Map(kkts.map((k) => [k.rnm, k])) };
}

function makeCabinet(o: Required<DatasetOptions>, i: number, fromDay: number, toDay: number): SimCabinet {
  const r = rngFor(o.seed, "cabinet", i);
  const mall = MALLS[i % MALLS.length];
  const inn = legalInn(r, mall.region);
  // Every second cabinet is a test cabinet whose paid period starts two months later.
  const test = i % 2 === 1;
  const start = dayFromNumber(fromDay);
  const paidFrom = test ? firstOfMonthAfter(start, 2) : start;
  return {
    index: i,
    id: uuidFor(o.seed, "cabinet", i),
    inn,
    kpp: kppFor(inn, i >= MALLS.length),
    name: i < MALLS.length ? mall.name : `${mall.name.slice(0, -1)} ${Math.floor(i / MALLS.length) + 1}"`,
    address: mall.address,
    status: test ? "Test" : "Commercial",
    createDate: `${dayFromNumber(fromDay - r.int(20, 200))}T${String(r.int(8, 18)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}`,
    paidFrom: paidFrom <= dayFromNumber(toDay) ? paidFrom : start,
    paidTo: dayFromNumber(toDay),
  };
}

function firstOfMonthAfter(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`;
}

function pickCategory(r: Rng): CategorySpec {
  const total = CATEGORIES.reduce((a, c) => a + c.weight, 0);
  let x = r.next() * total;
  for (const c of CATEGORIES) if ((x -= c.weight) < 0) return c;
  return CATEGORIES[CATEGORIES.length - 1];
}

function makeTenants(o: Required<DatasetOptions>, cabinets: SimCabinet[]): SimTenant[] {
  const usedBrands = new Map<string, number>();
  const out: SimTenant[] = [];
  for (let i = 0; i < o.tenants; i++) {
    const r = rngFor(o.seed, "tenant", i);
    // Earlier cabinets are the larger malls (about 60/40 with two).
    const cabinet = Math.min(cabinets.length - 1, Math.floor(((i + 0.5) / o.tenants) ** 1.3 * cabinets.length));
    const cat = pickCategory(r);
    const n = usedBrands.get(cat.key) ?? 0;
    usedBrands.set(cat.key, n + 1);
    const brand = cat.brands[n % cat.brands.length] + (n >= cat.brands.length ? ` ${Math.floor(n / cat.brands.length) + 1}` : "");
    const region = r.pick(["77", "50", "78", "77", "77", "52", "66"]);
    const soleTrader = r.chance(cat.soleTraderShare);
    let inn: string;
    let kpp: string | undefined;
    let name: string;
    if (soleTrader) {
      inn = personInn(r, region);
      const female = r.chance(0.5);
      name = `ИП ${r.pick(female ? SURNAMES_F : SURNAMES_M)} ${r.pick(female ? NAMES_F : NAMES_M)} ${r.pick(female ? PATRONYMICS_F : PATRONYMICS_M)}`;
    } else {
      inn = legalInn(r, region);
      kpp = kppFor(inn);
      name = `${r.chance(0.08) ? "АО" : "ООО"} "${brand.toUpperCase()}"`;
    }
    const vat: VatProfile = soleTrader || (cat.vat !== "none" && r.chance(0.12)) ? "none" : cat.vat;
    out.push({ index: i, cabinet, inn, kpp, name, category: cat, vat, store: makeStore(o, i, cat, brand, r), kkts: [] });
  }
  return out;
}

function makeStore(o: Required<DatasetOptions>, i: number, cat: CategorySpec, brand: string, r: Rng): SimStore {
  const cats = [
    ["Терминал", r.pick(["A", "B", "C"])],
    ["Формат", cat.format],
    ["Вид деятельности", cat.activity],
  ] as const;
  return {
    id: uuidFor(o.seed, "store", i),
    name: cat.prefix ? `${cat.prefix} "${brand}"` : brand,
    brand,
    updated: `${dayFromNumber(dayNumber(o.from)! - r.int(1, 400))}T${String(r.int(9, 20)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}`,
    categories: cats.map(([name, value]) => ({ id: uuidFor("category", name), name, values: [{ id: uuidFor("category-value", name, value), value }] })),
  };
}

function makeKkts(o: Required<DatasetOptions>, tenants: SimTenant[], fromDay: number, toDay: number): SimKkt[] {
  // Each tenant gets one register (while there are registers); the rest go to big formats first.
  const owners: number[] = tenants.slice(0, Math.min(tenants.length, o.kkts)).map((t) => t.index);
  const r = rngFor(o.seed, "kkt-owners");
  const weights = tenants.map((t) => t.category.kktWeight);
  const counts = tenants.map((_, i) => (i < owners.length ? 1 : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  for (let guard = 0; owners.length < o.kkts && guard < o.kkts * 50; guard++) {
    let x = r.next() * total;
    let t = 0;
    while ((x -= weights[t]) >= 0 && t < tenants.length - 1) t++;
    if (counts[t] >= tenants[t].category.maxKkts && guard < o.kkts * 40) continue;
    counts[t]++;
    owners.push(t);
  }
  return owners.map((t, i) => makeKkt(o, i, tenants[t], fromDay, toDay));
}

function makeKkt(o: Required<DatasetOptions>, i: number, tenant: SimTenant, fromDay: number, toDay: number): SimKkt {
  const r = rngFor(o.seed, "kkt", i);
  const cat = tenant.category;
  tenant.kkts.push(i);
  const main = tenant.kkts.length === 1;
  const factoryNumber = "00106" + r.digits(9);
  const ordinal = "000" + r.digits(7);
  const span = toDay - fromDay;
  // Consents: most cover the whole period; some start or end in the middle of a month.
  let consentFrom = fromDay;
  let consentTo = toDay;
  const roll = r.next();
  if (roll < 0.08 && span > 90) consentFrom = midMonth(fromDay + r.int(30, span - 60));
  else if (roll < 0.12 && span > 90) consentTo = midMonth(fromDay + r.int(60, span - 30));
  const silentStart = fromDay + r.int(0, Math.max(0, span - 10));
  const silent = r.chance(0.05) ? ([silentStart, silentStart + r.int(2, 8)] as const) : undefined;
  const late = cat.lateClose;
  const open = cat.key === "grocery" ? r.int(475, 485) : cat.key === "coffee" ? r.int(535, 545) : r.int(590, 605);
  const close = late ? r.int(1500, 1620) : cat.key === "grocery" ? r.int(1380, 1390) : r.int(1320, 1335);
  const [lo, hi] = cat.dailyRub;
  // A tenant's second and further registers take less than its main one.
  const rub = Math.floor(((lo + r.int(0, hi - lo)) * (main ? 10 : 6)) / 10);
  const female = r.chance(0.6);
  return {
    index: i,
    tenant: tenant.index,
    cabinet: tenant.cabinet,
    rnm: rnmFor(ordinal, tenant.inn, factoryNumber),
    factoryNumber,
    fnNumber: r.pick(["9960440300", "7281440500", "9999078900"]) + r.digits(6),
    place: placeFor(cat, r),
    consentFrom: dayFromNumber(consentFrom),
    consentTo: dayFromNumber(consentTo),
    silent,
    openMinute: open,
    closeMinute: close,
    afterMidnightPermille: late ? r.int(60, 150) : 0,
    baseDailyKop: BigInt(rub) * 100n,
    ticketKop: BigInt(cat.ticketRub) * 100n,
    cashPermille: cat.cashPermille,
    refundPermille: cat.refundPermille,
    shiftBase: r.int(1, 900),
    docBase: r.int(1, 90_000),
    operators: [
      `${r.pick(female ? SURNAMES_F : SURNAMES_M)} ${r.pick(female ? NAMES_F : NAMES_M)}`,
      `Кассир ${r.int(1000, 9999)}`,
    ],
    reports: ["KktWorkingTime", "KktOperations", "KktReceipts", "NomenclatureSales", ...(r.chance(0.5) ? ["RentaCloseShiftReport"] : [])],
  };
}

/** Move a day to the 10th–20th of its month: consents signed mid-month. */
function midMonth(day: number): number {
  const d = dayFromNumber(day);
  const dom = Number(d.slice(8, 10));
  return dom < 10 ? day + (10 - dom) : dom > 20 ? day - (dom - 20) : day;
}

function placeFor(cat: CategorySpec, r: Rng): string {
  if (cat.key === "foodcourt") return `Фуд-корт, место ${r.int(1, 40)}`;
  const p = r.pick(PLACES.filter((x) => !x.startsWith("Фуд")));
  return p === "Павильон" ? `Павильон ${r.int(1, 3)}-${String(r.int(1, 120)).padStart(3, "0")}` : p;
}

/** Whether the register's consent covers the calendar day. */
export function consentCovers(k: SimKkt, day: string): boolean {
  return k.consentFrom <= day && day <= k.consentTo;
}
