import type { StatementRow } from "@/db/queries/statements";
import type { Statement } from "@/lib/rent";

/** JSONB cannot hold bigint: amounts are stored as decimal-integer strings and restored on the way out. */
export function jsonSafe(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (v === null || typeof v !== "object") return v;
  // Plain loops: this runs over every line of every statement of a month (Object.entries made it a hot spot).
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = jsonSafe(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = jsonSafe((v as Record<string, unknown>)[k]);
  return out;
}

export interface StoredLine {
  key: string;
  label: string;
  labelRu: string;
  amount?: string;
  formula: string;
}

export function statementColumns(s: Statement) {
  return {
    turnover: s.turnover,
    baseRent: s.baseRent,
    percentageRent: s.percentageRent,
    rent: s.rent,
    vat: s.vat,
    total: s.total,
    lines: jsonSafe(s.lines) as StoredLine[],
    flags: jsonSafe(s.flags),
    inputs: jsonSafe({ activeDays: s.activeDays, daysInMonth: s.daysInMonth, turnoverByKkt: s.turnoverByKkt, adjustments: s.adjustments, tiers: s.tiers, baseRentMonthly: s.baseRentMonthly, decidedBy: s.decidedBy, vatRate: s.vatRate }),
  };
}

/** The API's statement: money as integers of minor units (bigint here, converted at the JSON edge). */
export function toStatementDto(r: StatementRow) {
  return {
    id: r.id,
    contractId: r.contractId,
    period: r.period,
    status: r.status,
    revision: r.revision,
    currency: r.currency,
    turnover: r.turnover,
    baseRent: r.baseRent,
    percentageRent: r.percentageRent,
    rent: r.rent,
    vat: r.vat,
    total: r.total,
    flags: r.flags as unknown[],
    lines: (r.lines as StoredLine[]).map((l) => ({ ...l, amount: l.amount === undefined ? undefined : BigInt(l.amount) })),
    needsRevision: r.needsRevision,
    reason: r.reason,
    computedAt: r.computedAt.toISOString(),
    issuedAt: r.issuedAt?.toISOString() ?? null,
  };
}
export type StatementDto = ReturnType<typeof toStatementDto>;
