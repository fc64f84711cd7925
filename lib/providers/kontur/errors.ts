/**
 * Every way a Kontur.OFD call can fail, as one error class with a typed code. Callers (sync, UI) branch on
 * `code` and `retryable`; people read `message`. No message ever carries the API key or the auth.sid.
 */

export type KonturErrorCode = "AuthFailed" | "NotFound" | "BadRequest" | "Http" | "Timeout" | "Malformed" | "PagingLoop";

const MESSAGES: Record<KonturErrorCode, { en: string; ru: string }> = {
  AuthFailed: { en: "the service refused the credentials: check the API key and auth.sid", ru: "Контур.ОФД отклонил учётные данные: проверьте API-ключ и auth.sid" },
  NotFound: { en: "no such organisation, or the cash register is not one of its cashboxes", ru: "организация не найдена или касса не принадлежит ей" },
  BadRequest: { en: "the request's parameters were refused", ru: "параметры запроса отклонены" },
  Http: { en: "unexpected HTTP response", ru: "неожиданный HTTP-ответ" },
  Timeout: { en: "the provider did not answer in time", ru: "провайдер не ответил вовремя" },
  Malformed: { en: "the response is not in the documented format", ru: "ответ не соответствует документированному формату" },
  PagingLoop: { en: "the service's paging does not come to an end", ru: "постраничная выдача не заканчивается" },
};

export interface KonturErrorInit {
  method: string;
  code: KonturErrorCode;
  /** Extra detail for a person (never a secret), appended to the code's message. */
  detail?: string;
  /** Replaces the whole English message (after "Kontur.OFD <method>: "). */
  text?: string;
  /** Path of the offending field, e.g. "documents[3].receipt.totalSum". */
  field?: string;
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  /** The provider's own error text (secrets masked), kept for support tickets. */
  providerMessage?: string;
  cause?: unknown;
}

export class KonturError extends Error {
  readonly provider = "kontur" as const;
  readonly method: string;
  readonly code: KonturErrorCode;
  readonly field?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly providerMessage?: string;
  /** The same message in Russian, for the Russian UI. */
  readonly messageRu: string;

  constructor(init: KonturErrorInit) {
    const text = MESSAGES[init.code];
    const detail = init.detail ? `: ${init.detail}` : "";
    super(`Kontur.OFD ${init.method}: ${init.text ?? text.en + detail}`, { cause: init.cause });
    this.name = "KonturError";
    this.method = init.method;
    this.code = init.code;
    this.field = init.field;
    this.status = init.status;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.providerMessage = init.providerMessage;
    this.messageRu = `Kontur.OFD ${init.method}: ${text.ru}${detail}`;
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
  const where = field ? `${field} ${detail}` : detail;
  return new KonturError({ method, code: "Malformed", field, retryable, status: 200, text: where, detail: where });
}
