import "server-only";
import { and, asc, desc, eq, getTableColumns, gte, inArray, is, lte, SQL, sql } from "drizzle-orm";
import type { KktMonth } from "@/lib/rent";
import { fromDay, periodBounds } from "@/lib/rent/calendar";
import type { Db, Tx } from "../engine";
import { rentStatements, turnoverAdjustments, turnoverDaily } from "../schema";

type Q = Db | Tx;
export type StatementRow = typeof rentStatements.$inferSelect;
export type NewStatement = Omit<typeof rentStatements.$inferInsert, "orgId">;

/** A day's figures as turnover_daily holds them (every money column). */
export const dailyFigureColumns = {
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
};

export async function loadTurnover(db: Q, orgId: string, kktIds: string[], from: string, to: string) {
  if (kktIds.length === 0) return [];
  return db
    .select({
      kktId: turnoverDaily.kktId,
      day: turnoverDaily.day,
      source: turnoverDaily.source,
      ...dailyFigureColumns,
    })
    .from(turnoverDaily)
    .where(and(eq(turnoverDaily.orgId, orgId), inArray(turnoverDaily.kktId, kktIds), gte(turnoverDaily.day, from), lte(turnoverDaily.day, to)));
}

/** When a day has figures from several sources, a person's entry wins over the provider, the provider over the tenant's report. */
export const SOURCE_RANK = (s: string) => (s === "manual" ? 0 : s === "tenant-reported" ? 2 : 1);
/** Which of two sources' figures count for a day (negative: `a`'s): rank, then the source first bytewise. */
export const compareSources = (a: string, b: string) => SOURCE_RANK(a) - SOURCE_RANK(b) || Buffer.compare(Buffer.from(a), Buffer.from(b));
/** The same order in SQL (deterministic on a tie). */
export const sourceOrder = (t: string) => `case ${t}.source when 'manual' then 0 when 'tenant-reported' then 2 else 1 end, ${t}.source collate "C"`;

/**
 * The aggregates of one register's rows (alias `t`, one row per day): the KktMonth fields, packed. `bits`
 * holds the days present (bit i = the period's first day + i) and, from bit 32, the flags
 * (32 refunds without VAT, 33 income without a form breakdown, 34 refunds without one). `entered` holds
 * the days whose figures a person entered (bits 0–30) and those from the tenant's report (bits 32–62).
 */
const aggregates = (t: string, first: SQL) => {
  const dayNo = sql.raw(`(${t}.day - `).append(first).append(sql.raw(`::date)`));
  return sql`count(*) as n,
    bit_or((1::int8 << ${dayNo})
      | ${sql.raw(`case when ${t}.refunds <> 0 and ${t}.refunds_vat is null then 4294967296::int8 else 0 end
      | case when ${t}.income <> 0 and ${t}.income_cash is null and ${t}.income_cashless is null and ${t}.income_prepaid is null and ${t}.income_credit is null then 8589934592::int8 else 0 end
      | case when ${t}.refunds <> 0 and ${t}.refunds_cash is null and ${t}.refunds_cashless is null and ${t}.refunds_prepaid is null and ${t}.refunds_credit is null then 17179869184::int8 else 0 end`)}) as bits,
    bit_or(case ${sql.raw(t)}.source when 'manual' then 1::int8 << ${dayNo} when 'tenant-reported' then 1::int8 << (${dayNo} + 32) else 0 end) as entered,
    ${sql.raw(`sum(${t}.income) as income, sum(${t}.refunds) as refunds, sum(${t}.income_vat) as income_vat, sum(${t}.refunds_vat) as refunds_vat,
    sum(${t}.income_cash) as income_cash, sum(${t}.income_cashless) as income_cashless, sum(${t}.income_prepaid) as income_prepaid, sum(${t}.income_credit) as income_credit,
    sum(${t}.refunds_cash) as refunds_cash, sum(${t}.refunds_cashless) as refunds_cashless, sum(${t}.refunds_prepaid) as refunds_prepaid, sum(${t}.refunds_credit) as refunds_credit`)}`;
};
/** One text per (contract, register): its fields comma-separated, NULL as empty. */
const packed = (a: string) =>
  sql.raw(`concat(${a}.contract_id, ',', ${a}.kkt_id, ',', ${a}.mask, ',', ${a}.bits, ',', ${a}.income, ',', ${a}.refunds, ',', ${a}.income_vat, ',', ${a}.refunds_vat, ',',
    ${a}.income_cash, ',', ${a}.income_cashless, ',', ${a}.income_prepaid, ',', ${a}.income_credit, ',', ${a}.refunds_cash, ',', ${a}.refunds_cashless, ',', ${a}.refunds_prepaid, ',', ${a}.refunds_credit, ',', ${a}.entered) as r`);

