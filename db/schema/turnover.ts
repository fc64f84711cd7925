import { bigint, boolean, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { orgFk, orgId } from "./_org";
import { kkts } from "./tenancy";

const money = (name: string) => bigint(name, { mode: "bigint" });

/**
 * Turnover per register per calendar day per source ('renta:kkt-full-data', 'manual', 'tenant-reported').
 * Keyed by (org, kkt, day, source) so a re-pull upserts and changes nothing when nothing changed.
 */
export const turnoverDaily = pgTable(
  "turnover_daily",
  {
    orgId: orgId(),
    kktId: uuid("kkt_id").notNull(),
    day: date("day").notNull(),
    source: text("source").notNull(),
    income: money("income").notNull(),
    refunds: money("refunds").notNull(),
    incomeVat: money("income_vat"),
    refundsVat: money("refunds_vat"),
    incomeCash: money("income_cash"),
    incomeCashless: money("income_cashless"),
    incomePrepaid: money("income_prepaid"),
    incomeCredit: money("income_credit"),
    refundsCash: money("refunds_cash"),
    refundsCashless: money("refunds_cashless"),
    refundsPrepaid: money("refunds_prepaid"),
    refundsCredit: money("refunds_credit"),
    receipts: integer("receipts"),
    refundReceipts: integer("refund_receipts"),
    syncRunId: uuid("sync_run_id"),
    pulledAt: timestamp("pulled_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "turnover_daily_pk", columns: [t.orgId, t.kktId, t.day, t.source] }),
    index("turnover_daily_org_day_idx").on(t.orgId, t.day),
    orgFk("turnover_daily_kkt_fk", { org: t.orgId, col: t.kktId }, { org: kkts.orgId, id: kkts.id }, "cascade"),
  ],
);

export const kktDayStatusEnum = pgEnum("kkt_day_state", ["not_available"]);

/** Days a register's data cannot exist (outside its consent): recorded, never stored as zero turnover. */
export const kktDayStatus = pgTable(
  "kkt_day_status",
  {
    orgId: orgId(),
    kktId: uuid("kkt_id").notNull(),
    day: date("day").notNull(),
    status: kktDayStatusEnum("status").notNull(),
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ name: "kkt_day_status_pk", columns: [t.orgId, t.kktId, t.day] }),
    orgFk("kkt_day_status_kkt_fk", { org: t.orgId, col: t.kktId }, { org: kkts.orgId, id: kkts.id }, "cascade"),
  ],
);

/**
 * A PRRO register's shifts as its provider last showed them. The PRRO service shows only the current shift's
 * running totals, so the poller keeps each shift's last-seen figures here; a business day's turnover row is made
 * from its shifts once they were all seen closed (`closedSeen`). A shift replaced by the next one before any poll
 * saw it closed (`closedUnseen`) has figures that may be short: its day gets no provider row (flagged missing).
 */
export const prroShifts = pgTable(
  "prro_shifts",
  {
    orgId: orgId(),
    kktId: uuid("kkt_id").notNull(),
    shiftId: text("shift_id").notNull(),
    /** The business day: the calendar date (Kyiv) on which the shift opened. */
    day: date("day").notNull(),
    openedAt: text("opened_at").notNull(),
    number: integer("number"),
    isOpen: boolean("is_open").notNull(),
    closedSeen: boolean("closed_seen").notNull().default(false),
    closedUnseen: boolean("closed_unseen").notNull().default(false),
    income: money("income").notNull(),
    refunds: money("refunds").notNull(),
    incomeVat: money("income_vat"),
    refundsVat: money("refunds_vat"),
    incomeCash: money("income_cash"),
    incomeCashless: money("income_cashless"),
    refundsCash: money("refunds_cash"),
    refundsCashless: money("refunds_cashless"),
    receipts: integer("receipts").notNull(),
    refundReceipts: integer("refund_receipts").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    syncRunId: uuid("sync_run_id"),
  },
  (t) => [
    primaryKey({ name: "prro_shifts_pk", columns: [t.orgId, t.kktId, t.shiftId] }),
    index("prro_shifts_day_idx").on(t.orgId, t.kktId, t.day),
    orgFk("prro_shifts_kkt_fk", { org: t.orgId, col: t.kktId }, { org: kkts.orgId, id: kkts.id }, "cascade"),
  ],
);
