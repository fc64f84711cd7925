import { unique, date, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { orgFk, orgId } from "./_org";

export const providerKindEnum = pgEnum("provider_kind", ["renta", "yandex", "kontur", "prro"]);
export const connectionStatusEnum = pgEnum("connection_status", ["new", "ok", "auth_failed", "error"]);

/** One provider account. The secret (login/password, keys, token) is an AES-GCM envelope (lib/crypto). */
export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    provider: providerKindEnum("provider").notNull(),
    name: text("name").notNull(),
    baseUrl: text("base_url").notNull(),
    secretCiphertext: text("secret_ciphertext"),
    secretKeyVersion: integer("secret_key_version"),
    status: connectionStatusEnum("status").notNull().default("new"),
    lastError: text("last_error"),
    lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("connections_org_id_uq").on(t.orgId, t.id), uniqueIndex("connections_org_name_uq").on(t.orgId, t.name)],
);

/** A Renta cabinet (v3/companies): one landlord legal entity of a login. */
export const cabinets = pgTable(
  "cabinets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    connectionId: uuid("connection_id").notNull(),
    inn: text("inn").notNull(),
    kpp: text("kpp").notNull().default(""),
    name: text("name").notNull(),
    status: text("status"),
    activeFrom: date("active_from"),
    activeTo: date("active_to"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("cabinets_org_id_uq").on(t.orgId, t.id),
    uniqueIndex("cabinets_conn_inn_kpp_uq").on(t.orgId, t.connectionId, t.inn, t.kpp),
    orgFk("cabinets_connection_fk", { org: t.orgId, col: t.connectionId }, { org: connections.orgId, id: connections.id }, "cascade"),
  ],
);