/** A contract's registers for a month, aggregated over their counted days (see loadTurnoverMonths). */
export interface ContractTurnoverMonths {
  /** Per register: the days it counts for, as the query saw them (bit i = the period's first day + i). */
  windows: Map<string, number>;
  months: KktMonth[];
}

const big = (s: string) => (s === "" ? 0n : BigInt(s));
const FLAGS = 4294967296;

/**
 * Each register's month per contract, aggregated in SQL over the days it counts for — period ∩ contract
 * term ∩ the union of its assignments to the contract (a register assigned twice counts each day once) —
 * with one row per day: where a day has several sources, the best ranked (SOURCE_RANK, then the source
 * name bytewise). Contracts: those active in the period, of `contractIds` when given (as loadContracts
 * with activeFrom/activeTo), of the given slice only when one is given. Sums are exact (numeric), NULL
 * amounts add 0.
 *
 * One statement: per (contract, register) a plain aggregate over its rows read through the primary key
 * (org, register, day, source), the same access as a bare SUM; a (contract, register) with more rows than
 * days present (a day with several sources) is aggregated again from its rows with the source chosen per
 * day (DISTINCT ON) — none on ordinary data, so that branch reads nothing. (Its filter is written as an
 * equality so that the planner expects few such rows: with `<>` it expects nearly all, and the plan's
 * estimated cost then crosses jit_above_cost — 60 ms of JIT compilation for nothing.)
 */
export async function loadTurnoverMonths(db: Q, orgId: string, period: string, contractIds?: string[], slice?: { index: number; of: number }): Promise<Map<string, ContractTurnoverMonths>> {
  const { first: f, last: l } = periodBounds(period);
  const first = sql`${fromDay(f)}::date`;
  const last = sql`${fromDay(l)}::date`;
  const ids = contractIds ? sql` and c.id = any(${`{${contractIds.join(",")}}`}::uuid[])` : sql``;
  // One of `of` disjoint slices of the contracts (by the last byte of their id), for queries run side by side.
  const part = slice && slice.of > 1 ? sql` and get_byte(uuid_send(c.id), 15) % ${slice.of}::int = ${slice.index}::int` : sql``;
  const inWindow = (w: string, t: string) => sql.raw(`${t}.org_id = ${w}.org_id and ${t}.kkt_id = ${w}.kkt_id and ${t}.day >= ${w}.lo and ${t}.day <= ${w}.hi and (${w}.mask >> (${t}.day - `).append(first).append(sql.raw(`)) & 1 = 1`));
  const result = (await db.execute(sql`
    with w as (
      select ck.org_id, ck.contract_id, ck.kkt_id, min(r.lo) as lo, max(r.hi) as hi,
             bit_or(((1::int8 << (r.hi - r.lo + 1)) - 1) << (r.lo - ${first})) as mask
      from contract_kkts ck
      join contracts c on c.org_id = ck.org_id and c.id = ck.contract_id
      cross join lateral (select greatest(ck.valid_from, c.start_date, ${first}) as lo, least(ck.valid_to, c.end_date, ${last}) as hi) r
      where ck.org_id = ${orgId} and c.start_date <= ${last} and c.end_date >= ${first}${ids}${part} and r.lo <= r.hi
      group by ck.org_id, ck.contract_id, ck.kkt_id
    ), a as (
      select w.contract_id, w.kkt_id, w.org_id, w.lo, w.hi, w.mask, x.*
      from w cross join lateral (select ${aggregates("t", first)} from turnover_daily t where ${inWindow("w", "t")}) x
    )
    select ${packed("a")} from a where a.n = bit_count((coalesce(a.bits, 0) & 2147483647)::bit(32))
    union all
    select ${packed("p")} from (
      select d.contract_id, d.kkt_id, d.mask, ${aggregates("d", first)}
      from (
        select distinct on (a.contract_id, a.kkt_id, t.day) a.contract_id, a.kkt_id, a.mask, t.day, t.source, t.income, t.refunds, t.income_vat, t.refunds_vat,
          t.income_cash, t.income_cashless, t.income_prepaid, t.income_credit, t.refunds_cash, t.refunds_cashless, t.refunds_prepaid, t.refunds_credit
        from a join turnover_daily t on ${inWindow("a", "t")}
        where sign(a.n - bit_count((coalesce(a.bits, 0) & 2147483647)::bit(32))) = 1
        order by a.contract_id, a.kkt_id, t.day, ${sql.raw(sourceOrder("t"))}
      ) d
      group by d.contract_id, d.kkt_id, d.mask
    ) p`)) as unknown as { rows: { r: string }[] };
  const out = new Map<string, ContractTurnoverMonths>();
  for (const { r } of result.rows) {
    const v = r.split(",");
    const contractId = v[0];
    const kktId = v[1];
    let c = out.get(contractId);
    if (!c) out.set(contractId, (c = { windows: new Map(), months: [] }));
    c.windows.set(kktId, Number(v[2]));
    const bits = v[3] === "" ? 0 : Number(v[3]);
    const flags = Math.floor(bits / FLAGS);
    const entered = v[16] === "" ? 0 : Number(v[16]);
    c.months.push({
      kktId,
      presentDays: bits % FLAGS,
      income: big(v[4]),
      refunds: big(v[5]),
      incomeVat: big(v[6]),
      refundsVatGiven: big(v[7]),
      refundVatMissing: (flags & 1) !== 0,
      formsMissingIncome: (flags & 2) !== 0,
      formsMissingRefunds: (flags & 4) !== 0,
      incomeByForm: { cash: big(v[8]), cashless: big(v[9]), prepaid: big(v[10]), credit: big(v[11]) },
      refundsByForm: { cash: big(v[12]), cashless: big(v[13]), prepaid: big(v[14]), credit: big(v[15]) },
      enteredDays: entered % FLAGS,
      reportedDays: Math.floor(entered / FLAGS),
    });
  }
  return out;
}

