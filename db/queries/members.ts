import "server-only";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { invitations, memberships, organizations, users } from "../schema";
import type { Role } from "@/lib/auth/permissions";

type Q = Db | Tx;

export async function createOrganization(db: Q, name: string, currency: "RUB" | "UAH" = "RUB") {
  const [o] = await db.insert(organizations).values({ name, currency }).returning({ id: organizations.id, name: organizations.name });
  return o;
}

/** The currency an organisation's turnover is in (its dashboards show it). */
export async function organizationCurrency(db: Q, orgId: string): Promise<"RUB" | "UAH"> {
  const [o] = await db.select({ currency: organizations.currency }).from(organizations).where(eq(organizations.id, orgId));
  return o?.currency === "UAH" ? "UAH" : "RUB";
}

export async function getOrganization(db: Q, orgId: string) {
  const [o] = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  return o;
}

export async function findOrganizationByName(db: Q, name: string) {
  return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.name, name));
}

export async function listMembers(db: Q, orgId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(users.email);
}

export async function addMembership(db: Q, orgId: string, userId: string, role: Role) {
  await db.insert(memberships).values({ orgId, userId, role });
}

export async function setMemberRole(db: Q, orgId: string, userId: string, role: Role) {
  return db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
}

export async function removeMembership(db: Q, orgId: string, userId: string) {
  return db
    .delete(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
}

export async function countOwners(db: Q, orgId: string) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  return Number(r.n);
}

export async function createInvitation(
  db: Q,
  input: { orgId: string; email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date },
) {
  const [i] = await db.insert(invitations).values(input).returning({ id: invitations.id, expiresAt: invitations.expiresAt });
  return i;
}

export async function listPendingInvitations(db: Q, orgId: string) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)))
    .orderBy(desc(invitations.createdAt));
}

export async function getInvitationByTokenHash(db: Q, tokenHash: string) {
  const [i] = await db
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      orgName: organizations.name,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, tokenHash));
  return i;
}

export async function markInvitationAccepted(db: Q, id: string) {
  await db.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, id));
}

export async function revokeInvitation(db: Q, orgId: string, id: string) {
  return db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id, email: invitations.email });
}
