import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/engine";
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

/** Several sources for one register-day: a person's entry wins over the provider, the provider over the tenant's report. */
const SOURCE_RANK = sql`case t.source when 'manual' then 0 when 'tenant-reported' then 2 else 1 end`;

const KEYS: Record<GroupBy, { select: SQL; group: SQL; names: string[] }> = {
  day: { select: sql`to_char(b.day, 'YYYY-MM-DD') as k1, null as k2`, group: sql`1`, names: ["date"] },
  month: { select: sql`to_char(b.day, 'YYYY-MM') as k1, null as k2`, group: sql`1`, names: ["month"] },
  kkt: { select: sql`k.rnm as k1, null as k2`, group: sql`1`, names: ["rnm"] },
  tenant: { select: sql`tn.id::text as k1, tn.inn as k2`, group: sql`1, 2`, names: ["tenantId", "inn"] },
  category: { select: sql`coalesce(s.category_override, (select sc.value from store_categories sc where sc.org_id = s.org_id and sc.store_id = s.id order by sc.name limit 1), '') as k1, null as k2`, group: sql`1`, names: ["category"] },
};

const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

/** Daily turnover of the organisation's registers, summed by the chosen key, in one query on either engine. */
export async function turnoverReport(db: Db, actor: Actor, q: { from: string; to: string; groupBy: GroupBy; tenantId?: string }): Promise<TurnoverRow[]> {
  authorize(actor, "tenancy.read");
  const key = KEYS[q.groupBy];
  const res = await db.execute(sql`
    with best as (
      select distinct on (t.kkt_id, t.day) t.kkt_id, t.day, t.income, t.refunds, coalesce(t.receipts, 0) as receipts
      from turnover_daily t
      where t.org_id = ${actor.orgId} and t.day between ${q.from} and ${q.to}
      order by t.kkt_id, t.day, ${SOURCE_RANK}
    )
    select ${key.select},
      sum(b.income)::bigint::text as income, sum(b.refunds)::bigint::text as refunds,
      sum(b.receipts)::bigint::text as receipts, count(distinct b.day)::int as days
    from best b
    join kkts k on k.org_id = ${actor.orgId} and k.id = b.kkt_id
    join tenants tn on tn.org_id = k.org_id and tn.id = k.tenant_id
    left join stores s on s.org_id = k.org_id and s.id = k.store_id
    where ${q.tenantId ? sql`k.tenant_id = ${q.tenantId}` : sql`true`}
    group by ${key.group}
    order by ${key.group}`);
  return rowsOf(res).map((r) => {
    const income = BigInt(String(r.income));
    const refunds = BigInt(String(r.refunds));
    const k: Record<string, string> = { [key.names[0]]: String(r.k1 ?? "") };
    if (key.names[1]) k[key.names[1]] = String(r.k2 ?? "");
    return { key: k, income, refunds, net: income - refunds, receipts: Number(r.receipts), days: Number(r.days) };
  });
}
