"use server";
import { cookies } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { getDb } from "@/db/client";
import { bumpSessionVersion, getUserAuthByEmail, setUserLocale, setUserPassword } from "@/db/queries/users";
import { signIn, signOut } from "@/lib/auth/config";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { ORG_COOKIE, getSessionContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/orgs/members";
import { acceptInvitationSchema } from "@/lib/validations/members";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/locale";
import { publicAction } from "./public-action";
import { toActionError, type ActionResult } from "./safe-action";

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
});

export const signInAction = publicAction(signInSchema, async ({ input }) => {
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (code === "throttled") throw new AppError("throttled", "Too many failed attempts. Wait a few minutes and try again.");
      throw new AppError("unauthenticated", "Wrong email or password", { password: ["Wrong email or password"] });
    }
    throw e;
  }
  return { redirectTo: "/dashboard" };
});

export async function signOutAction(input: { everywhere?: boolean } = {}): Promise<void> {
  const ctx = await getSessionContext();
  if (ctx && input.everywhere) await bumpSessionVersion(await getDb(), ctx.actor.userId);
  await signOut({ redirectTo: "/sign-in" });
}

export async function switchOrganizationAction(input: { orgId: string }): Promise<ActionResult<null>> {
  try {
    const ctx = await getSessionContext();
    if (!ctx) throw new AppError("unauthenticated", "Sign in again");
    // Only an organisation the user belongs to can be selected; the cookie is a preference, checked on every request.
    if (!ctx.organizations.some((o) => o.orgId === input.orgId)) throw new AppError("not_found", "Organisation not found");
    (await cookies()).set(ORG_COOKIE, input.orgId, { httpOnly: true, sameSite: "lax", path: "/", secure: process.env.NODE_ENV === "production" && process.env.AUTH_URL?.startsWith("https") });
    return { ok: true, data: null };
  } catch (e) {
    return toActionError(e);
  }
}

export async function setLocaleAction(input: { locale: string }): Promise<ActionResult<null>> {
  try {
    const locale = z.enum(LOCALES).parse(input.locale);
    (await cookies()).set(LOCALE_COOKIE, locale, { sameSite: "lax", path: "/", maxAge: 365 * 86400 });
    const ctx = await getSessionContext();
    if (ctx) await setUserLocale(await getDb(), ctx.actor.userId, locale);
    return { ok: true, data: null };
  } catch (e) {
    return toActionError(e);
  }
}

const changePasswordSchema = z
  .object({ current: z.string().min(1, "Enter your current password"), password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match" });

export async function changePasswordAction(raw: z.input<typeof changePasswordSchema>): Promise<ActionResult<null>> {
  try {
    const ctx = await getSessionContext();
    if (!ctx) throw new AppError("unauthenticated", "Sign in again");
    const parsed = changePasswordSchema.safeParse(raw);
    if (!parsed.success) {
      const { fieldErrors } = await import("@/lib/errors");
      return { ok: false, error: { code: "validation", message: "Check the highlighted fields", fields: fieldErrors(parsed.error.issues) } };
    }
    const db = await getDb();
    const user = await getUserAuthByEmail(db, ctx.actor.email);
    if (!user || !(await verifyPassword(user.passwordHash, parsed.data.current))) {
      throw new AppError("validation", "The current password is wrong", { current: ["The current password is wrong"] });
    }
    await setUserPassword(db, user.id, await hashPassword(parsed.data.password));
    // The version bump ends every other session; sign this one in again with the new password.
    await signIn("credentials", { email: user.email, password: parsed.data.password, redirect: false });
    return { ok: true, data: null };
  } catch (e) {
    return toActionError(e);
  }
}

export const acceptInvitationAction = publicAction(acceptInvitationSchema, async ({ input, db }) => {
  const r = await acceptInvitation(db, input);
  await signIn("credentials", { email: r.email, password: input.password, redirect: false });
  return { redirectTo: "/dashboard" };
});
