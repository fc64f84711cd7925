import "server-only";
import { and, asc, desc, eq, getTableColumns, gte, inArray, is, lte, SQL, sql } from "drizzle-orm";
import type { DayTurnover } from "@/lib/rent";
import type { Db, Tx } from "../engine";
import { rentStatements, turnoverAdjustments, turnoverDaily } from "../schema";

type Q = Db | Tx;
export type StatementRow = typeof rentStatements.$inferSelect;
export type NewStatement = Omit<typeof rentStatements.$inferInsert, "orgId">;

export async function loadTurnover(db: Q, orgId: string, kktIds: string[], from: string, to: string) {
  if (kktIds.length === 0) return [];
  return db
    .select({
      kktId: turnoverDaily.kktId,
      day: turnoverDaily.day,
      source: turnoverDaily.source,
      income: turnoverDaily.income,
      refunds: turnoverDaily.refunds,
      incomeVat: turnoverDaily.incomeVat,
      refundsVat: turnoverDaily.refundsVat,
      incomeCash: turnoverDaily.incomeCash,
      incomeCashless: turnoverDaily.incomeCashless,
      incomePrepaid: turnoverDaily.incomePrepaid,
      incomeCredit: turnoverDaily.incomeCredit,
      refundsCash: turnoverDaily.refundsCash,
      refundsCashless: turnoverDaily.refundsCashless,
      refundsPrepaid: turnoverDaily.refundsPrepaid,
      refundsCredit: turnoverDaily.refundsCredit,
    })
    .from(turnoverDaily)
    .where(and(eq(turnoverDaily.orgId, orgId), inArray(turnoverDaily.kktId, kktIds), gte(turnoverDaily.day, from), lte(turnoverDaily.day, to)));
}

/**
 * A register's stored rows of one source, packed as text; `days()` decodes them into the rent engine's
 * shape (amounts in minor units, absent ones undefined) — each call anew, so a caller can decode a
 * register right before use and let the objects go right after (far less garbage-collector work than
 * holding every day of every register at once).
 */
export interface TurnoverGroup {
  kktId: string;
  source: string;
  days(): DayTurnover[];
}

const DAY_MS = 86_400_000;
const ZERO = 0n;

/**
 * Reader of the packed rows of loadTurnoverGroups: "day,income,refunds,…;day,…", integers and empty
 * fields for NULL. Integers of up to 15 digits are read as numbers (exact), longer ones through BigInt.
 */
class Packed {
  i = 0;
  constructor(readonly s: string) {}
  /** The next field as bigint, or undefined when empty; moves past its separator. */
  big(): bigint | undefined {
    const s = this.s;
    let i = this.i;
    const start = i;
    let c = s.charCodeAt(i);
    if (i >= s.length || c === 44 || c === 59) {
      this.i = i + 1;
      return undefined;
    }
    let neg = false;
    if (c === 45) {
      neg = true;
      c = s.charCodeAt(++i);
    }
    let n = 0;
    let digits = 0;
    while (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      c = s.charCodeAt(++i);
    }
    if (digits === 0 || (i < s.length && c !== 44 && c !== 59)) throw new Error(`unexpected packed turnover at ${i}: ${JSON.stringify(s.slice(start, i + 20))}`);
    this.i = i + 1;
    if (digits > 15) return BigInt(s.slice(start, i));
    if (n === 0) return ZERO;
    return BigInt(neg ? -n : n);
  }
  get done() {
    return this.i >= this.s.length;
  }
}

const forms = (cash: bigint | undefined, cashless: bigint | undefined, prepaid: bigint | undefined, credit: bigint | undefined) =>
  cash === undefined && cashless === undefined && prepaid === undefined && credit === undefined ? undefined : { cash: cash ?? ZERO, cashless: cashless ?? ZERO, prepaid: prepaid ?? ZERO, credit: credit ?? ZERO };

