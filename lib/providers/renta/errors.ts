/**
 * Every way a Renta call can fail, as one error class with a typed code. Callers (sync, UI) branch on
 * `code` and `retryable`; people read `message`. No message ever carries the password or the token.
 */
import { COMMON_MESSAGES } from "@/lib/providers/http/errors";

/** The codes the Renta document lists per method, as sent by the service. */
export const DOCUMENTED_CODES = [
  "InnNotFound",
  "KktNotFound",
  "InvalidTimeInterval",
  "TimeIntervalNotPaid",
  "NeedInnAndKpp",
  "RentaNotFound",
  "AccessDenied",
  "DataNotFound",
  "UserAccountNotFound",
  "IncorrectDateSpan",
  "ValidationError",
  "InternalError",
  "RentaAgreementNotFound",
] as const;

export type RentaDocumentedCode = (typeof DOCUMENTED_CODES)[number];

/** Codes the client adds: transport, protocol and local refusals. */
export type RentaClientCode = "Malformed" | "Timeout" | "Http" | "AuthFailed" | "PeriodTooLong" | "UrlTooLong";

export type RentaErrorCode = RentaDocumentedCode | RentaClientCode;

/** The document spells this code as a sentence; everything else is an identifier. */
export const WIRE_NAME: Partial<Record<RentaDocumentedCode, string>> = { NeedInnAndKpp: "Need to add INN and KPP" };

const MESSAGES: Record<RentaErrorCode, { en: string; ru: string }> = {
  InnNotFound: { en: "no organisation with this INN is connected to the account", ru: "для учётной записи не найдена организация" },
  KktNotFound: { en: "no cash register with this number is connected to the account", ru: "для учётной записи не найдена касса с заданным номером" },
  InvalidTimeInterval: { en: "the period is invalid (at most 7 days, start not after end)", ru: "неверно указан временной интервал" },
  TimeIntervalNotPaid: { en: "the period is not paid for in the Renta cabinet", ru: "временной интервал не оплачен" },
  NeedInnAndKpp: { en: "the login has several Renta cabinets: the cabinet's INN and KPP must be given", ru: "в запросе необходимо указать ИНН и КПП кабинета Renta" },
  RentaNotFound: { en: "the Renta cabinet was not found", ru: "не найден ЛК «Renta»" },
  AccessDenied: { en: "the tenant's consent does not cover this register or period", ru: "доступ запрещён: арендатор ограничил выдачу данных распоряжением" },
  DataNotFound: { en: "the requested data were not found", ru: "данные не найдены" },
  UserAccountNotFound: { en: "the user account was not found", ru: "не найден пользователь" },
  IncorrectDateSpan: { en: "the date span is incorrect (at most 7 days, start not after end)", ru: "некорректная дата" },
  ValidationError: { en: "the request lacks register numbers or has invalid parameters", ru: "в запросе отсутствуют значения РНМ" },
  InternalError: { en: "the provider reported an internal error", ru: "неизвестная ошибка" },
  RentaAgreementNotFound: { en: "no Renta agreement was found for this INN", ru: "не найден пользователь по ИНН" },
  Malformed: COMMON_MESSAGES.Malformed,
  Timeout: COMMON_MESSAGES.Timeout,
  Http: COMMON_MESSAGES.Http,
  AuthFailed: { en: "sign-in to OFD.ru failed: check the login and password", ru: "не удалось войти в OFD.ru: проверьте логин и пароль" },
  PeriodTooLong: { en: "a Renta period may span at most 7 days", ru: "период запроса Renta не может превышать 7 дней" },
  UrlTooLong: { en: "too many registers for one request", ru: "слишком много касс в одном запросе" },
};

export interface RentaErrorInit {
  method: string;
  code: RentaErrorCode;
  /** Extra detail for a person (never a secret). */
  detail?: string;
  /** Replaces the whole English message (after "Renta <method>: "). */
  text?: string;
  field?: string;
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  /** The provider's own Error.Code / Error.Message, kept for support tickets. */
  providerCode?: string | number;
  providerMessage?: string;
  cause?: unknown;
}

export class RentaError extends Error {
  readonly provider = "renta" as const;
  readonly method: string;
  readonly code: RentaErrorCode;
  readonly field?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly providerCode?: string | number;
  readonly providerMessage?: string;
  /** The same message in Russian, for the Russian UI. */
  readonly messageRu: string;

  constructor(init: RentaErrorInit) {
    const text = MESSAGES[init.code];
    const detail = init.detail ? `: ${init.detail}` : "";
    super(`Renta ${init.method}: ${init.text ?? text.en + detail}`, { cause: init.cause });
    this.name = "RentaError";
    this.method = init.method;
    this.code = init.code;
    this.field = init.field;
    this.status = init.status;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.providerCode = init.providerCode;
    this.providerMessage = init.providerMessage;
    this.messageRu = `Renta ${init.method}: ${text.ru}${detail}`;
  }
}

export function isRentaError(e: unknown, code?: RentaErrorCode): e is RentaError {
  return e instanceof RentaError && (code === undefined || e.code === code);
}

/** A schema mismatch or unparsable body, with the path of the first bad field. */
export function malformed(method: string, detail: string, field?: string, retryable = false): RentaError {
  // The message names provider, method and field: "Renta kkt-full-data: field Data[0].incomeSumm: expected number".
  const where = field ? `field ${field}: ` : "";
  return new RentaError({ method, code: "Malformed", field, retryable, status: 200, text: where + detail, detail });
}

/**
 * Recognise a documented code in the provider's Error object. The document lists codes by name but
 * shows `Code` as a number, so the name may arrive in Code or at the start of Message.
 */
export function documentedCodeOf(code: unknown, message: unknown): RentaDocumentedCode | undefined {
  for (const raw of [code, message]) {
    if (typeof raw !== "string") continue;
    const s = raw.trim().toLowerCase();
    for (const c of DOCUMENTED_CODES) {
      const names = [c, WIRE_NAME[c]].filter((n): n is string => !!n).map((n) => n.toLowerCase());
      if (names.some((n) => s === n || s.startsWith(n + ":") || s.startsWith(n + " ") || s.startsWith(n + "."))) return c;
    }
  }
  return undefined;
}