/** The period's adjustments of these contracts (of every contract when contractIds is undefined), oldest first. */
export async function loadAdjustments(db: Q, orgId: string, contractIds: string[] | undefined, period: string) {
  if (contractIds?.length === 0) return [];
  return db
    .select({ contractId: turnoverAdjustments.contractId, amount: turnoverAdjustments.amount, reason: turnoverAdjustments.reason, author: sql<string>`coalesce(${turnoverAdjustments.authorLabel}, (select email from users where id = ${turnoverAdjustments.authorUserId}), 'unknown')` })
    .from(turnoverAdjustments)
    .where(and(eq(turnoverAdjustments.orgId, orgId), ...(contractIds ? [sql`${turnoverAdjustments.contractId} = any(${`{${contractIds.join(",")}}`}::uuid[])`] : []), eq(turnoverAdjustments.period, period)))
    .orderBy(asc(turnoverAdjustments.createdAt), asc(turnoverAdjustments.id));
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
    .select({
      id: rentStatements.id,
      contractId: rentStatements.contractId,
      revision: rentStatements.revision,
      status: rentStatements.status,
      needsRevision: rentStatements.needsRevision,
      turnover: rentStatements.turnover,
      total: rentStatements.total,
      contentHash: rentStatements.contentHash,
      reason: rentStatements.reason,
      supersedesId: rentStatements.supersedesId,
    })
    .from(rentStatements)
    .where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.period, period), sql`${rentStatements.contractId} = any(${`{${contractIds.join(",")}}`}::uuid[])`))
    .orderBy(asc(rentStatements.contractId), desc(rentStatements.revision));
  const latest = new Map<string, StatementHead>();
  for (const r of rows) if (!latest.has(r.contractId)) latest.set(r.contractId, r);
  return latest;
}
export type StatementHead = Pick<StatementRow, "id" | "contractId" | "revision" | "status" | "needsRevision" | "turnover" | "total" | "contentHash" | "reason" | "supersedesId">;

/** The revision and total of the statements these revisions supersede: id → what it superseded. */
export async function supersededHeads(db: Q, orgId: string, ids: string[]) {
  const out = new Map<string, { revision: number; total: bigint }>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: rentStatements.id, revision: rentStatements.revision, total: rentStatements.total })
    .from(rentStatements)
    .where(and(eq(rentStatements.orgId, orgId), sql`${rentStatements.id} = any(${`{${ids.join(",")}}`}::uuid[])`));
  for (const r of rows) out.set(r.id, { revision: r.revision, total: r.total });
  return out;
}

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

/** Separates the rows' JSON texts in one parameter: JSON text never holds a raw control character. */
const RS = "\u001e";

