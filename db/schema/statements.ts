import { unique, bigint, boolean, char, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./core";
import { orgFk, orgId } from "./_org";
import { contracts } from "./contracts";

export const statementStatusEnum = pgEnum("statement_status", ["draft", "issued"]);

const money = (name: string) => bigint(name, { mode: "bigint" }).notNull();

/**
 * One contract × one month × revision. Holds every input and every computed part, so it can be
 * recomputed by a person from what it shows. Issued rows are immutable (database trigger).
 */
export const rentStatements = pgTable(
  "rent_statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    contractId: uuid("contract_id").notNull(),
    period: char("period", { length: 7 }).notNull(),
    revision: integer("revision").notNull().default(1),
    status: statementStatusEnum("status").notNull().default("draft"),
    currency: char("currency", { length: 3 }).notNull(),
    turnover: money("turnover"),
    baseRent: money("base_rent"),
    percentageRent: money("percentage_rent"),
    rent: money("rent"),
    vat: money("vat"),
    total: money("total"),
    termsSnapshot: jsonb("terms_snapshot").notNull(),
    inputs: jsonb("inputs").notNull(),
    lines: jsonb("lines").notNull(),
    flags: jsonb("flags").notNull(),
    needsRevision: boolean("needs_revision").notNull().default(false),
    /**
     * A draft's content as computeStatements wrote it (SHA-256 of its amounts and JSON columns): a recompute
     * that gives the same content rewrites nothing but computed_at. NULL when written by any other path.
     */
    contentHash: text("content_hash"),
    reason: text("reason"),
    supersedesId: uuid("supersedes_id"),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    issuedBy: uuid("issued_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    unique("rent_statements_org_id_uq").on(t.orgId, t.id),
    uniqueIndex("rent_statements_revision_uq").on(t.orgId, t.contractId, t.period, t.revision),
    orgFk("rent_statements_contract_fk", { org: t.orgId, col: t.contractId }, { org: contracts.orgId, id: contracts.id }),
  ],
);
