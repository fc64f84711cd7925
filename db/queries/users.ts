import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { memberships, organizations, users } from "../schema";
import type { Role } from "@/lib/auth/permissions";

type Q = Db | Tx;

export async function getUserAuthByEmail(db: Q, email: string) {
  const [u] = await db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return u;
}

export async function getUserSessionState(db: Q, userId: string) {
  const [u] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      sessionVersion: users.sessionVersion,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.id, userId));
  return u;
}

export async function listUserMemberships(db: Q, userId: string) {
  return db
    .select({ orgId: memberships.orgId, orgName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name);
}

export async function createUser(db: Q, input: { email: string; name?: string | null; passwordHash: string; mustChangePassword?: boolean }) {
  const [u] = await db
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name ?? null,
      passwordHash: input.passwordHash,
      mustChangePassword: input.mustChangePassword ? 1 : 0,
    })
    .returning({ id: users.id, email: users.email });
  return u;
}

export async function setUserPassword(db: Q, userId: string, passwordHash: string) {
  await db
    .update(users)
    .set({ passwordHash, mustChangePassword: 0, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** Invalidate every session of the user on their next request. */
export async function bumpSessionVersion(db: Q, userId: string) {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}

export async function setUserLocale(db: Q, userId: string, locale: string) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function getMembership(db: Q, orgId: string, userId: string) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return m as { role: Role } | undefined;
}