/**
 * Rows as few parameters, read back as a record set: the scalar columns as one JSON array of records
 * (`jsonb_to_recordset($1) as v(i int, r_col type, …)`, `i` the row's position), each jsonb column as one
 * text of the rows' JSON joined by U+001E, split into an array once (`a.r_col[v.i]::jsonb`): each JSON
 * value is parsed once, straight into its column — not parsed as part of one large document and then
 * extracted from it. One parameter per JSON column whatever the number of rows (a VALUES list binds one
 * per value and stops at 65,535). The record's columns are the table's names prefixed with r_, so they
 * never clash with the table's. `undefined` when a JSON value is missing (the caller writes it otherwise).
 */
function packRows(rows: Record<string, unknown>[], keys: ColumnKey[]) {
  const scalarKeys = keys.filter((k) => columns[k].getSQLType() !== "jsonb");
  const jsonKeys = keys.filter((k) => columns[k].getSQLType() === "jsonb");
  for (const k of jsonKeys) for (const r of rows) if (r[k] === undefined || r[k] === null) return undefined;
  const names = scalarKeys.map((k) => `r_${columns[k].name}`);
  const scalars = JSON.stringify(
    rows.map((r, i) => {
      const v: Record<string, unknown> = { i: i + 1 };
      for (let j = 0; j < scalarKeys.length; j++) v[names[j]] = toJsonValue(r[scalarKeys[j]]);
      return v;
    }),
  );
  const def = sql.raw(["i int", ...scalarKeys.map((k) => `"r_${columns[k].name}" ${columns[k].getSQLType()}`)].join(", "));
  const arrays = sql.join(
    jsonKeys.map((k) => sql`string_to_array(${rows.map((r) => JSON.stringify(r[k])).join(RS)}::text, chr(30)) as ${sql.identifier(`r_${columns[k].name}`)}`),
    sql`, `,
  );
  /** A column of the record: `v.r_col`, or `a.r_col[v.i]::jsonb` for a JSON one. */
  const column = (k: ColumnKey, v = "v", a = "a") =>
    jsonKeys.includes(k) ? sql.raw(`${a}."r_${columns[k].name}"[${v}.i]::jsonb`) : sql.raw(`${v}."r_${columns[k].name}"`);
  return { scalars, def, arrays: jsonKeys.length ? arrays : sql`1 as none`, column };
}

/** The old form, for rows a JSON value of which is missing: every column in one JSON record set. */
function recordSet(rows: Record<string, unknown>[], keys: ColumnKey[]) {
  const names = keys.map((k) => `r_${columns[k].name}`);
  const json = JSON.stringify(
    rows.map((r) => {
      const v: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) v[names[i]] = toJsonValue(r[keys[i]]);
      return v;
    }),
  );
  const def = sql.raw(keys.map((k) => `"r_${columns[k].name}" ${columns[k].getSQLType()}`).join(", "));
  return sql`jsonb_to_recordset(${json}::jsonb) as v(${def})`;
}

/**
 * At most this many rows per statement: bounds the size of one JSON parameter, and keeps the record set
 * in memory (work_mem): 2,000 statements (5.7 MB of JSON) spilled it to a temporary file — 327 ms to
 * insert them, against 106 ms for 1,000.
 */
const WRITE_BATCH = 500;

/** Every column but the JSON ones: what a writer of many statements needs back (it has sent the JSON). */
const { inputs: _inputs, termsSnapshot: _terms, lines: _lines, flags: _flags, ...headColumns } = columns;
export type StatementHeadRow = Omit<StatementRow, "inputs" | "termsSnapshot" | "lines" | "flags">;

/** A write whose parameters (the JSON) are already made: run it when the connection is free. */
export type PreparedWrite<T> = (db: Q) => Promise<T[]>;

