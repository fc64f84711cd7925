import "server-only";
import type { Db } from "@/db/engine";
import * as cq from "@/db/queries/connections";
import { readConnectionCredentials } from "@/lib/connections/connections";
import { AppError } from "@/lib/errors";
import { RentaClient, type RentaClientOptions } from "@/lib/providers/renta/client";
import { isKonturError } from "@/lib/providers/kontur/errors";
import { isPrroError } from "@/lib/providers/prro/errors";
import { isYandexError } from "@/lib/providers/yandex/errors";
import { isRentaError } from "@/lib/providers/renta/errors";
import { PROVIDER_NAMES, type ProviderKind } from "@/lib/validations/connections";

export type ClientTuning = Partial<Omit<RentaClientOptions, "baseUrl" | "login" | "password">>;

/** A Renta client for a stored connection: credentials decrypted here and kept only in the client. */
export async function openRentaClient(db: Db, orgId: string, connectionId: string, tuning: ClientTuning = {}) {
  const connection = await cq.getConnection(db, orgId, connectionId);
  if (!connection) throw new AppError("not_found", "Connection not found");
  if (connection.provider !== "renta") throw new AppError("conflict", `This is a ${PROVIDER_NAMES[connection.provider as ProviderKind] ?? connection.provider} connection: only OFD.ru Renta has cabinets to discover and receipts to read here`);
  const creds = await readConnectionCredentials(db, orgId, connectionId);
  if (!creds) throw new AppError("validation", "This connection has no stored login and password; enter them again", { credentials: ["Missing"] });
  const client = new RentaClient({ baseUrl: connection.baseUrl, login: creds.login, password: creds.password, concurrency: 4, ...tuning });
  return { client, connection };
}

/** A provider failure as an error for a person: the client's message already names provider, method and field. */
export function providerError(e: unknown): AppError {
  if (isRentaError(e) || isKonturError(e) || isYandexError(e) || isPrroError(e)) return new AppError("provider", e.message);
  if (e instanceof AppError) return e;
  return new AppError("provider", "The provider could not be reached");
}
