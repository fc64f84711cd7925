import { unique, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./core";
import { orgFk, orgId } from "./_org";
import { connections } from "./providers";

export const syncStatusEnum = pgEnum("sync_status", ["queued", "running", "succeeded", "partial", "failed"]);
export const syncKindEnum = pgEnum("sync_kind", ["discovery", "turnover", "nightly", "poll"]);

/** One pull from a provider: its period, progress, requests made, checkpoint and outcome. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    connectionId: uuid("connection_id").notNull(),
    kind: syncKindEnum("kind").notNull(),
    fromDate: date("from_date"),
    toDate: date("to_date"),
    status: syncStatusEnum("status").notNull().default("queued"),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    requests: integer("requests").notNull().default(0),
    checkpoint: jsonb("checkpoint"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    unique("sync_runs_org_id_uq").on(t.orgId, t.id),
    // One active sync per connection at a time, enforced by the database across instances.
    uniqueIndex("sync_runs_one_active_uq").on(t.connectionId).where(sql`status in ('queued', 'running')`),
    index("sync_runs_org_created_idx").on(t.orgId, t.createdAt),
    orgFk("sync_runs_connection_fk", { org: t.orgId, col: t.connectionId }, { org: connections.orgId, id: connections.id }, "cascade"),
  ],
);

export const syncErrors = pgTable(
  "sync_errors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    syncRunId: uuid("sync_run_id").notNull(),
    code: text("code").notNull(),
    message: text("message").notNull(),
    cabinetInn: text("cabinet_inn"),
    rnms: text("rnms").array(),
    days: text("days").array(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [orgFk("sync_errors_run_fk", { org: t.orgId, col: t.syncRunId }, { org: syncRuns.orgId, id: syncRuns.id }, "cascade")],
);
