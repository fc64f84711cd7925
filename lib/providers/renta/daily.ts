/**
 * Per-day turnover for many registers over any period with the fewest kkt-full-data requests the
 * API allows: one-day periods (per-day figures need them), as many registers per URL as fit, and
 * only registers whose consent covers the day (others would make the service refuse the request).
 */
import type { RentaClient } from "./client";
import { consentCoversDay, planFullDataRequests, toDailyTurnover, type CashRegister, type DailyTurnover } from "./mapping";
import { fullDataUrl, type CabinetRef } from "./urls";

export interface DailyPull {
  registers: readonly Pick<CashRegister, "rnm" | "consentFrom" | "consentTo">[];
  days: readonly string[];
  cabinet?: CabinetRef;
  signal?: AbortSignal;
}

export async function fetchDailyTurnover(client: RentaClient, pull: DailyPull): Promise<DailyTurnover[]> {
  const byRnm = new Map(pull.registers.map((r) => [r.rnm, r]));
  const baseLength = fullDataUrl(client.origin, { from: "2000-01-01", to: "2000-01-01", rnms: [], token: "0".repeat(32), cabinet: pull.cabinet }).length;
  const plan = planFullDataRequests([...byRnm.keys()], pull.days, client.urlLimit, {
    baseLength,
    covers: (rnm, day) => consentCoversDay(byRnm.get(rnm)!, day),
  });
  const parts = await Promise.all(
    plan.map(async (p) => {
      const rows = await client.kktFullData({ rnms: p.rnms, from: p.day, to: p.day, cabinet: pull.cabinet, signal: pull.signal });
      return rows.map((row) => toDailyTurnover(row, p.day));
    }),
  );
  return parts.flat();
}
