import { sql } from "drizzle-orm";
import { boolean, check, unique, date, index, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { orgFk, orgId } from "./_org";
import { cabinets, connections } from "./providers";

export const tenantSourceEnum = pgEnum("tenant_source", ["discovered", "manual"]);

/** A legal entity or sole trader renting space (INN 10 or 12 digits, KPP 9 digits for entities). */
export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    inn: text("inn").notNull(),
    kpp: text("kpp").notNull().default(""),
    name: text("name").notNull(),
    /** A person named this tenant (entered or renamed by hand): discovery no longer renames it. */
    nameSetByHand: boolean("name_set_by_hand").notNull().default(false),
    source: tenantSourceEnum("source").notNull().default("manual"),
    cabinetId: uuid("cabinet_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("tenants_org_id_uq").on(t.orgId, t.id),
    uniqueIndex("tenants_org_inn_kpp_uq").on(t.orgId, t.inn, t.kpp),
    orgFk("tenants_cabinet_fk", { org: t.orgId, col: t.cabinetId }, { org: cabinets.orgId, id: cabinets.id }, "no action"),
  ],
);

/** A shop or restaurant (Renta storeInfo); categories from the provider are kept, an admin may override. */
export const stores = pgTable(
  "stores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    externalId: text("external_id"),
    name: text("name").notNull(),
    brand: text("brand"),
    categoryOverride: text("category_override"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("stores_org_id_uq").on(t.orgId, t.id), uniqueIndex("stores_org_external_uq").on(t.orgId, t.externalId)],
);

export const storeCategories = pgTable(
  "store_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    storeId: uuid("store_id").notNull(),
    name: text("name").notNull(),
    value: text("value").notNull(),
  },
  (t) => [
    uniqueIndex("store_categories_uq").on(t.orgId, t.storeId, t.name, t.value),
    orgFk("store_categories_store_fk", { org: t.orgId, col: t.storeId }, { org: stores.orgId, id: stores.id }, "cascade"),
  ],
);

/** A cash register (KKT): RNM 16 digits; its tenant, consent period and reports available. */
export const kkts = pgTable(
  "kkts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    rnm: text("rnm").notNull(),
    fnNumber: text("fn_number"),
    serial: text("serial"),
    address: text("address"),
    place: text("place"),
    tenantId: uuid("tenant_id").notNull(),
    cabinetId: uuid("cabinet_id"),
    /**
     * A register fed by a provider without cabinets (Kontur.OFD): its connection and the provider's id of the
     * organisation the register belongs to there (Kontur's organizationId). A Renta register has a cabinet instead.
     */
    connectionId: uuid("connection_id"),
    providerRef: text("provider_ref"),
    storeId: uuid("store_id"),
    consentFrom: date("consent_from"),
    consentTo: date("consent_to"),
    reports: text("reports").array(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("kkts_org_id_uq").on(t.orgId, t.id),
    uniqueIndex("kkts_org_rnm_uq").on(t.orgId, t.rnm),
    index("kkts_org_tenant_idx").on(t.orgId, t.tenantId),
    orgFk("kkts_tenant_fk", { org: t.orgId, col: t.tenantId }, { org: tenants.orgId, id: tenants.id }),
    orgFk("kkts_cabinet_fk", { org: t.orgId, col: t.cabinetId }, { org: cabinets.orgId, id: cabinets.id }, "no action"),
    orgFk("kkts_store_fk", { org: t.orgId, col: t.storeId }, { org: stores.orgId, id: stores.id }, "no action"),
    orgFk("kkts_connection_fk", { org: t.orgId, col: t.connectionId }, { org: connections.orgId, id: connections.id }, "no action"),
    index("kkts_org_connection_idx").on(t.orgId, t.connectionId),
    // One provider feeds a register: a cabinet (Renta) or a connection with the provider's organisation id.
    check("kkts_one_feed_ck", sql`${t.cabinetId} is null or ${t.connectionId} is null`),
    check("kkts_provider_ref_ck", sql`(${t.connectionId} is null) = (${t.providerRef} is null)`),
  ],
);

/** A unit of the mall; area in m² as an exact decimal. */
export const premises = pgTable(
  "premises",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    code: text("code").notNull(),
    floor: text("floor"),
    areaM2: numeric("area_m2", { precision: 12, scale: 2 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("premises_org_id_uq").on(t.orgId, t.id), uniqueIndex("premises_org_code_uq").on(t.orgId, t.code)],
);
