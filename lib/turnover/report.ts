import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { rowsOf } from "@/db/queries/registers";
import { sourceOrder } from "@/db/queries/statements";
import { authorize, type Actor } from "@/lib/auth/actor";

export type GroupBy = "day" | "month" | "kkt" | "tenant" | "category";

export interface TurnoverRow {
  key: Record<string, string>;
  income: bigint;
  refunds: bigint;
  net: bigint;
  receipts: number;
  days: number;
}

/** Several sources for one register-day: the one statements count (db/queries/statements.ts). */
const SOURCE_ORDER = sql.raw(sourceOrder("t"));

/**
 * Each key in two steps: the sum is grouped by a raw column (cheap to group: a date, an id), and only the
 * few grouped rows are then formatted or looked up (to_char and the category lookup per input row cost
 * seconds on a year of a mall's registers).
 */
const KEYS: Record<GroupBy, { raw: SQL; select: SQL; join: SQL; names: string[] }> = {
  day: { raw: sql`b.day`, select: sql`to_char(g.rk, 'YYYY-MM-DD') as k1, null as k2, null as k3`, join: sql``, names: ["date"] },
  month: { raw: sql`date_trunc('month', b.day)`, select: sql`to_char(g.rk, 'YYYY-MM') as k1, null as k2, null as k3`, join: sql``, names: ["month"] },
  kkt: { raw: sql`k.id`, select: sql`x.rnm as k1, null as k2, null as k3`, join: sql`join kkts x on x.id = g.rk`, names: ["rnm"] },
  tenant: { raw: sql`k.tenant_id`, select: sql`x.id::text as k1, x.inn as k2, x.name as k3`, join: sql`join tenants x on x.id = g.rk`, names: ["tenantId", "inn", "name"] },
  // A store's category is resolved once per store (the cat CTE), not once per register-day.
  category: { raw: sql`coalesce(cat.category, '')`, select: sql`g.rk as k1, null as k2, null as k3`, join: sql``, names: ["category"] },
};


/**
 * Daily turnover of the organisation's registers, summed by the chosen key, in one query on either engine.
 * `tenantId` keeps one tenant's registers; `category` the registers of stores in that category ("" for stores
 * without one and registers without a store); `connectionId` the registers a connection feeds (through its Renta
 * cabinets, or added to it).
 */
export async function turnoverReport(db: Db, actor: Actor, q: { from: string; to: string; groupBy: GroupBy; tenantId?: string; category?: string; connectionId?: string }): Promise<TurnoverRow[]> {
  authorize(actor, "tenancy.read");
  const key = KEYS[q.groupBy];
  const needsCategory = q.groupBy === "category" || q.category !== undefined;
  // For one tenant only its registers' rows are read and ranked, not the whole mall's.
  const res = await db.execute(sql`
    with best as (
      select distinct on (t.kkt_id, t.day) t.kkt_id, t.day, t.income, t.refunds, coalesce(t.receipts, 0) as receipts
      from turnover_daily t
      where t.org_id = ${actor.orgId} and t.day between ${q.from} and ${q.to}
        ${q.tenantId ? sql`and t.kkt_id in (select id from kkts where org_id = ${actor.orgId} and tenant_id = ${q.tenantId})` : sql``}
        ${q.connectionId ? sql`and t.kkt_id in (select k.id from kkts k left join cabinets c on c.org_id = k.org_id and c.id = k.cabinet_id where k.org_id = ${actor.orgId} and coalesce(c.connection_id, k.connection_id) = ${q.connectionId})` : sql``}
      order by t.kkt_id, t.day, ${SOURCE_ORDER}
    ),
    cat as materialized (
      select s.id as store_id, coalesce(s.category_override, (select sc.value from store_categories sc where sc.org_id = s.org_id and sc.store_id = s.id order by sc.name limit 1)) as category
      from stores s where s.org_id = ${actor.orgId} and ${needsCategory ? sql`true` : sql`false`}
    ),
    g as (
      select ${key.raw} as rk, sum(b.income) as income, sum(b.refunds) as refunds, sum(b.receipts) as receipts, count(distinct b.day) as days
      from best b
      join kkts k on k.org_id = ${actor.orgId} and k.id = b.kkt_id
      ${needsCategory ? sql`left join cat on cat.store_id = k.store_id` : sql``}
      where ${q.tenantId ? sql`k.tenant_id = ${q.tenantId}` : sql`true`}
        and ${q.category !== undefined ? sql`coalesce(cat.category, '') = ${q.category}` : sql`true`}
      group by 1
    )
    select ${key.select}, g.income::bigint::text as income, g.refunds::bigint::text as refunds, g.receipts::bigint::text as receipts, g.days::int as days
    from g ${key.join}
    order by 1, 2`);
  return rowsOf(res).map((r) => {
    const income = BigInt(String(r.income));
    const refunds = BigInt(String(r.refunds));
    const k: Record<string, string> = { [key.names[0]]: String(r.k1 ?? "") };
    if (key.names[1]) k[key.names[1]] = String(r.k2 ?? "");
    if (key.names[2]) k[key.names[2]] = String(r.k3 ?? "");
    return { key: k, income, refunds, net: income - refunds, receipts: Number(r.receipts), days: Number(r.days) };
  });
}
