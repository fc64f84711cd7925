import type { TurnoverRow } from "@/lib/turnover/report";
import { shareTenths } from "./percent";

export interface TenantOverviewRow {
  tenantId: string;
  name: string;
  inn: string;
  /** Net turnover of the month, and of the same days a year before (null: none then). */
  net: bigint;
  netYearBefore: bigint | null;
  /** (net − a year before) ÷ a year before, in tenths of a per cent (null: nothing to compare with). */
  changeTenths: bigint | null;
  /** Share of the mall's net turnover, in tenths of a per cent. */
  shareTenths: bigint | null;
  /** Σ rent before VAT and Σ total of the tenant's latest statements of the month (null: none computed). */
  rent: bigint | null;
  total: bigint | null;
  /** Rent before VAT ÷ net turnover, in tenths of a per cent (null: no rent or no turnover). */
  occupancyCostTenths: bigint | null;
}

/**
 * The dashboard's tenants for a month: every tenant with turnover or a statement in it, with the same days
 * a year before, its rent and its occupancy cost. Pure: the caller reads the figures.
 */
export function tenantOverview(input: {
  byTenant: TurnoverRow[];
  yearBefore: TurnoverRow[];
  statements: { contractId: string; rent: bigint; total: bigint }[];
  contractTenant: Map<string, string>;
  tenants: { id: string; name: string; inn: string }[];
  /**
   * Each tenant's whole net turnover of the month, when `byTenant` is only part of it (one store category):
   * the occupancy cost compares the rent with all of it. Tenants not in `byTenant` are then not listed.
   */
  wholeNet?: Map<string, bigint>;
}): { rows: TenantOverviewRow[]; net: bigint; netYearBefore: bigint | null; changeTenths: bigint | null } {
  const net = input.byTenant.reduce((s, r) => s + r.net, 0n);
  const netYearBefore = input.yearBefore.length ? input.yearBefore.reduce((s, r) => s + r.net, 0n) : null;
  const before = new Map(input.yearBefore.map((r) => [r.key.tenantId, r.net]));
  const now = new Map(input.byTenant.map((r) => [r.key.tenantId, r.net]));
  const rent = new Map<string, { rent: bigint; total: bigint }>();
  for (const s of input.statements) {
    const tenantId = input.contractTenant.get(s.contractId);
    if (!tenantId) continue;
    const r = rent.get(tenantId) ?? { rent: 0n, total: 0n };
    rent.set(tenantId, { rent: r.rent + s.rent, total: r.total + s.total });
  }
  const rows: TenantOverviewRow[] = [];
  for (const t of input.tenants) {
    if (!now.has(t.id) && (input.wholeNet || !rent.has(t.id))) continue;
    const n = now.get(t.id) ?? 0n;
    const prev = before.get(t.id) ?? null;
    const r = rent.get(t.id) ?? null;
    rows.push({
      tenantId: t.id,
      name: t.name,
      inn: t.inn,
      net: n,
      netYearBefore: prev,
      changeTenths: prev !== null ? shareTenths(n - prev, prev) : null,
      shareTenths: shareTenths(n, net),
      rent: r?.rent ?? null,
      total: r?.total ?? null,
      occupancyCostTenths: r ? shareTenths(r.rent, input.wholeNet?.get(t.id) ?? n) : null,
    });
  }
  return { rows, net, netYearBefore, changeTenths: netYearBefore !== null ? shareTenths(net - netYearBefore, netYearBefore) : null };
}
