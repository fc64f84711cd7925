import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Db } from "@/db/engine";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { requireActionActor } from "@/lib/auth/session";
import { AppError, fieldErrors, type AppErrorCode } from "@/lib/errors";
import { logUnexpected } from "@/lib/log";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: AppErrorCode; message: string; fields?: Record<string, string[]> } };

/**
 * Every server action: parse → authenticate → authorise (role in the session's organisation) → call.
 * The organisation always comes from the session, never from the input.
 */
export function orgAction<S extends z.ZodType, T>(
  schema: S,
  permission: Permission,
  fn: (args: { input: z.output<S>; actor: Actor; db: Db }) => Promise<T>,
) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const actor = await requireActionActor();
      authorize(actor, permission);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, error: { code: "validation", message: "Check the highlighted fields", fields: fieldErrors(parsed.error.issues) } };
      }
      return { ok: true, data: await fn({ input: parsed.data, actor, db: await getDb() }) };
    } catch (e) {
      return toActionError(e);
    }
  };
}

export function toActionError(e: unknown): ActionResult<never> {
  if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message, fields: e.fields } };
  // Redirects and not-found thrown by next/navigation must propagate.
  if (e && typeof e === "object" && "digest" in e && typeof (e as { digest: unknown }).digest === "string") throw e;
  const ref = logUnexpected("action", e);
  return { ok: false, error: { code: "internal", message: `Something went wrong (ref ${ref})` } };
}