function decode(kktId: string, parts: string[], days: string[]): DayTurnover[] {
  const list: DayTurnover[] = [];
  for (const part of parts) {
    const p = new Packed(part);
    while (!p.done) {
      const day = days[Number(p.big())];
      const income = p.big()!;
      const refunds = p.big()!;
      const incomeVat = p.big();
      const refundsVat = p.big();
      const incomeByForm = forms(p.big(), p.big(), p.big(), p.big());
      const refundsByForm = forms(p.big(), p.big(), p.big(), p.big());
      list.push({ kktId, day, income, refunds, incomeVat, refundsVat, incomeByForm, refundsByForm });
    }
  }
  return list;
}

/**
 * Every stored row of these registers on the days [from, to], grouped per register and source. Read
 * packed — one result row per register and source, its days as text — because turning some hundred
 * thousand protocol rows into objects costs far more than the query (bench/README.md). Values are the
 * table's, exactly; the order of groups and of days is unspecified, as that of loadTurnover's rows.
 */
export async function loadTurnoverGroups(db: Q, orgId: string, kktIds: string[], from: string, to: string): Promise<Map<string, TurnoverGroup[]>> {
  const out = new Map<string, TurnoverGroup[]>();
  if (kktIds.length === 0) return out;
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`);
  const days: string[] = [];
  for (let t = fromMs; t <= toMs; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  if (days.length === 0) return out;
  const result = (await db.execute(sql`
    select kkt_id::text as k, source as s,
           string_agg(concat(day - ${from}::date, ',', income, ',', refunds, ',', income_vat, ',', refunds_vat, ',',
             income_cash, ',', income_cashless, ',', income_prepaid, ',', income_credit, ',',
             refunds_cash, ',', refunds_cashless, ',', refunds_prepaid, ',', refunds_credit), ';') as d
    from ${turnoverDaily}
    where org_id = ${orgId} and kkt_id = any(${`{${kktIds.join(",")}}`}::uuid[]) and day >= ${from}::date and day <= ${to}::date
    group by kkt_id, source`)) as unknown as { rows: { k: string; s: string; d: string }[] };
  const parts = new Map<string, Map<string, string[]>>();
  for (const { k, s, d } of result.rows) {
    let bySource = parts.get(k);
    if (!bySource) parts.set(k, (bySource = new Map()));
    (bySource.get(s) ?? bySource.set(s, []).get(s)!).push(d);
  }
  for (const [kktId, bySource] of parts) {
    out.set(kktId, [...bySource].map(([source, packed]) => ({ kktId, source, days: () => decode(kktId, packed, days) })));
  }
  return out;
}

export async function loadAdjustments(db: Q, orgId: string, contractIds: string[], period: string) {
  if (contractIds.length === 0) return [];
  return db
    .select({ contractId: turnoverAdjustments.contractId, amount: turnoverAdjustments.amount, reason: turnoverAdjustments.reason, author: sql<string>`coalesce((select email from users where id = ${turnoverAdjustments.authorUserId}), 'unknown')` })
    .from(turnoverAdjustments)
    .where(and(eq(turnoverAdjustments.orgId, orgId), sql`${turnoverAdjustments.contractId} = any(${`{${contractIds.join(",")}}`}::uuid[])`, eq(turnoverAdjustments.period, period)))
    .orderBy(asc(turnoverAdjustments.createdAt));
}

/** The latest revision of each contract's statement for a period. */
export async function latestStatements(db: Q, orgId: string, period: string, contractIds?: string[]) {
  const rows = await db
    .select()
    .from(rentStatements)
    .where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.period, period), ...(contractIds ? [inArray(rentStatements.contractId, contractIds)] : [])))
    .orderBy(asc(rentStatements.contractId), desc(rentStatements.revision));
  const latest = new Map<string, StatementRow>();
  for (const r of rows) if (!latest.has(r.contractId)) latest.set(r.contractId, r);
  return latest;
}

/** The latest revision of each contract's statement for a period, without its JSON (what a recompute decides on). */
export async function latestStatementHeads(db: Q, orgId: string, period: string, contractIds: string[]) {
  if (contractIds.length === 0) return new Map<string, StatementHead>();
  const rows = await db
    .select({ id: rentStatements.id, contractId: rentStatements.contractId, revision: rentStatements.revision, status: rentStatements.status, needsRevision: rentStatements.needsRevision, turnover: rentStatements.turnover, total: rentStatements.total })
    .from(rentStatements)
    .where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.period, period), sql`${rentStatements.contractId} = any(${`{${contractIds.join(",")}}`}::uuid[])`))
    .orderBy(asc(rentStatements.contractId), desc(rentStatements.revision));
  const latest = new Map<string, StatementHead>();
  for (const r of rows) if (!latest.has(r.contractId)) latest.set(r.contractId, r);
  return latest;
}
export type StatementHead = Pick<StatementRow, "id" | "contractId" | "revision" | "status" | "needsRevision" | "turnover" | "total">;

/** Whole rows by id. */
export async function getStatements(db: Q, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(rentStatements).where(and(eq(rentStatements.orgId, orgId), inArray(rentStatements.id, ids)));
}

export async function getStatement(db: Q, orgId: string, id: string) {
  const [r] = await db.select().from(rentStatements).where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.id, id)));
  return r;
}

const columns = getTableColumns(rentStatements);
type ColumnKey = keyof typeof columns;

/** A JSON value for a column: bigint as a decimal string, dates as ISO text, JSON as is. */
const toJsonValue = (v: unknown) => (typeof v === "bigint" ? v.toString() : v instanceof Date ? v.toISOString() : v);

/**
 * Rows as one JSON parameter, read back as a record set: `jsonb_to_recordset($1) as v(col type, …)`.
 * One parameter whatever the number of rows (a VALUES list binds one per value and stops at 65,535).
 * The record's columns are the table's names prefixed with r_, so they never clash with the table's.
 */
function recordSet(rows: Record<string, unknown>[], keys: ColumnKey[]) {
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k) => [`r_${columns[k].name}`, toJsonValue(r[k])]))));
  const def = sql.raw(keys.map((k) => `"r_${columns[k].name}" ${columns[k].getSQLType()}`).join(", "));
  return sql`jsonb_to_recordset(${json}::jsonb) as v(${def})`;
}

/** At most this many rows per statement: bounds the size of one JSON parameter. */
const WRITE_BATCH = 2000;

/** Every column but the JSON ones: what a writer of many statements needs back (it has sent the JSON). */
const { inputs: _inputs, termsSnapshot: _terms, lines: _lines, flags: _flags, ...headColumns } = columns;
export type StatementHeadRow = Omit<StatementRow, "inputs" | "termsSnapshot" | "lines" | "flags">;

async function insertRows(db: Q, orgId: string, rows: NewStatement[], fields: typeof columns | typeof headColumns): Promise<unknown[]> {
  const keys = (Object.keys(columns) as ColumnKey[]).filter((k) => k !== "orgId");
  const given = keys.filter((k) => rows.some((r) => (r as Record<string, unknown>)[k] !== undefined));
  // A column given for some rows and left to its default in others: as before, one VALUES list.
  if (given.some((k) => rows.some((r) => (r as Record<string, unknown>)[k] === undefined))) {
    return db.insert(rentStatements).values(rows.map((r) => ({ ...r, orgId }))).returning(fields);
  }
  const out: unknown[] = [];
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const batch = rows.slice(i, i + WRITE_BATCH) as unknown as Record<string, unknown>[];
    // Every column in table order (as drizzle's insert … select expects): given, the organisation, or its default.
    const select = sql.join(
      (Object.keys(columns) as ColumnKey[]).map((k) => {
        const c = columns[k];
        if (k === "orgId") return sql`${orgId}::uuid`;
        if (given.includes(k)) return sql`v.${sql.identifier(`r_${c.name}`)}`;
        if (c.default !== undefined) return is(c.default, SQL) ? c.default : sql`${c.mapToDriverValue(c.default)}::${sql.raw(c.getSQLType())}`;
        return sql`null`;
      }),
      sql`, `,
    );
    out.push(...(await db.insert(rentStatements).select(sql`select ${select} from ${recordSet(batch, given)}`).returning(fields)));
  }
  return out;
}

export async function insertStatements(db: Q, orgId: string, rows: NewStatement[]): Promise<StatementRow[]> {
  if (rows.length === 0) return [];
  return (await insertRows(db, orgId, rows, columns)) as StatementRow[];
}

/** insertStatements, returning every column but the JSON ones (megabytes for a month, sent back for nothing). */
export async function insertStatementHeads(db: Q, orgId: string, rows: NewStatement[]): Promise<StatementHeadRow[]> {
  if (rows.length === 0) return [];
  return (await insertRows(db, orgId, rows, headColumns)) as StatementHeadRow[];
}

/** A head column as returned by raw SQL, in the form drizzle's own reads decode (int8 and timestamps as text). */
const headReturning = sql.raw(
  Object.entries(headColumns)
    .map(([k, c]) => `s."${c.name}"${c.getSQLType() === "bigint" || c.getSQLType().startsWith("timestamp") ? "::text" : ""} as "${k}"`)
    .join(", "),
);
const decodeHead = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headColumns).map(([k, c]) => [k, r[k] === null || r[k] === undefined ? null : c.mapFromDriverValue(r[k])])) as StatementHeadRow;

/**
 * Recompute drafts in place, many in one statement; only rows still drafts are changed and returned
 * (without their JSON). The new values travel as one JSON object keyed by statement id, and each row
 * reads its own (`$1 -> id`, one record per row): no join, so no plan to go wrong — joining a record set
 * instead lets a planner with stale statistics (a month's rows just inserted, not yet analysed) pick a
 * nested loop that re-reads the whole record set once per row (seen: 16 s for 3,000 drafts).
 */
export async function updateDrafts(db: Q, orgId: string, updates: ({ id: string } & Pick<NewStatement, "turnover" | "baseRent" | "percentageRent" | "rent" | "vat" | "total" | "lines" | "flags" | "inputs" | "termsSnapshot" | "computedAt">)[]): Promise<StatementHeadRow[]> {
  if (updates.length === 0) return [];
  const keys: ColumnKey[] = ["turnover", "baseRent", "percentageRent", "rent", "vat", "total", "lines", "flags", "inputs", "termsSnapshot", "computedAt"];
  const names = sql.raw(keys.map((k) => `"${columns[k].name}"`).join(", "));
  const fromRecord = sql.raw(keys.map((k) => `x."${columns[k].name}"`).join(", "));
  const recordDef = sql.raw(keys.map((k) => `"${columns[k].name}" ${columns[k].getSQLType()}`).join(", "));
  const out: StatementHeadRow[] = [];
  for (let i = 0; i < updates.length; i += WRITE_BATCH) {
    const batch = updates.slice(i, i + WRITE_BATCH) as unknown as Record<string, unknown>[];
    const byId = Object.fromEntries(batch.map((r) => [r.id as string, Object.fromEntries(keys.map((k) => [columns[k].name, toJsonValue(r[k])]))]));
    const ids = `{${batch.map((r) => r.id as string).join(",")}}`;
    const result = (await db.execute(sql`
      update ${rentStatements} s
      set (${names}) = (select ${fromRecord} from jsonb_to_record(v.j -> s.id::text) as x(${recordDef}))
      from (select ${JSON.stringify(byId)}::jsonb as j) v
      where s.org_id = ${orgId} and s.id = any(${ids}::uuid[]) and s.status = 'draft'
      returning ${headReturning}`)) as unknown as { rows: Record<string, unknown>[] };
    out.push(...result.rows.map(decodeHead));
  }
  return out;
}

export async function updateDraft(db: Q, orgId: string, id: string, v: Partial<NewStatement>) {
  const [r] = await db.update(rentStatements).set(v).where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.id, id), eq(rentStatements.status, "draft"))).returning();
  return r;
}

export async function markIssued(db: Q, orgId: string, id: string, userId: string | null) {
  const [r] = await db
    .update(rentStatements)
    .set({ status: "issued", issuedAt: new Date(), issuedBy: userId })
    .where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.id, id), eq(rentStatements.status, "draft")))
    .returning();
  return r;
}

export async function markNeedsRevision(db: Q, orgId: string, id: string) {
  await db.update(rentStatements).set({ needsRevision: true }).where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.id, id)));
}
