import "server-only";
import type { Db } from "@/db/engine";
import * as cq from "@/db/queries/connections";
import { readConnectionCredentials } from "@/lib/connections/connections";
import { AppError } from "@/lib/errors";
import { KonturClient } from "@/lib/providers/kontur/client";
import { isKonturError } from "@/lib/providers/kontur/errors";
import { dailyTurnover } from "@/lib/providers/kontur/mapping";
import { TURNOVER_TYPES } from "@/lib/providers/kontur/schemas";
import type { ClientTuning } from "./renta-session";
import type { SyncOutcome, SyncRun } from "./run-steps";
import { runWindowedSync } from "./windowed-sync";

export const KONTUR_SOURCE = "kontur:documents";

/** A Kontur.OFD client for a stored connection: credentials decrypted here and kept only in the client. */
export async function openKonturClient(db: Db, orgId: string, connectionId: string, tuning: ClientTuning = {}) {
  const connection = await cq.getConnection(db, orgId, connectionId);
  if (!connection) throw new AppError("not_found", "Connection not found");
  const creds = await readConnectionCredentials(db, orgId, connectionId, "kontur");
  if (!creds) throw new AppError("validation", "This connection has no stored API key and auth.sid; enter them again", { credentials: ["Missing"] });
  const { fetch, timeoutMs, concurrency, maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, now, random } = tuning;
  const client = new KonturClient({ baseUrl: connection.baseUrl, apiKey: creds.apiKey, sid: creds.sid, concurrency: concurrency ?? 4, fetch, timeoutMs, maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, now, random });
  return { client, connection };
}

/**
 * Kontur.OFD: a request stream per register (the method is per cashbox) and week: its receipt and shift documents,
 * every page, summed per day as Renta's receipts are (lib/turnover/receipts).
 */
export async function runKonturSync(db: Db, run: SyncRun, tuning: ClientTuning = {}): Promise<SyncOutcome> {
  const { client } = await openKonturClient(db, run.orgId, run.connectionId, tuning);
  return runWindowedSync(
    db,
    run,
    {
      name: "Kontur.OFD",
      source: KONTUR_SOURCE,
      group: (regs) => regs.map((r) => ({ key: r.rnm, companyId: r.companyId, rnms: [r.rnm] })),
      fetch: async (g, w) => dailyTurnover(g.rnms[0], await client.documentsByPeriod({ organizationId: g.companyId, rnm: g.rnms[0], from: w.from, to: w.to, types: [...TURNOVER_TYPES] }), w.from, w.to),
      requests: () => client.requests,
      failure: (e) => (isKonturError(e) ? { code: e.code, message: e.message, authFailed: e.code === "AuthFailed" } : null),
    },
    tuning.concurrency,
  );
}
