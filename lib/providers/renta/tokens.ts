/**
 * The AuthToken: one sign-in at a time, shared by all waiting calls, cached until its
 * ExpirationDateUtc (Moscow time, despite the name) minus a margin.
 */
import type { z } from "zod";
import { parseMoscowDateTime } from "./dates";
import { RentaError } from "./errors";
import { parseSuccess } from "./parse";
import { authTokenSchema } from "./schemas";
import type { HttpRequest, Transport } from "./transport";

export interface Token {
  value: string;
  obtainedAt: number;
  expiresAt: number;
}

export interface TokenOptions {
  baseUrl: string;
  login: string;
  password: string;
  now: () => Date;
  marginMs: number;
}

export class TokenKeeper {
  private token?: Token;
  private pending?: Promise<Token>;

  constructor(
    private readonly transport: Transport,
    private readonly o: TokenOptions,
  ) {}

  /** The cached token's text, for masking in messages. */
  get value(): string | undefined {
    return this.token?.value;
  }

  isFresh(t: Token | undefined): t is Token {
    // A short-lived token is still used for half its life even if the margin is longer than that.
    return !!t && this.o.now().getTime() < t.expiresAt - Math.min(this.o.marginMs, (t.expiresAt - t.obtainedAt) / 2);
  }

  /** The newest fresh token: the cached one, else `fallback`, else none. */
  freshest(fallback: Token): Token | undefined {
    return this.isFresh(this.token) ? this.token : this.isFresh(fallback) ? fallback : undefined;
  }

  /** Forget the cached token (only if it is `t`, when given: another call may have renewed it). */
  invalidate(t?: Token): void {
    if (!t || this.token === t) this.token = undefined;
  }

  async current(signal?: AbortSignal): Promise<Token> {
    signal?.throwIfAborted();
    if (this.isFresh(this.token)) return this.token;
    // Shared by every waiting call, so no single caller's abort signal may cancel it.
    this.pending ??= this.signIn().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async signIn(): Promise<Token> {
    const m = "CreateAuthToken";
    const req: HttpRequest = {
      url: `${this.o.baseUrl}/api/Authorization/CreateAuthToken`,
      init: { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ Login: this.o.login, Password: this.o.password }) },
    };
    let data: z.output<typeof authTokenSchema>;
    try {
      data = await this.transport.retrying((n) => this.transport.send(m, () => req, (b) => parseSuccess(m, b, authTokenSchema), n));
    } catch (e) {
      // A refusal of the credentials is AuthFailed, whatever status or code the service chose.
      if (e instanceof RentaError && !e.retryable && (e.code === "AuthFailed" || [400, 401, 403].includes(e.status ?? 0))) {
        throw new RentaError({ method: m, code: "AuthFailed", status: e.status, providerCode: e.providerCode, providerMessage: e.providerMessage });
      }
      throw e;
    }
    const obtainedAt = this.o.now().getTime();
    let expiresAt = parseMoscowDateTime(data.ExpirationDateUtc)!.getTime();
    // An expiry already past means our clock and the service's disagree: use the token for a
    // minute and let a 401 decide, rather than signing in before every request.
    if (expiresAt <= obtainedAt + 2_000) expiresAt = obtainedAt + 60_000;
    this.token = { value: data.AuthToken, obtainedAt, expiresAt };
    return this.token;
  }
}
