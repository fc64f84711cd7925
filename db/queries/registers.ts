import "server-only";
import { and, asc, between, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { fromDay, toDay } from "@/lib/rent/calendar";
import { dailyFigureColumns } from "./statements";
import { cabinets, connections, kktDayStatus, kkts, stores, tenants, turnoverDaily } from "../schema";

type Q = Db | Tx;

/** One register of the organisation with its tenant, store and, when it is read from a provider, its cabinet. */
export async function getRegister(db: Q, orgId: string, kktId: string) {
  const [r] = await db
    .select({
      id: kkts.id,
      rnm: kkts.rnm,
      fnNumber: kkts.fnNumber,
      serial: kkts.serial,
      address: kkts.address,
      place: kkts.place,
      consentFrom: kkts.consentFrom,
      consentTo: kkts.consentTo,
      tenantId: tenants.id,
      tenantName: tenants.name,
      tenantInn: tenants.inn,
      storeName: stores.name,
      cabinetInn: cabinets.inn,
      cabinetKpp: cabinets.kpp,
      cabinetName: cabinets.name,
      cabinetActiveFrom: cabinets.activeFrom,
      cabinetActiveTo: cabinets.activeTo,
      connectionId: sql<string | null>`coalesce(${cabinets.connectionId}, ${kkts.connectionId})`,
      providerRef: kkts.providerRef,
      connectionName: connections.name,
      provider: connections.provider,
    })
    .from(kkts)
    .innerJoin(tenants, and(eq(tenants.orgId, kkts.orgId), eq(tenants.id, kkts.tenantId)))
    .leftJoin(stores, and(eq(stores.orgId, kkts.orgId), eq(stores.id, kkts.storeId)))
    .leftJoin(cabinets, and(eq(cabinets.orgId, kkts.orgId), eq(cabinets.id, kkts.cabinetId)))
    // A Renta register's connection is its cabinet's; a Kontur register names its own.
    .leftJoin(connections, and(eq(connections.orgId, kkts.orgId), sql`${connections.id} = coalesce(${cabinets.connectionId}, ${kkts.connectionId})`))
    .where(and(eq(kkts.orgId, orgId), eq(kkts.id, kktId)));
  return r;
}
export type RegisterRow = NonNullable<Awaited<ReturnType<typeof getRegister>>>;

/** Every stored day of one register in [from, to], every source, in day order. */
export async function registerDays(db: Q, orgId: string, kktId: string, from: string, to: string) {
  return db
    .select({
      day: turnoverDaily.day,
      source: turnoverDaily.source,
      ...dailyFigureColumns,
      receipts: turnoverDaily.receipts,
      refundReceipts: turnoverDaily.refundReceipts,
      pulledAt: turnoverDaily.pulledAt,
    })
    .from(turnoverDaily)
    .where(and(eq(turnoverDaily.orgId, orgId), eq(turnoverDaily.kktId, kktId), between(turnoverDaily.day, from, to)))
    .orderBy(asc(turnoverDaily.day), asc(turnoverDaily.source));
}
export type RegisterDayRow = Awaited<ReturnType<typeof registerDays>>[number];

/** Days in [from, to] on which the register's data cannot exist (outside its consent), as the last sync recorded them. */
export async function unavailableDays(db: Q, orgId: string, kktId: string, from: string, to: string) {
  const rows = await db
    .select({ day: kktDayStatus.day, reason: kktDayStatus.reason })
    .from(kktDayStatus)
    .where(and(eq(kktDayStatus.orgId, orgId), eq(kktDayStatus.kktId, kktId), eq(kktDayStatus.status, "not_available"), between(kktDayStatus.day, from, to)));
  return new Map(rows.map((r) => [r.day, r.reason]));
}

/** A tenant's registers, in RNM order. */
export async function tenantRegisters(db: Q, orgId: string, tenantId: string) {
  return db.select({ id: kkts.id, rnm: kkts.rnm }).from(kkts).where(and(eq(kkts.orgId, orgId), eq(kkts.tenantId, tenantId))).orderBy(asc(kkts.rnm));
}

/** The rows of a raw query, as either engine gives them. */
export const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

/**
 * Registers with days in [from, to] (at most a month) on which they count for a contract (the assignment's
 * dates within the contract's) and have no turnover from any source: the days statements flag as missing.
 * Per register, the days it counts for and the days it has figures are bitmasks over the range (bit i =
 * `from` + i), the latter read through the primary key like a bare SUM; missing = counted and not present.
 * Most first.
 */
export async function registersMissingDays(db: Db, orgId: string, from: string, to: string) {
  const first = sql`${from}::date`;
  const res = await db.execute(sql`
    with w as (
      select ck.kkt_id, min(r.lo) as lo, max(r.hi) as hi, bit_or(((1::int8 << (r.hi - r.lo + 1)) - 1) << (r.lo - ${first})) as mask
      from contract_kkts ck
      join contracts c on c.org_id = ck.org_id and c.id = ck.contract_id
      cross join lateral (select greatest(ck.valid_from, c.start_date, ${first}) as lo, least(ck.valid_to, c.end_date, ${to}::date) as hi) r
      where ck.org_id = ${orgId} and r.lo <= r.hi
      group by ck.kkt_id
    ), m as (
      select w.kkt_id, w.mask & ~coalesce((select bit_or(1::int8 << (t.day - ${first})) from turnover_daily t where t.org_id = ${orgId} and t.kkt_id = w.kkt_id and t.day between w.lo and w.hi), 0) as missing
      from w
    )
    select k.id, k.rnm, t.id as tenant_id, t.name as tenant_name, m.missing::text as missing
    from m
    join kkts k on k.org_id = ${orgId} and k.id = m.kkt_id
    join tenants t on t.org_id = ${orgId} and t.id = k.tenant_id
    where m.missing <> 0`);
  const start = toDay(from);
  return rowsOf(res)
    .map((r) => {
      const mask = BigInt(String(r.missing));
      const days: string[] = [];
      for (let i = 0; i < 63; i++) if ((mask >> BigInt(i)) & 1n) days.push(fromDay(start + i));
      return { kktId: String(r.id), rnm: String(r.rnm), tenantId: String(r.tenant_id), tenantName: String(r.tenant_name), missing: days.length, days };
    })
    .sort((a, b) => b.missing - a.missing || (a.rnm < b.rnm ? -1 : a.rnm > b.rnm ? 1 : 0));
}

export type DayRowInput = typeof turnoverDaily.$inferInsert;

/**
 * Days written keyed by (organisation, register, day, source): a row of that source for the day is replaced.
 * `onlyChanged`: a row whose figures are the same is left alone (a sync's re-pull changes nothing).
 */
export async function upsertTurnoverDays(db: Q, values: DayRowInput[], opts: { onlyChanged: boolean }) {
  if (values.length === 0) return;
  await db
    .insert(turnoverDaily)
    .values(values)
    .onConflictDoUpdate({
      target: [turnoverDaily.orgId, turnoverDaily.kktId, turnoverDaily.day, turnoverDaily.source],
      set: {
        income: sql`excluded.income`, refunds: sql`excluded.refunds`, incomeVat: sql`excluded.income_vat`, refundsVat: sql`excluded.refunds_vat`,
        incomeCash: sql`excluded.income_cash`, incomeCashless: sql`excluded.income_cashless`, incomePrepaid: sql`excluded.income_prepaid`, incomeCredit: sql`excluded.income_credit`,
        refundsCash: sql`excluded.refunds_cash`, refundsCashless: sql`excluded.refunds_cashless`, refundsPrepaid: sql`excluded.refunds_prepaid`, refundsCredit: sql`excluded.refunds_credit`,
        receipts: sql`excluded.receipts`, refundReceipts: sql`excluded.refund_receipts`, syncRunId: sql`excluded.sync_run_id`, pulledAt: sql`now()`,
      },
      ...(opts.onlyChanged
        ? {
            // A late receipt changes a figure; an unchanged day is left alone.
            setWhere: sql`(turnover_daily.income, turnover_daily.refunds, turnover_daily.income_vat, turnover_daily.income_cash, turnover_daily.income_cashless, turnover_daily.receipts, turnover_daily.refund_receipts)
              is distinct from (excluded.income, excluded.refunds, excluded.income_vat, excluded.income_cash, excluded.income_cashless, excluded.receipts, excluded.refund_receipts)`,
          }
        : {}),
    });
}

/** Remove one source's row of a register's day; returns what was removed. */
export async function deleteTurnoverDay(db: Q, orgId: string, kktId: string, day: string, source: string) {
  const [r] = await db
    .delete(turnoverDaily)
    .where(and(eq(turnoverDaily.orgId, orgId), eq(turnoverDaily.kktId, kktId), eq(turnoverDaily.day, day), eq(turnoverDaily.source, source)))
    .returning({ day: turnoverDaily.day, source: turnoverDaily.source, income: turnoverDaily.income, refunds: turnoverDaily.refunds });
  return r;
}
