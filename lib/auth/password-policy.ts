import { z } from "zod";
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** NIST SP 800-63B style: length and a blocklist, no composition rules. */
export function passwordProblem(pw: string, context: string[] = []): string | null {
  if (pw.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters`;
  if (pw.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
  const lower = pw.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "This password is too common; choose another";
  if (/^(.)\1+$/.test(pw)) return "This password is too easy to guess";
  if ("01234567890123456789".includes(pw) || "98765432109876543210".includes(pw)) return "This password is too easy to guess";
  for (const c of context) {
    if (c && c.length >= 4 && lower.includes(c.toLowerCase())) return "The password must not contain your email or name";
  }
  return null;
}

export const newPasswordSchema = z.string().superRefine((pw, ctx) => {
  const p = passwordProblem(pw);
  if (p) ctx.addIssue({ code: "custom", message: p });
});