function prepareInsertRows(orgId: string, rows: NewStatement[], fields: typeof columns | typeof headColumns): PreparedWrite<unknown> {
  if (rows.length === 0) return async () => [];
  const keys = (Object.keys(columns) as ColumnKey[]).filter((k) => k !== "orgId");
  const given = keys.filter((k) => rows.some((r) => (r as Record<string, unknown>)[k] !== undefined));
  // A column given for some rows and left to its default in others: as before, one VALUES list.
  if (given.some((k) => rows.some((r) => (r as Record<string, unknown>)[k] === undefined))) {
    return (db) => db.insert(rentStatements).values(rows.map((r) => ({ ...r, orgId }))).returning(fields);
  }
  const statements: SQL[] = [];
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const batch = rows.slice(i, i + WRITE_BATCH) as unknown as Record<string, unknown>[];
    const packed = packRows(batch, given);
    // Every column in table order (as drizzle's insert … select expects): given, the organisation, or its default.
    const select = sql.join(
      (Object.keys(columns) as ColumnKey[]).map((k) => {
        const c = columns[k];
        if (k === "orgId") return sql`${orgId}::uuid`;
        if (given.includes(k)) return packed ? packed.column(k) : sql`v.${sql.identifier(`r_${c.name}`)}`;
        if (c.default !== undefined) return is(c.default, SQL) ? c.default : sql`${c.mapToDriverValue(c.default)}::${sql.raw(c.getSQLType())}`;
        return sql`null`;
      }),
      sql`, `,
    );
    statements.push(
      packed
        ? sql`select ${select} from jsonb_to_recordset(${packed.scalars}::jsonb) as v(${packed.def}) cross join (select ${packed.arrays} offset 0) a`
        : sql`select ${select} from ${recordSet(batch, given)}`,
    );
  }
  return async (db) => {
    const out: unknown[] = [];
    for (const select of statements) out.push(...(await db.insert(rentStatements).select(select).returning(fields)));
    return out;
  };
}

export async function insertStatements(db: Q, orgId: string, rows: NewStatement[]): Promise<StatementRow[]> {
  return (await prepareInsertRows(orgId, rows, columns)(db)) as StatementRow[];
}

/** insertStatements, returning every column but the JSON ones (megabytes for a month, sent back for nothing). */
export async function insertStatementHeads(db: Q, orgId: string, rows: NewStatement[]): Promise<StatementHeadRow[]> {
  return prepareInsertHeads(orgId, rows)(db);
}

/** insertStatementHeads with its JSON made now, sent when run (a caller prepares the next write while one runs). */
export const prepareInsertHeads = (orgId: string, rows: NewStatement[]) => prepareInsertRows(orgId, rows, headColumns) as PreparedWrite<StatementHeadRow>;

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
export type DraftUpdate = { id: string } & Pick<NewStatement, "turnover" | "baseRent" | "percentageRent" | "rent" | "vat" | "total" | "lines" | "flags" | "inputs" | "termsSnapshot" | "contentHash" | "computedAt">;
export async function updateDrafts(db: Q, orgId: string, updates: DraftUpdate[]): Promise<StatementHeadRow[]> {
  return prepareDraftUpdates(orgId, updates)(db);
}

/** updateDrafts with its JSON made now, sent when run. */
export function prepareDraftUpdates(orgId: string, updates: DraftUpdate[]): PreparedWrite<StatementHeadRow> {
  if (updates.length === 0) return async () => [];
  const keys: ColumnKey[] = ["turnover", "baseRent", "percentageRent", "rent", "vat", "total", "lines", "flags", "inputs", "termsSnapshot", "contentHash", "computedAt"];
  const names = sql.raw(keys.map((k) => `"${columns[k].name}"`).join(", "));
  const statements: SQL[] = [];
  for (let i = 0; i < updates.length; i += WRITE_BATCH) {
    const batch = updates.slice(i, i + WRITE_BATCH) as unknown as Record<string, unknown>[];
    const ids = `{${batch.map((r) => r.id as string).join(",")}}`;
    const packed = packRows(batch, keys);
    if (!packed) throw new TypeError("a draft update needs every JSON column");
    // Each row reads its own record by id from a JSON object {id: {i, scalar columns}} (small: the JSON
    // columns are in the arrays), its JSON columns at position i of the arrays.
    const byId = `{${batch.map((r, j) => `${JSON.stringify(r.id)}:${JSON.stringify({ i: j + 1, ...Object.fromEntries(keys.filter((k) => columns[k].getSQLType() !== "jsonb").map((k) => [`r_${columns[k].name}`, toJsonValue(r[k])])) })}`).join(",")}}`;
    statements.push(sql`
      update ${rentStatements} s
      set (${names}) = (select ${sql.join(keys.map((k) => packed.column(k, "x", "v")), sql`, `)} from jsonb_to_record(v.j -> s.id::text) as x(${packed.def}))
      from (select ${byId}::jsonb as j, ${packed.arrays} offset 0) v
      where s.org_id = ${orgId} and s.id = any(${ids}::uuid[]) and s.status = 'draft'
      returning ${headReturning}`);
  }
  return async (db) => {
    const out: StatementHeadRow[] = [];
    for (const statement of statements) out.push(...((await db.execute(statement)) as unknown as { rows: Record<string, unknown>[] }).rows.map(decodeHead));
    return out;
  };
}

