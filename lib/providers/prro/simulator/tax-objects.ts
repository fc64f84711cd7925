/**
 * The PRRO simulator's registers: each one of the Renta dataset's registers, re-labelled as a Ukrainian tenant in a
 * Kyiv mall (fiscal number, ЄДРПОУ, names in Ukrainian). Chosen by a fixed rule so every run serves the same ones,
 * away from the tenants the Kontur and Yandex simulators serve (each tenant reports through one service), and
 * so that a few serve every case: a shift past midnight, a tenant without VAT, prepaid or credit sales (no cash /
 * cashless split), an ordinary VAT payer.
 */
import { defaultOrganizations } from "@/lib/providers/kontur/simulator/organizations";
import { dayFromNumber } from "@/lib/providers/renta/dates";
import type { Dataset, SimKkt } from "@/lib/providers/renta/simulator/dataset";
import { hash32 } from "@/lib/providers/renta/simulator/prng";
import { defaultCompanies } from "@/lib/providers/yandex/simulator/companies";
import { kyivInstant } from "../dates";
import { digitsFor, edrpouFor, ipnFor, objectId } from "./identifiers";

export interface SimTaxObject {
  /** The dataset register it is made from. */
  kkt: number;
  rnm: string;
  /** 10 digits. */
  numFiscal: string;
  /** The service's id of the register (24 hex digits). */
  id: string;
  /** ЄДРПОУ: 8 digits with a valid check digit. */
  tin: string;
  /** 12 digits for a VAT payer; null otherwise. */
  ipn: string | null;
  vatPayer: boolean;
  orgName: string;
  name: string;
  address: string;
  /** YYYY-MM-DD: the register's creation and the end of its subscription. */
  createdAt: string;
  subscriptionExpiresAt: string;
}

/** Ukrainian store names by the dataset's category: [kind of place, brands]. */
const LABELS: Record<string, readonly [string, readonly string[]]> = {
  clothing: ["", ["Північна Лінія", "Міський Стиль", "Білий Льон", "Вельвет", "Мрія"]],
  shoes: ["", ["Крок Уперед", "Підбор", "Взуттєвий Двір"]],
  grocery: ["Супермаркет", ["Сімейний Кошик", "Гастроном №1", "Крамниця біля Дому"]],
  restaurant: ["Ресторан", ["Дніпровські Схили", "Пузата Хата", "Липки"]],
  foodcourt: ["", ["Вареничня", "Шаурма на Оболоні", "Смачно"]],
  coffee: ["Кав'ярня", ["Зерно", "Ранкова Кава", "Львівська Філіжанка"]],
  electronics: ["", ["Техносвіт", "Цифровий Дім"]],
  mobile: ["Салон зв'язку", ["Зв'язок Плюс", "Мобілочка"]],
  cosmetics: ["", ["Краса", "Аромат"]],
  pharmacy: ["Аптека", ["Здоров'я", "Подорожник"]],
  kids: ["", ["Дитячий Світ", "Ведмедик"]],
  sport: ["", ["Спортмайстерня", "Старт"]],
  home: ["", ["Затишок", "Дім і Сад"]],
  jewelry: ["Ювелірний салон", ["Золота Нитка", "Діамант"]],
  books: ["Книгарня", ["Є", "Сторінка"]],
  cinema: ["Кінотеатр", ["Оскар", "Жовтень"]],
  services: ["", ["Ательє Голка", "Ремонт Взуття"]],
};
const FALLBACK: readonly [string, readonly string[]] = ["", ["Крамниця"]];

const MALL = "УКРАЇНА, м. Київ, Оболонський р-н, проспект Степана Бандери, 36";

/** Up to `n` registers by the rule above, then in the dataset's order; registers of one tenant only once. */
export function defaultTaxObjectKkts(ds: Dataset, n = 4): number[] {
  if (n < 1 || n > ds.kkts.length) throw new RangeError(`taxObjects must be from 1 to ${ds.kkts.length} (the dataset's registers), got ${n}`);
  const taken = new Set([...defaultOrganizations(ds), ...defaultCompanies(ds)].map((o) => o.inn));
  const free = ds.kkts.filter((k) => !taken.has(ds.tenants[k.tenant].inn));
  const pool = free.length >= n ? free : ds.kkts;
  const tenantOf = (k: SimKkt) => ds.tenants[k.tenant];
  const wanted: ((k: SimKkt) => boolean)[] = [
    (k) => tenantOf(k).category.lateClose,
    (k) => tenantOf(k).vat === "none",
    (k) => tenantOf(k).vat !== "none" && tenantOf(k).category.prepaidPermille + tenantOf(k).category.creditPermille > 0,
    (k) => tenantOf(k).vat !== "none" && !tenantOf(k).category.lateClose,
  ];
  const out: SimKkt[] = [];
  const add = (k: SimKkt | undefined) => k && out.length < n && !out.includes(k) && out.push(k);
  const fresh = (k: SimKkt) => !out.some((o) => o.tenant === k.tenant);
  for (const want of wanted) add(pool.find((k) => want(k) && fresh(k)));
  for (const k of pool) add(fresh(k) ? k : undefined);
  for (const k of pool) add(k);
  return out.map((k) => k.index);
}

export function makeTaxObjects(ds: Dataset, kkts: readonly number[]): SimTaxObject[] {
  const seed = ds.options.seed;
  const fiscal = new Set<string>();
  const used = new Map<string, number>();
  const brandOf = new Map<number, string>();
  return kkts.map((kkt) => {
    const k = ds.kkts[kkt];
    if (!k) throw new RangeError(`the dataset has no register ${kkt}`);
    const t = ds.tenants[k.tenant];
    let numFiscal = "";
    for (let i = 0; numFiscal === "" || fiscal.has(numFiscal); i++) numFiscal = `400${digitsFor(7, seed, "fiscal", kkt, i)}`;
    fiscal.add(numFiscal);
    const [kind, names] = LABELS[t.category.key] ?? FALLBACK;
    // One tenant keeps one brand over its registers; two tenants drawing the same brand are told apart by a number.
    let brand = brandOf.get(t.index);
    if (brand === undefined) {
      const b = names[hash32(seed, "prro-brand", t.index) % names.length];
      const uses = (used.get(b) ?? 0) + 1;
      used.set(b, uses);
      brand = uses > 1 ? `${b} ${uses}` : b;
      brandOf.set(t.index, brand);
    }
    const tin = edrpouFor(seed, t.index);
    const vatPayer = t.vat !== "none";
    const createdAt = dayFromNumber(ds.fromDay - 20 - (hash32(seed, "prro-created", kkt) % 300));
    const unit = `${1 + (hash32(seed, "prro-floor", kkt) % 3)}-${String(1 + (hash32(seed, "prro-unit", kkt) % 120)).padStart(3, "0")}`;
    return {
      kkt,
      rnm: k.rnm,
      numFiscal,
      id: objectId(kyivInstant(`${createdAt}T10:00:00`).getTime() / 1000 + (hash32(seed, "prro-created-at", kkt) % 28_800), seed, "tax-object", kkt),
      tin,
      ipn: vatPayer ? ipnFor(tin, seed, t.index) : null,
      vatPayer,
      orgName: `ТОВ "${brand.toUpperCase()}"`,
      name: kind ? `${kind} "${brand}"` : brand,
      address: `${MALL}, прим. ${unit}`,
      createdAt,
      subscriptionExpiresAt: dayFromNumber(ds.toDay + 30 + (hash32(seed, "prro-subscription", kkt) % 300)),
    };
  });
}
