import "server-only";
import type { Db } from "@/db/engine";
import * as cq from "@/db/queries/connections";
import { readConnectionCredentials } from "@/lib/connections/connections";
import { AppError } from "@/lib/errors";
import { YandexClient } from "@/lib/providers/yandex/client";
import { isYandexError } from "@/lib/providers/yandex/errors";
import { dailyTurnover } from "@/lib/providers/yandex/mapping";
import { TURNOVER_TYPES } from "@/lib/providers/yandex/schemas";
import type { ClientTuning } from "./renta-session";
import type { SyncOutcome, SyncRun } from "./run-steps";
import { runWindowedSync } from "./windowed-sync";

export const YANDEX_SOURCE = "yandex:receipts";

/** A Yandex OFD client for a stored connection: keys decrypted here and kept only in the client. */
export async function openYandexClient(db: Db, orgId: string, connectionId: string, tuning: ClientTuning = {}) {
  const connection = await cq.getConnection(db, orgId, connectionId);
  if (!connection) throw new AppError("not_found", "Connection not found");
  const creds = await readConnectionCredentials(db, orgId, connectionId, "yandex");
  if (!creds) throw new AppError("validation", "This connection has no stored X-Yandex-Key and X-OFD-Key; enter them again", { credentials: ["Missing"] });
  const { fetch, timeoutMs, concurrency, maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, now, random } = tuning;
  const client = new YandexClient({ baseUrl: connection.baseUrl, yandexKey: creds.yandexKey, ofdKey: creds.ofdKey, concurrency: concurrency ?? 4, fetch, timeoutMs, maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, now, random });
  return { client, connection };
}

/**
 * Yandex OFD: the receipts report filters by company, so one request stream per company and week covers all of
 * its registers that were added (the others in the report are left out), every page, summed per day.
 */
export async function runYandexSync(db: Db, run: SyncRun, tuning: ClientTuning = {}): Promise<SyncOutcome> {
  const { client } = await openYandexClient(db, run.orgId, run.connectionId, tuning);
  return runWindowedSync(
    db,
    run,
    {
      name: "Yandex OFD",
      source: YANDEX_SOURCE,
      group: (regs) => {
        const byCompany = new Map<string, string[]>();
        for (const r of regs) (byCompany.get(r.companyId) ?? byCompany.set(r.companyId, []).get(r.companyId)!).push(r.rnm);
        return [...byCompany].map(([companyId, rnms]) => ({ key: `company-${companyId}`, companyId, rnms }));
      },
      fetch: async (g, w) => dailyTurnover(g.rnms, await client.receipts({ companyIds: [g.companyId], from: w.from, to: w.to, documentTypes: [...TURNOVER_TYPES] }), w.from, w.to),
      requests: () => client.requests,
      failure: (e) => (isYandexError(e) ? { code: e.code, message: e.message, authFailed: e.code === "AuthFailed" } : null),
    },
    tuning.concurrency,
  );
}
