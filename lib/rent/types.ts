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
  /**
   * Lease-year reconciliation thresholds when the contract gives yearly ones; each part left out is
   * 12 × its monthly counterpart.
   */
  yearly?: YearlyThresholds;
}

export interface YearlyThresholds {
  tiers?: Tier[];
  breakpoint?: bigint;
  pctFloor?: bigint;
  pctCap?: bigint;
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
  /** Where the day's figures come from: a provider's method, or "manual" / "tenant-reported" (flagged on the statement). */
  source?: string;
}

/**
 * One register's month for one contract, aggregated over the days it counts for (period ∩ contract term ∩
 * its assignments; see countedDays), each day from one source: what registerTurnover needs instead of
 * the days themselves. Sums are exact; an absent (NULL) amount adds 0.
 */
export interface KktMonth {
  kktId: string;
  /** Days with a row, as a bitmask over the period: bit i (1 << i) ⇔ the period's first day + i. */
  presentDays: number;
  income: bigint;
  refunds: bigint;
  /** Σ income VAT (absent as 0). */
  incomeVat: bigint;
  /** Σ refunds VAT over the days that give it. */
  refundsVatGiven: bigint;
  /** Some day has refunds ≠ 0 and no refunds VAT. */
  refundVatMissing: boolean;
  /** Some day has income ≠ 0 and no income breakdown by payment form. */
  formsMissingIncome: boolean;
  /** Some day has refunds ≠ 0 and no refunds breakdown by payment form. */
  formsMissingRefunds: boolean;
  /** Σ per payment form over the days with a breakdown (absent forms as 0). */
  incomeByForm: Record<PaymentForm, bigint>;
  refundsByForm: Record<PaymentForm, bigint>;
  /** Days whose figures a person entered ("manual"), and days from the tenant's own report, as bitmasks like presentDays. */
  enteredDays: number;
  reportedDays: number;
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

export type Flag = RegisterFlag | LeaseYearFlag;

export interface RegisterFlag {
  code: "missing_days" | "form_breakdown_missing" | "refund_vat_derived" | "entered_days" | "tenant_reported_days";
  kktId: string;
  rnm: string;
  days?: string[];
}

/** The statement settles a lease year, but some of its months have no statement: no true-up was made. */
export interface LeaseYearFlag {
  code: "lease_year_months_missing";
  periods: string[];
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
