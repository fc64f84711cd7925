import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Db } from "@/db/engine";
import { fieldErrors } from "@/lib/errors";
import { toActionError, type ActionResult } from "./safe-action";

/** Actions that run before there is a session (sign-in, accepting an invitation): parse → call. */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (args: { input: z.output<S>; db: Db }) => Promise<T>) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, error: { code: "validation", message: "Check the highlighted fields", fields: fieldErrors(parsed.error.issues) } };
      }
      return { ok: true, data: await fn({ input: parsed.data, db: await getDb() }) };
    } catch (e) {
      return toActionError(e);
    }
  };
}
