/**
 * What Kontur.OFD's and Yandex OFD's errors share: one class per provider with a typed code, a message that starts
 * "<Provider> <method>: " and names the field, a Russian twin, and never a credential. Callers (sync, UI) branch
 * on `code` and `retryable`; people read `message`.
 */

export type HttpErrorCode = "AuthFailed" | "NotFound" | "BadRequest" | "Http" | "Timeout" | "Malformed" | "PagingLoop";

export type ErrorMessages = Record<HttpErrorCode, { en: string; ru: string }>;

/** The messages every header-authenticated provider uses as they are; each provider adds its own AuthFailed and NotFound. */
export const COMMON_MESSAGES: Omit<ErrorMessages, "AuthFailed" | "NotFound"> = {
  BadRequest: { en: "the request's parameters were refused", ru: "параметры запроса отклонены" },
  Http: { en: "unexpected HTTP response", ru: "неожиданный HTTP-ответ" },
  Timeout: { en: "the provider did not answer in time", ru: "провайдер не ответил вовремя" },
  Malformed: { en: "the response is not in the documented format", ru: "ответ не соответствует документированному формату" },
  PagingLoop: { en: "the service's paging does not come to an end", ru: "постраничная выдача не заканчивается" },
};

export interface ProviderErrorInit {
  method: string;
  code: HttpErrorCode;
  /** Extra detail for a person (never a secret), appended to the code's message. */
  detail?: string;
  /** Replaces the whole English message (after "<Provider> <method>: "). */
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

export abstract class ProviderHttpError extends Error {
  readonly method: string;
  readonly code: HttpErrorCode;
  readonly field?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly providerMessage?: string;
  /** The same message in Russian, for the Russian UI. */
  readonly messageRu: string;

  protected constructor(providerName: string, messages: ErrorMessages, init: ProviderErrorInit) {
    const text = messages[init.code];
    const detail = init.detail ? `: ${init.detail}` : "";
    super(`${providerName} ${init.method}: ${init.text ?? text.en + detail}`, { cause: init.cause });
    this.method = init.method;
    this.code = init.code;
    this.field = init.field;
    this.status = init.status;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.providerMessage = init.providerMessage;
    this.messageRu = `${providerName} ${init.method}: ${text.ru}${detail}`;
  }
}

/** A body that is not what the document describes: the message names the field and what was wrong with it. */
export function malformedInit(method: string, detail: string, field?: string, retryable = false): ProviderErrorInit {
  const where = field ? `${field} ${detail}` : detail;
  return { method, code: "Malformed", field, retryable, status: 200, text: where, detail: where };
}
