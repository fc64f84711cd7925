import "server-only";
import type { Db } from "@/db/engine";
import { loadContracts } from "@/db/queries/contracts";
import { latestStatements, tenantRentByMonth } from "@/db/queries/statements";
import { tenantRegisters } from "@/db/queries/registers";
import { getTenant } from "@/db/queries/tenancy";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { parseDecimal, roundDiv, type Ratio } from "@/lib/money";
import { monthsOf } from "@/lib/rent/calendar";
import { turnoverReport } from "@/lib/turnover/report";
import type { DashboardMonth } from "./month";

export interface TenantDashboard {
  tenant: { id: string; name: string; inn: string; kpp: string | null };
  month: string;
  /** Net turnover of the month (kopecks), and per register. */
  net: bigint;
  /** Every register of the tenant, with the month's net turnover and days with turnover (0 when it had none). */
  registers: { id: string; rnm: string; net: bigint; days: number }[];
  /** Net turnover per month of the 13 ending with this one. */
  history: { month: string; net: bigint }[];
  /**
   * The same 13 months, newest first, with the rent of the tenant's statements (latest revision of each, all its
   * contracts): how many, how many issued, Σ rent before VAT, Σ total, and rent ÷ turnover in tenths of a per cent.
   */
  months: { month: string; net: bigint; statements: number; issued: number; rent: bigint | null; total: bigint | null; occupancyCostTenths: bigint | null }[];
  /** The tenant's contracts running in the month, with the latest statement of the month when there is one. */
  contracts: { id: string; number: string; premises: string[]; statement: { id: string; status: string; needsRevision: boolean; rent: bigint; total: bigint } | null }[];
  /** Σ rent before VAT and Σ total of those statements (null: none computed yet). */
  rent: bigint | null;
  total: bigint | null;
  /** Rent before VAT ÷ net turnover in tenths of a per cent, rounded half away from zero (null: no rent or no turnover). */
  occupancyCostTenths: bigint | null;
  /** The leased area of those contracts' premises (each unit once) in hundredths of a m², and net turnover per m² in kopecks. */
  areaHundredths: bigint | null;
  netPerM2: bigint | null;
}

const byCode = new Intl.Collator("ru", { numeric: true }).compare;
const addRatio = (a: Ratio, b: Ratio): Ratio => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });

/**
 * One tenant's month for the dashboard: its turnover (by register, and 13 months of history), its contracts
 * and their statements, the occupancy cost ratio (rent before VAT ÷ turnover) and sales per m². A tenant of
 * another organisation is not found.
 */
export async function tenantDashboard(db: Db, actor: Actor, tenantId: string, m: DashboardMonth): Promise<TenantDashboard> {
  authorize(actor, "dashboard.read");
  const tenant = await getTenant(db, actor.orgId, tenantId);
  if (!tenant) throw new AppError("not_found", "Tenant not found");
  const [byRegister, history, contracts, rentByMonth, kktList] = await Promise.all([
    turnoverReport(db, actor, { from: m.from, to: m.to, groupBy: "kkt", tenantId }),
    turnoverReport(db, actor, { from: m.historyFrom, to: m.to, groupBy: "month", tenantId }),
    loadContracts(db, actor.orgId, { tenantId, activeFrom: m.from, activeTo: m.monthEnd }),
    tenantRentByMonth(db, actor.orgId, tenantId, m.historyFrom.slice(0, 7), m.month),
    tenantRegisters(db, actor.orgId, tenantId),
  ]);
  const figures = new Map(byRegister.map((r) => [r.key.rnm, r]));
  // A silent register (no turnover in the month) is listed too: it is the one to look into.
  const registers = kktList.map((k) => ({ id: k.id, rnm: k.rnm, net: figures.get(k.rnm)?.net ?? 0n, days: figures.get(k.rnm)?.days ?? 0 }));
  const statements = await latestStatements(db, actor.orgId, m.month, contracts.map((c) => c.id));
  const net = registers.reduce((s, r) => s + r.net, 0n);
  const shown = [...statements.values()];
  const rent = shown.length ? shown.reduce((s, x) => s + x.rent, 0n) : null;
  const total = shown.length ? shown.reduce((s, x) => s + x.total, 0n) : null;
  const units = new Map<string, string>();
  for (const c of contracts) for (const p of c.premises) units.set(p.premisesId, String(p.areaM2));
  const area = units.size ? [...units.values()].map(parseDecimal).reduce(addRatio) : null;
  return {
    tenant,
    month: m.month,
    net,
    registers,
    history: history.map((h) => ({ month: h.key.month, net: h.net })),
    months: monthsOf(m.historyFrom, m.monthEnd).reverse().map((month) => {
      const net = history.find((h) => h.key.month === month)?.net ?? 0n;
      const r = rentByMonth.find((x) => x.period === month);
      return { month, net, statements: r?.statements ?? 0, issued: r?.issued ?? 0, rent: r?.rent ?? null, total: r?.total ?? null, occupancyCostTenths: r && net > 0n ? roundDiv(r.rent * 1000n, net) : null };
    }),
    contracts: contracts.map((c) => {
      const s = statements.get(c.id);
      return { id: c.id, number: c.number, premises: c.premises.map((p) => p.code).sort(byCode), statement: s ? { id: s.id, status: s.status, needsRevision: s.needsRevision, rent: s.rent, total: s.total } : null };
    }),
    rent,
    total,
    occupancyCostTenths: rent !== null && net > 0n ? roundDiv(rent * 1000n, net) : null,
    areaHundredths: area ? roundDiv(area.num * 100n, area.den) : null,
    netPerM2: area && area.num > 0n ? roundDiv(net * area.den, area.num) : null,
  };
}