/**
 * Drafts recomputed to the same content (their content_hash matched): only computed_at changes — the
 * row's JSON is neither sent nor rewritten. Drafts only: one issued meanwhile is not returned.
 */
export function prepareTouchDrafts(orgId: string, ids: string[], computedAt: Date): PreparedWrite<StatementHeadRow> {
  if (ids.length === 0) return async () => [];
  const statement = sql`
    update ${rentStatements} s set computed_at = ${computedAt.toISOString()}::timestamptz
    where s.org_id = ${orgId} and s.id = any(${`{${ids.join(",")}}`}::uuid[]) and s.status = 'draft'
    returning ${headReturning}`;
  return async (db) => ((await db.execute(statement)) as unknown as { rows: Record<string, unknown>[] }).rows.map(decodeHead);
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

/**
 * The latest revision of each contract's month among the organisation's statements matching `where`, with
 * `columns`: a subquery for the queries that read "the statement of a month" rather than every revision.
 */
export function latestRevisions(orgId: string, columns: SQL, where: SQL = sql`true`): SQL {
  return sql`select distinct on (contract_id, period) ${columns} from ${rentStatements} where org_id = ${orgId} and ${where} order by contract_id, period, revision desc`;
}

/** A tenant's rent per month from..to (YYYY-MM): Σ rent and Σ total of the latest revision of each of its contracts' statements. */
export async function tenantRentByMonth(db: Q, orgId: string, tenantId: string, from: string, to: string) {
  const latest = latestRevisions(
    orgId,
    sql`period, rent, total, status, needs_revision`,
    sql`period between ${from} and ${to} and contract_id in (select id from contracts where org_id = ${orgId} and tenant_id = ${tenantId})`,
  );
  const res = (await db.execute(sql`
    select period, sum(rent)::text as rent, sum(total)::text as total, count(*)::int as statements,
           count(*) filter (where status = 'issued')::int as issued
    from (${latest}) latest group by period order by period`)) as unknown as { rows: { period: string; rent: string; total: string; statements: number; issued: number }[] };
  return res.rows.map((r) => ({ period: r.period, rent: BigInt(r.rent), total: BigInt(r.total), statements: r.statements, issued: r.issued }));
}

/** Contracts whose latest statement of each of these months is issued and not yet flagged: period → contract ids. */
export async function issuedUnflagged(db: Q, orgId: string, periods: string[]) {
  const out = new Map<string, string[]>();
  if (periods.length === 0) return out;
  const latest = latestRevisions(orgId, sql`contract_id, period, status, needs_revision`, sql`period = any(${`{${periods.join(",")}}`}::text[])`);
  const result = (await db.execute(sql`
    select period, contract_id::text as "contractId" from (${latest}) latest
    where status = 'issued' and not needs_revision`)) as unknown as { rows: { period: string; contractId: string }[] };
  for (const r of result.rows) (out.get(r.period) ?? out.set(r.period, []).get(r.period)!).push(r.contractId);
  return out;
}

/** A contract's statements, every month and revision, newest first: heads only (no JSON). */
export async function contractStatementHeads(db: Q, orgId: string, contractId: string) {
  return db
    .select({ id: rentStatements.id, period: rentStatements.period, revision: rentStatements.revision, status: rentStatements.status, needsRevision: rentStatements.needsRevision, currency: rentStatements.currency, total: rentStatements.total, issuedAt: rentStatements.issuedAt })
    .from(rentStatements)
    .where(and(eq(rentStatements.orgId, orgId), eq(rentStatements.contractId, contractId)))
    .orderBy(desc(rentStatements.period), desc(rentStatements.revision));
}

/** Months whose latest revision of some contract is issued and flagged "needs revision", with how many, newest first. */
export async function needsRevisionByPeriod(db: Q, orgId: string) {
  const latest = latestRevisions(orgId, sql`period, status, needs_revision`);
  const result = (await db.execute(sql`
    select period, count(*)::int as count from (${latest}) latest
    where status = 'issued' and needs_revision
    group by period
    order by period desc`)) as unknown as { rows: { period: string; count: number }[] };
  return result.rows.map((r) => ({ period: r.period, count: Number(r.count) }));
}
