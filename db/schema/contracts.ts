import { unique, bigint, boolean, char, date, index, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./core";
import { orgFk, orgId } from "./_org";
import { kkts, premises, stores, tenants } from "./tenancy";

export const contractStatusEnum = pgEnum("contract_status", ["active", "ended"]);
export const rentModeEnum = pgEnum("rent_mode", ["greater_of", "base_plus_overage", "base_plus_percentage", "percentage_only"]);
export const baseRentKindEnum = pgEnum("base_rent_kind", ["monthly", "per_m2_monthly", "per_m2_yearly"]);

export const contracts = pgTable(
  "contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    number: text("number").notNull(),
    tenantId: uuid("tenant_id").notNull(),
    storeId: uuid("store_id"),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    currency: char("currency", { length: 3 }).notNull().default("RUB"),
    status: contractStatusEnum("status").notNull().default("active"),
    leaseYearReconciliation: boolean("lease_year_reconciliation").notNull().default(false),
    notes: text("notes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("contracts_org_id_uq").on(t.orgId, t.id),
    uniqueIndex("contracts_org_number_uq").on(t.orgId, t.number),
    orgFk("contracts_tenant_fk", { org: t.orgId, col: t.tenantId }, { org: tenants.orgId, id: tenants.id }),
    orgFk("contracts_store_fk", { org: t.orgId, col: t.storeId }, { org: stores.orgId, id: stores.id }, "no action"),
  ],
);

export const contractPremises = pgTable(
  "contract_premises",
  { orgId: orgId(), contractId: uuid("contract_id").notNull(), premisesId: uuid("premises_id").notNull() },
  (t) => [
    uniqueIndex("contract_premises_uq").on(t.orgId, t.contractId, t.premisesId),
    orgFk("contract_premises_contract_fk", { org: t.orgId, col: t.contractId }, { org: contracts.orgId, id: contracts.id }, "cascade"),
    orgFk("contract_premises_premises_fk", { org: t.orgId, col: t.premisesId }, { org: premises.orgId, id: premises.id }),
  ],
);

/** Which registers' turnover counts for a contract, each with its own dates. */
export const contractKkts = pgTable(
  "contract_kkts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    contractId: uuid("contract_id").notNull(),
    kktId: uuid("kkt_id").notNull(),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to").notNull(),
  },
  (t) => [
    index("contract_kkts_kkt_idx").on(t.orgId, t.kktId),
    orgFk("contract_kkts_contract_fk", { org: t.orgId, col: t.contractId }, { org: contracts.orgId, id: contracts.id }, "cascade"),
    orgFk("contract_kkts_kkt_fk", { org: t.orgId, col: t.kktId }, { org: kkts.orgId, id: kkts.id }),
  ],
);

/** One version of the rent terms, effective from a date (amendments add versions). */
export const contractTerms = pgTable(
  "contract_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    contractId: uuid("contract_id").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    mode: rentModeEnum("mode").notNull(),
    baseRentKind: baseRentKindEnum("base_rent_kind").notNull(),
    baseRentAmount: bigint("base_rent_amount", { mode: "bigint" }).notNull(),
    /** [{ from: "<minor units>", rate: "<decimal %>" }]: amounts as strings, rates as exact decimals. */
    tiers: jsonb("tiers").$type<{ from: string; rate: string }[]>().notNull(),
    breakpoint: bigint("breakpoint", { mode: "bigint" }),
    pctFloor: bigint("pct_floor", { mode: "bigint" }),
    pctCap: bigint("pct_cap", { mode: "bigint" }),
    basisRefunds: text("basis_refunds").notNull().default("net"),
    basisVat: text("basis_vat").notNull().default("included"),
    excludedForms: text("excluded_forms").array(),
    vatOnRent: numeric("vat_on_rent", { precision: 5, scale: 2 }),
    vatInclusive: boolean("vat_inclusive").notNull().default(false),
    indexationPercent: numeric("indexation_percent", { precision: 7, scale: 4 }),
    indexationOn: text("indexation_on"),
    /** Lease-year thresholds the contract gives (amounts as strings of minor units); null: 12 × the monthly ones. */
    yearlyThresholds: jsonb("yearly_thresholds").$type<{ tiers?: { from: string; rate: string }[]; breakpoint?: string; pctFloor?: string; pctCap?: string }>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contract_terms_version_uq").on(t.orgId, t.contractId, t.effectiveFrom),
    orgFk("contract_terms_contract_fk", { org: t.orgId, col: t.contractId }, { org: contracts.orgId, id: contracts.id }, "cascade"),
  ],
);

/** A manual turnover adjustment for a contract and month, with its reason and author. */
export const turnoverAdjustments = pgTable(
  "turnover_adjustments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    contractId: uuid("contract_id").notNull(),
    period: char("period", { length: 7 }).notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    reason: text("reason").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Who entered it as shown on the statement (a user's email or an API key's name), kept even if the user goes. */
    authorLabel: text("author_label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("turnover_adjustments_idx").on(t.orgId, t.contractId, t.period),
    orgFk("turnover_adjustments_contract_fk", { org: t.orgId, col: t.contractId }, { org: contracts.orgId, id: contracts.id }, "cascade"),
  ],
);
