/**
 * What a printed or exported statement needs, as plain data, and the Russian wording shared by the
 * PDF and XLSX renderers. No database, no Next: callers assemble a StatementDocument and pass it in.
 */
import type { StatementDto } from "@/lib/statements/dto";

export interface Party {
  name: string;
  inn: string;
  kpp?: string | null;
}

export interface StatementDocument {
  statement: StatementDto;
  landlord: Party;
  tenant: Party;
  /** start and end are ISO dates (YYYY-MM-DD). */
  contract: { number: string; start: string; end: string };
  /** areaM2 is an exact decimal string ("85.25"), never a float. */
  premises: { code: string; areaM2: string }[];
  /** Turnover counted per register; days = days of the period the register counted. */
  turnoverByKkt: { rnm: string; turnover: bigint; days?: number }[];
  generatedAt: Date;
  /** IANA zone for the "generated at" stamp; Europe/Moscow when absent. */
  timeZone?: string;
}

export interface StatementFlag {
  code: string;
  rnm?: string;
  days?: string[];
  /** lease_year_months_missing: the months of the lease year without a statement. */
  periods?: string[];
}

// ---- file names -------------------------------------------------------------------------------

const TRANSLIT: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", ґ: "g", д: "d", е: "e", ё: "e", є: "ie", ж: "zh", з: "z", и: "i", і: "i", ї: "i", й: "i",
  к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch",
  ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "iu", я: "ia", "№": "N",
};

/**
 * Contract numbers are usually Cyrillic ("А-12/2026"): transliterate before stripping, so that two
 * contracts do not both collapse to "-12-2026" and a name never carries a path separator or "..".
 */
export function safeFilePart(text: string): string {
  const latin = [...text.normalize("NFC")]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const t = TRANSLIT[lower];
      if (t === undefined) return ch;
      return ch !== lower && t ? t[0].toUpperCase() + t.slice(1) : t;
    })
    .join("");
  const cleaned = latin
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[-.]+|[-.]+$/g, "");
  return cleaned.slice(0, 80) || "x";
}

/** statement-<contract>-<YYYY-MM>-r<revision>.<ext>, ASCII only ([A-Za-z0-9._-]). */
export function statementFileName(doc: StatementDocument, ext: string): string {
  const s = doc.statement;
  return `statement-${safeFilePart(doc.contract.number)}-${safeFilePart(s.period)}-r${Math.trunc(s.revision)}.${safeFilePart(ext)}`;
}

// ---- Russian wording --------------------------------------------------------------------------

const MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

/** "2026-11" → "ноябрь 2026". */
/** A party's tax number as its country names it: a Ukrainian company's 8-digit ЄДРПОУ, otherwise the Russian ИНН. */
export function taxIdLabelRu(taxId: string): string {
  return /^\d{8}$/.test(taxId) ? "ЄДРПОУ" : "ИНН";
}

/** The register table's column: РНМ (16 digits), a PRRO's fiscal number (10), or both kinds. */
export function registerColumnRu(numbers: readonly string[]): string {
  const prro = numbers.filter((n) => n.length === 10).length;
  if (prro === 0) return "РНМ";
  return prro === numbers.length ? "Фиск. номер ПРРО" : "РНМ / фиск. номер";
}

export function periodRu(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : period;
}

