import { fieldErrors } from "@/lib/errors";
import { parseMoneyInput } from "@/lib/money";
import { contractInputSchema, type ContractInputBody } from "@/lib/validations/contracts";
import type { PreviewRow } from "./premises";
import { col, isoDateFrom, type ImportTable } from "./table";

export interface ContractLookups {
  tenantsByInn: Map<string, { id: string; kpp: string }[]>;
  premisesByCode: Map<string, string>;
  existingNumbers: Set<string>;
}

const list = (s: string) => s.split(/[\s,]+/).filter(Boolean);
const MODES = new Set(["greater_of", "base_plus_overage", "base_plus_percentage", "percentage_only"]);
const KINDS: Record<string, string> = { monthly: "monthly", perm2monthly: "perM2Monthly", perm2yearly: "perM2Yearly" };

/**
 * One contract per row. Columns: number, tenantInn, tenantKpp, premises (codes), start, end, rnms,
 * mode, baseRentKind (monthly | perM2Monthly | perM2Yearly), baseRent (roubles), tiers ("0:8|3000000:6",
 * from in roubles : rate %), breakpoint (roubles, empty = natural), pctFloor, pctCap, vatOnRent ("22" or
 * empty), vatInclusive (yes | no), refunds (net | gross), vat (included | excluded), excludedForms ("cash,
 * credit": payment forms not counted), indexation ("5@anniversary" or "5@01-01"), leaseYear (yes | no:
 * settle each lease year), yearlyTiers, yearlyBreakpoint, yearlyPctFloor, yearlyPctCap (yearly thresholds
 * of the contract; empty: 12 × the monthly ones).
 */
export function previewContracts(table: ImportTable, lk: ContractLookups): PreviewRow<ContractInputBody>[] {
  const seenNumbers = new Map<string, number>();
  return table.rows.map((r) => {
    const v = (...names: string[]) => col(r.values, ...names);
    const errors: Record<string, string> = {};
    const money = (field: string, text: string, optional = true): number | undefined => {
      if (text === "" && optional) return undefined;
      const m = parseMoneyInput(text);
      if (m === null) {
        errors[field] = `Not an amount: "${text}" (roubles, e.g. 150000.00)`;
        return undefined;
      }
      return Number(m);
    };
    const number = v("number", "номер");
    const inn = v("tenantInn", "инн");
    const kpp = v("tenantKpp", "кпп");
    const candidates = lk.tenantsByInn.get(inn) ?? [];
    const tenant = candidates.find((t) => !kpp || t.kpp === kpp) ?? (candidates.length === 1 && !kpp ? candidates[0] : undefined);
    if (inn && !tenant) errors.tenantInn = candidates.length > 1 ? "Several tenants have this INN: give the KPP" : `No tenant with INN ${inn}${kpp ? ` and KPP ${kpp}` : ""}: add or discover it first`;
    const premisesIds: string[] = [];
    for (const code of list(v("premises", "помещения"))) {
      const id = lk.premisesByCode.get(code);
      if (id) premisesIds.push(id);
      else errors.premisesIds = `Unknown premises ${code}`;
    }
    const yesNo = (field: string, text: string): boolean | undefined => {
      const t = text.trim().toLowerCase();
      if (t === "") return undefined;
      if (["yes", "true", "1", "да"].includes(t)) return true;
      if (["no", "false", "0", "нет"].includes(t)) return false;
      errors[field] = `Write yes or no, not "${text}"`;
      return undefined;
    };
    const tierList = (field: string, text: string) =>
      text.split("|").filter(Boolean).map((t, i) => {
        const [from, rate] = t.split(":");
        return { from: money(`${field}.${i}.from`, (from ?? "").trim(), false), rate: (rate ?? "").trim().replace(",", ".") };
      });
    const mode = v("mode", "режим") || "greater_of";
    if (!MODES.has(mode)) errors.mode = `Mode is one of ${[...MODES].join(", ")}`;
    const kind = KINDS[(v("baseRentKind") || "monthly").toLowerCase()];
    if (!kind) errors.baseRentKind = "baseRentKind is monthly, perM2Monthly or perM2Yearly";
    const tiers = tierList("tiers", v("tiers", "ступени"));
    const yearlyTiers = v("yearlyTiers");
    const yearly = {
      tiers: yearlyTiers ? tierList("yearly.tiers", yearlyTiers) : undefined,
      breakpoint: mode === "base_plus_overage" ? money("yearly.breakpoint", v("yearlyBreakpoint")) : undefined,
      pctFloor: money("yearly.pctFloor", v("yearlyPctFloor")),
      pctCap: money("yearly.pctCap", v("yearlyPctCap")),
    };
    const excludedForms = list(v("excludedForms")).map((f) => f.toLowerCase());
    const indexation = v("indexation", "индексация");
    const [idxPercent, idxOn] = indexation.split("@");
    const start = isoDateFrom(v("start", "начало"));
    const body = {
      number,
      tenantId: tenant?.id ?? "",
      premisesIds,
      start,
      end: isoDateFrom(v("end", "окончание")),
      currency: v("currency", "валюта") || "RUB",
      leaseYearReconciliation: yesNo("leaseYear", v("leaseYear")),
      kkts: list(v("rnms", "rnm", "ккт", "рнм")).map((rnm) => ({ rnm })),
      terms: [
        {
          effectiveFrom: start,
          mode,
          baseRent: { [kind ?? "monthly"]: money("baseRent", v("baseRent", "базоваяставка") || "0", false) },
          tiers,
          breakpoint: mode === "base_plus_overage" ? (money("breakpoint", v("breakpoint", "порог")) ?? "natural") : undefined,
          pctFloor: money("pctFloor", v("pctFloor")),
          pctCap: money("pctCap", v("pctCap")),
          basis: { refunds: v("refunds") || "net", vat: v("vat") || "included" },
          vatOnRent: v("vatOnRent", "ндс") || null,
          vatInclusive: yesNo("vatInclusive", v("vatInclusive")),
          excludedForms: excludedForms.length ? excludedForms : undefined,
          indexation: indexation ? { percent: (idxPercent ?? "").replace(",", "."), on: idxOn || "anniversary" } : undefined,
          yearly: Object.values(yearly).some((x) => x !== undefined) ? yearly : undefined,
        },
      ],
    };
    const p = contractInputSchema.safeParse(body);
    if (!p.success) {
      for (const [k, msgs] of Object.entries(fieldErrors(p.error.issues))) {
        // Report against the file's columns, not the API's nesting.
        const key = k === "tenantId" ? "tenantInn" : k.replace(/^terms\.0\./, "");
        if (key === "tenantInn" && errors.tenantInn) continue;
        errors[key] ??= msgs[0];
      }
    }
    if (number && lk.existingNumbers.has(number)) errors.number ??= "A contract with this number exists";
    if (number && seenNumbers.has(number)) errors.number ??= `Same number as line ${seenNumbers.get(number)}`;
    if (number) seenNumbers.set(number, r.line);
    return { line: r.line, values: r.values, input: p.success && Object.keys(errors).length === 0 ? p.data : undefined, errors };
  });
}
