/**
 * Every way a Yandex OFD call can fail: one error class with a typed code (lib/providers/http/errors.ts). No
 * message ever carries a credential.
 */
import { COMMON_MESSAGES, malformedInit, ProviderHttpError, type ErrorMessages, type HttpErrorCode, type ProviderErrorInit } from "@/lib/providers/http/errors";

export type YandexErrorCode = HttpErrorCode;
export type YandexErrorInit = ProviderErrorInit;

const MESSAGES: ErrorMessages = {
  ...COMMON_MESSAGES,
  AuthFailed: { en: "the service refused the keys: check the X-Yandex-Key and X-OFD-Key", ru: "Яндекс ОФД отклонил ключи: проверьте X-Yandex-Key и X-OFD-Key" },
  NotFound: { en: "no such company or cash register for these keys", ru: "компания или касса не найдены для этих ключей" },
};

export class YandexError extends ProviderHttpError {
  readonly provider = "yandex" as const;

  constructor(init: ProviderErrorInit) {
    super("Yandex OFD", MESSAGES, init);
    this.name = "YandexError";
  }
}

export function isYandexError(e: unknown, code?: YandexErrorCode): e is YandexError {
  return e instanceof YandexError && (code === undefined || e.code === code);
}

/**
 * A body that is not what the document describes. The message names provider, method and field:
 * "Yandex OFD docs/aggregations/receipts: data[3].totalSum must be whole kopecks, at most 2 decimals (received number 1234.567)".
 */
export function malformed(method: string, detail: string, field?: string, retryable = false): YandexError {
  return new YandexError(malformedInit(method, detail, field, retryable));
}
