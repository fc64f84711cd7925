import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getUserSessionState, listUserMemberships } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { auth } from "./config";
import type { Actor } from "./actor";
import { can, type Permission, type Role } from "./permissions";

export const ORG_COOKIE = "turnrent-org";

export interface SessionContext {
  actor: Extract<Actor, { kind: "user" }>;
  name: string | null;
  locale: string | null;
  mustChangePassword: boolean;
  organizations: { orgId: string; orgName: string; role: Role }[];
}

/**
 * The signed-in user in their current organisation, checked against the database on every request:
 * a bumped session version (sign-out everywhere, demotion, removal) or a lost membership ends access
 * on the next request, whatever the JWT still says.
 */
export const getSessionContext = cache(async (): Promise<SessionContext | null> => {
  const session = (await auth()) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  const db = await getDb();
  const user = await getUserSessionState(db, session.uid);
  if (!user || user.sessionVersion !== session.sv) return null;
  const orgs = await listUserMemberships(db, user.id);
  if (orgs.length === 0) return null;
  const wanted = (await cookies()).get(ORG_COOKIE)?.value;
  // Without a choice, start where the user holds the most rights (owner first), then by name.
  const rank = { owner: 0, admin: 1, accountant: 2 } as const;
  const byRights = [...orgs].sort((a, b) => rank[a.role] - rank[b.role] || a.orgName.localeCompare(b.orgName));
  const current = orgs.find((o) => o.orgId === wanted) ?? byRights[0];
  return {
    actor: { kind: "user", userId: user.id, email: user.email, orgId: current.orgId, orgName: current.orgName, role: current.role },
    name: user.name,
    locale: user.locale,
    mustChangePassword: user.mustChangePassword === 1,
    organizations: orgs,
  };
});

/** For pages: redirect to sign-in when signed out, render 403 when the role lacks the permission. */
export async function requirePageContext(permission?: Permission): Promise<SessionContext> {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/sign-in");
  // A one-time password must be replaced before any work; only the account page (no permission) stays open.
  if (permission && ctx.mustChangePassword) redirect("/account?change=1");
  if (permission && !can(ctx.actor.role, permission)) forbidden();
  return ctx;
}

/** For server actions: the same checks, as errors the action wrapper turns into a result. */
export async function requireActionActor(): Promise<Extract<Actor, { kind: "user" }>> {
  const ctx = await getSessionContext();
  if (!ctx) throw new AppError("unauthenticated", "Your session has ended; sign in again");
  return ctx.actor;
}
