/**
 * Every way a PRRO call can fail: one error class with a typed code (lib/providers/http/errors.ts). The api_token
 * travels in the query string, so the client masks it in everything an error carries (client.ts, redactError).
 */
import { COMMON_MESSAGES, malformedInit, ProviderHttpError, type ErrorMessages, type HttpErrorCode, type ProviderErrorInit } from "@/lib/providers/http/errors";

export type PrroErrorCode = HttpErrorCode;
export type PrroErrorInit = ProviderErrorInit;

/** The document's only method. */
export const TAX_OBJECT = "tax-object";

const MESSAGES: ErrorMessages = {
  ...COMMON_MESSAGES,
  AuthFailed: { en: "the service refused the api_token: check the token generated in the personal cabinet", ru: "сервис ПРРО отклонил api_token: проверьте токен, созданный в личном кабинете" },
  NotFound: { en: "the service knows no cash register with this fiscal number", ru: "сервис не знает кассы с таким фискальным номером" },
};

export class PrroError extends ProviderHttpError {
  readonly provider = "prro" as const;

  constructor(init: ProviderErrorInit) {
    super("PRRO", MESSAGES, init);
    this.name = "PrroError";
  }
}

export function isPrroError(e: unknown, code?: PrroErrorCode): e is PrroError {
  return e instanceof PrroError && (code === undefined || e.code === code);
}

/**
 * A body that is not what the document describes. The message names provider, method and field:
 * "PRRO tax-object: data.shift.totals.real.sum must be whole kopiyky, at most 2 decimals (received number 12.345)".
 */
export function malformed(detail: string, field?: string, retryable = false): PrroError {
  return new PrroError(malformedInit(TAX_OBJECT, detail, field, retryable));
}
