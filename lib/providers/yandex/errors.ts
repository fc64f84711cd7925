/**
 * Every way a Yandex OFD call can fail, as one error class with a typed code. Callers (sync, UI) branch on
 * `code` and `retryable`; people read `message`. No message ever carries the X-Yandex-Key or X-OFD-Key.
 */

export type YandexErrorCode = "AuthFailed" | "NotFound" | "BadRequest" | "Http" | "Timeout" | "Malformed" | "PagingLoop";

const MESSAGES: Record<YandexErrorCode, { en: string; ru: string }> = {
  AuthFailed: { en: "the service refused the keys: check the X-Yandex-Key and X-OFD-Key", ru: "Яндекс ОФД отклонил ключи: проверьте X-Yandex-Key и X-OFD-Key" },
  NotFound: { en: "no such company or cash register for these keys", ru: "компания или касса не найдены для этих ключей" },
  BadRequest: { en: "the request's parameters were refused", ru: "параметры запроса отклонены" },
  Http: { en: "unexpected HTTP response", ru: "неожиданный HTTP-ответ" },
  Timeout: { en: "the provider did not answer in time", ru: "провайдер не ответил вовремя" },
  Malformed: { en: "the response is not in the documented format", ru: "ответ не соответствует документированному формату" },
  PagingLoop: { en: "the service's paging does not come to an end", ru: "постраничная выдача не заканчивается" },
};

export interface YandexErrorInit {
  method: string;
  code: YandexErrorCode;
  /** Extra detail for a person (never a secret), appended to the code's message. */
  detail?: string;
  /** Replaces the whole English message (after "Yandex OFD <method>: "). */
  text?: string;
  /** Path of the offending field, e.g. "data[3].totalSum". */
  field?: string;
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  /** The provider's own error text (secrets masked), kept for support tickets. */
  providerMessage?: string;
  cause?: unknown;
}

export class YandexError extends Error {
  readonly provider = "yandex" as const;
  readonly method: string;
  readonly code: YandexErrorCode;
  readonly field?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly providerMessage?: string;
  /** The same message in Russian, for the Russian UI. */
  readonly messageRu: string;

  constructor(init: YandexErrorInit) {
    const text = MESSAGES[init.code];
    const detail = init.detail ? `: ${init.detail}` : "";
    super(`Yandex OFD ${init.method}: ${init.text ?? text.en + detail}`, { cause: init.cause });
    this.name = "YandexError";
    this.method = init.method;
    this.code = init.code;
    this.field = init.field;
    this.status = init.status;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.providerMessage = init.providerMessage;
    this.messageRu = `Yandex OFD ${init.method}: ${text.ru}${detail}`;
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
  const where = field ? `${field} ${detail}` : detail;
  return new YandexError({ method, code: "Malformed", field, retryable, status: 200, text: where, detail: where });
}