/** "2026-11-05" → "05.11.2026". */
export function dateRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export function dateTimeRu(d: Date, timeZone = "Europe/Moscow"): string {
  return new Intl.DateTimeFormat("ru-RU", { timeZone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(d);
}

export function statusRu(status: string): string {
  return status === "issued" ? "выставлен" : status === "draft" ? "черновик" : status;
}

const NBSP = "\u00a0";
const CURRENCY_SIGN: Record<string, string> = { RUB: "₽", UAH: "₴" };

/** Group an unsigned digit string by thousands with no-break spaces: amounts never wrap mid-number. */
function groupDigits(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** 129484173n → "1 294 841,73 ₽" (no-break spaces), from the bigint's digits, never via a float. */
export function moneyRu(v: bigint, currency = "RUB"): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const frac = (abs % 100n).toString().padStart(2, "0");
  const sign = CURRENCY_SIGN[currency] ?? currency;
  return `${neg ? "-" : ""}${groupDigits((abs / 100n).toString())},${frac}${NBSP}${sign}`;
}

/** Exact decimals in engine text ("12948411.73", "7.5") written the Russian way ("12 948 411,73", "7,5"). */
function decimalsRu(text: string): string {
  return text.replace(/(?<![\d.])(\d+)\.(\d+)(?![\d.])/g, (_, i: string, f: string) => `${i.length > 4 ? groupDigits(i) : i},${f}`);
}

const FORMULA_WORDS: [RegExp, string][] = [
  [/\bsum of the lines above\b/g, "сумма строк выше"],
  [/\bsum of tiers\b/g, "сумма ступеней"],
  [/\bsum of (\d+) months\b/g, "сумма за $1 мес."],
  [/\bsum of the months' rent before VAT\b/g, "сумма помесячной платы без НДС"],
  [/\byearly thresholds of the contract\b/g, "годовые пороги договора"],
  [/\byearly thresholds = 12 × monthly\b/g, "годовые пороги = 12 × месячные"],
  [/× (\d+)\/(\d+) days\b/g, "× $1/$2 дн."],
  [/: base\b/g, ": базовая"],
  [/\bpercentage\b/g, "процентная"],
  [/\bexcluded forms\b/g, "исключённые формы оплаты"],
  [/\bover (\d+) day\(s\)/g, "за $1 дн."],
  [/\bno VAT\b/g, "без НДС"],
  [/\bVAT\b/g, "НДС"],
  [/\bincome\b/g, "выручка"],
  [/\brefunds\b/g, "возвраты"],
  [/\bfloor\b/g, "минимум"],
  [/\bcap\b/g, "максимум"],
  [/\bmanual\b/g, "вручную"],
  [/; reason: /g, "; причина: "],
  [/^contract$/g, "по договору"],
  [/\bprevious\b/g, "предыдущая"],
  [/\bfixed (\S+) per month\b/g, "фиксированная $1 в месяц"],
  [/\bround\(/g, "округл("],
  [/\bmax\(/g, "макс("],
  [/ m²/g, " м²"],
];

/**
 * The engine writes its formulas in English with "." decimals; a Russian reader gets the same
 * formula in Russian words, "," decimals and ";" between arguments (as in Russian Excel), so that
 * "макс(100 000,00; 1 035 872,94)" stays unambiguous.
 */
export function formulaRu(formula: string): string {
  let out = formula.replace(/, /g, "; ");
  for (const [re, ru] of FORMULA_WORDS) out = out.replace(re, ru);
  return decimalsRu(out);
}

/** Engine labels carry ISO dates and "." decimals; adjustment labels are a person's words and stay verbatim. */
export function lineLabelRu(line: { key: string; labelRu: string }): string {
  if (line.key.startsWith("adjustment.")) return line.labelRu;
  return decimalsRu(line.labelRu.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y, m, d) => `${d}.${m}.${y}`));
}

export function flagsOf(s: StatementDto): StatementFlag[] {
  return s.flags.flatMap((f) => {
    if (!f || typeof f !== "object" || typeof (f as StatementFlag).code !== "string") return [];
    const { code, rnm, days, periods } = f as StatementFlag;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((d): d is string => typeof d === "string") : undefined);
    return [{ code, rnm: typeof rnm === "string" ? rnm : undefined, days: strings(days), periods: strings(periods) }];
  });
}

const dayNo = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const ddmm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

/** ["2026-11-03","2026-11-04","2026-11-05","2026-11-09"] → "03.11–05.11, 09.11": a month of gaps stays one line. */
export function dayRangesRu(days: string[]): string {
  const sorted = [...new Set(days)].sort();
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && dayNo(sorted[j + 1]) === dayNo(sorted[j]) + 1) j++;
    parts.push(i === j ? ddmm(sorted[i]) : `${ddmm(sorted[i])}–${ddmm(sorted[j])}`);
    i = j + 1;
  }
  return parts.join(", ");
}

export function flagRu(f: StatementFlag): string {
  const kkt = f.rnm ? `ККТ ${f.rnm}` : "ККТ";
  switch (f.code) {
    case "missing_days":
      return `${kkt}: нет данных об обороте за ${f.days?.length ?? 0} дн. (${dayRangesRu(f.days ?? [])}); эти дни не приняты за нулевые, расчёт требует проверки`;
    case "form_breakdown_missing":
      return `${kkt}: источник не дал разбивки по формам оплаты; исключение форм оплаты применено не ко всем дням`;
    case "refund_vat_derived":
      return `${kkt}: НДС по возвратам не передан и рассчитан пропорционально: округл(возвраты × НДС выручки ÷ выручка)`;
    case "entered_days":
      return `${kkt}: оборот за ${f.days?.length ?? 0} дн. (${dayRangesRu(f.days ?? [])}) введён вручную, а не получен от оператора фискальных данных`;
    case "tenant_reported_days":
      return `${kkt}: оборот за ${f.days?.length ?? 0} дн. (${dayRangesRu(f.days ?? [])}) взят из отчёта арендатора и не подтверждён оператором фискальных данных`;
    case "lease_year_months_missing":
      return `Сверка арендного года не выполнена: нет начислений за ${(f.periods ?? []).map((p) => `${p.slice(5, 7)}.${p.slice(0, 4)}`).join(", ")}`;
    default:
      return `${kkt}: ${f.code}`;
  }
}

/** A short list for one spreadsheet cell. */
export function flagsShortRu(s: StatementDto): string {
  const names: Record<string, string> = { missing_days: "нет данных за дни", form_breakdown_missing: "нет разбивки по формам оплаты", refund_vat_derived: "НДС возвратов рассчитан", entered_days: "оборот введён вручную", tenant_reported_days: "оборот по отчёту арендатора", lease_year_months_missing: "сверка года не выполнена" };
  return flagsOf(s)
    .map((f) => `${names[f.code] ?? f.code}${f.rnm ? ` (${f.rnm})` : ""}`)
    .join("; ");
}
