/**
 * Every way a Kontur.OFD call can fail: one error class with a typed code (lib/providers/http/errors.ts). No
 * message ever carries a credential.
 */
import { COMMON_MESSAGES, malformedInit, ProviderHttpError, type ErrorMessages, type HttpErrorCode, type ProviderErrorInit } from "@/lib/providers/http/errors";

export type KonturErrorCode = HttpErrorCode;
export type KonturErrorInit = ProviderErrorInit;

const MESSAGES: ErrorMessages = {
  ...COMMON_MESSAGES,
  AuthFailed: { en: "the service refused the credentials: check the API key and auth.sid", ru: "Контур.ОФД отклонил учётные данные: проверьте API-ключ и auth.sid" },
  NotFound: { en: "no such organisation, or the cash register is not one of its cashboxes", ru: "организация не найдена или касса не принадлежит ей" },
};

export class KonturError extends ProviderHttpError {
  readonly provider = "kontur" as const;

  constructor(init: ProviderErrorInit) {
    super("Kontur.OFD", MESSAGES, init);
    this.name = "KonturError";
  }
}

export function isKonturError(e: unknown, code?: KonturErrorCode): e is KonturError {
  return e instanceof KonturError && (code === undefined || e.code === code);
}

/**
 * A body that is not what the document describes. The message names provider, method and field:
 * "Kontur.OFD documents/by-period: documents[3].receipt.totalSum must be an integer number of kopecks".
 */
export function malformed(method: string, detail: string, field?: string, retryable = false): KonturError {
  return new KonturError(malformedInit(method, detail, field, retryable));
}
