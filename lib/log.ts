import crypto from "node:crypto";

/** Log an unexpected error with a reference a person can quote; the person sees only the reference. */
export function logUnexpected(where: string, e: unknown): string {
  const ref = crypto.randomBytes(4).toString("hex");
  const err = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e);
  console.error(`[${where}] ref=${ref} ${err}`);
  return ref;
}
