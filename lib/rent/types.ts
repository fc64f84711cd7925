/** Inputs and outputs of the rent engine (SPEC §3). Money: bigint minor units. Rates, areas: decimal strings. */

export type Mode = "greater_of" | "base_plus_overage" | "base_plus_percentage" | "percentage_only";
export type PaymentForm = "cash" | "cashless" | "prepaid" | "credit";
export type BaseRent = { monthly: bigint } | { perM2Monthly: bigint } | { perM2Yearly: bigint };

export interface Tier {
  /** Monthly threshold where this tier starts (minor units); the first is 0. */
  from: bigint;
  /** Percent, exact decimal ("7.5"). */
  rate: string;
}

export interface Terms {
  effectiveFrom: string;
  mode: Mode;
  baseRent: BaseRent;
  tiers: Tier[];
  /** base_plus_overage: an artificial breakpoint (monthly), or "natural" = B ÷ (r0/100). */
  breakpoint?: bigint | "natural";
  pctFloor?: bigint;
  pctCap?: bigint;
  basis: { refunds: "net" | "gross"; vat: "included" | "excluded" };
  excludedForms?: PaymentForm[];
  /** VAT rate on rent ("22"), or null for none. */
  vatOnRent: string | null;
  /** The computed amount already includes VAT. */
  vatInclusive?: boolean;
  indexation?: { percent: string; on: "anniversary" | string };
}

export interface ContractKkt {
  kktId: string;
  rnm: string;
  from?: string;
  to?: string;
}

export interface ContractInput {
  start: string;
  end: string;
  areaM2?: string;
  kkts: ContractKkt[];
  terms: Terms[];
}

export type ByForm = Partial<Record<PaymentForm, bigint>>;

export interface DayTurnover {
  kktId: string;
  day: string;
  income: bigint;
  refunds: bigint;
  incomeVat?: bigint;
  refundsVat?: bigint;
  incomeByForm?: ByForm;
  refundsByForm?: ByForm;
}

export interface Adjustment {
  amount: bigint;
  reason: string;
  author: string;
}

export interface KktTurnover {
  kktId: string;
  rnm: string;
  days: number;
  income: bigint;
  refunds: bigint;
  incomeVat: bigint;
  refundsVat: bigint;
  excluded: bigint;
  counted: bigint;
}

export interface TierLine {
  from: bigint;
  to: bigint | null;
  rate: string;
  base: bigint;
  amount: bigint;
}

export interface Flag {
  code: "missing_days" | "form_breakdown_missing" | "refund_vat_derived";
  kktId: string;
  rnm: string;
  days?: string[];
}

export interface Line {
  key: string;
  label: string;
  labelRu: string;
  amount?: bigint;
  formula: string;
}

export interface Statement {
  period: string;
  daysInMonth: number;
  activeDays: number;
  termsEffectiveFrom: string;
  mode: Mode;
  turnoverByKkt: KktTurnover[];
  adjustments: Adjustment[];
  turnover: bigint;
  baseRentMonthly: bigint;
  baseRent: bigint;
  tiers: TierLine[];
  percentageRent: bigint;
  decidedBy?: "base" | "percentage";
  rent: bigint;
  vatRate: string | null;
  vat: bigint;
  total: bigint;
  flags: Flag[];
  lines: Line[];
}
