import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db/engine";
import * as q from "@/db/queries/members";
import { bumpSessionVersion, createUser, getMembership, getUserAuthByEmail } from "@/db/queries/users";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password-hash";
import { passwordProblem } from "@/lib/auth/password-policy";
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** A one-time password for a directly created member; they must change it at first sign-in. */
export function generateOneTimePassword(): string {
  return crypto.randomBytes(12).toString("base64url");
}

export async function createOrganizationWithOwner(db: Db, input: { name: string; ownerEmail: string; ownerPassword: string; currency?: "RUB" | "UAH" }) {
  const problem = passwordProblem(input.ownerPassword, [input.ownerEmail.split("@")[0]]);
  if (problem) throw new AppError("validation", problem, { ownerPassword: [problem] });
  const passwordHash = await hashPassword(input.ownerPassword);
  return db.transaction(async (tx) => {
    const org = await q.createOrganization(tx, input.name, input.currency);
    const existing = await getUserAuthByEmail(tx, input.ownerEmail);
    const user = existing ?? (await createUser(tx, { email: input.ownerEmail, passwordHash }));
    await q.addMembership(tx, org.id, user.id, "owner");
    const actor: Actor = { kind: "system", orgId: org.id, orgName: org.name, role: "owner", label: "system" };
    await recordAudit(tx, actor, { action: "organization.created", entityType: "organization", entityId: org.id, after: { name: org.name, owner: input.ownerEmail } });
    return { org, userId: user.id, existingUser: !!existing };
  });
}

/** Owner adds a member directly; a new user gets the given password or a one-time one to change. */
export async function addMember(db: Db, actor: Actor, input: { email: string; role: Role; name?: string; password?: string }) {
  authorize(actor, "members.manage");
  const oneTime = input.password ? undefined : generateOneTimePassword();
  const passwordHash = await hashPassword(input.password ?? oneTime!);
  return db.transaction(async (tx) => {
    const user = await getUserAuthByEmail(tx, input.email);
    if (user && (await getMembership(tx, actor.orgId, user.id))) {
      throw new AppError("conflict", "This person is already a member", { email: ["Already a member"] });
    }
    const created = !user;
    const userId = user?.id ?? (await createUser(tx, { email: input.email, name: input.name, passwordHash, mustChangePassword: !!oneTime })).id;
    await q.addMembership(tx, actor.orgId, userId, input.role);
    await recordAudit(tx, actor, { action: "member.added", entityType: "membership", entityId: userId, after: { email: input.email, role: input.role } });
    return { userId, email: input.email, role: input.role, oneTimePassword: created ? oneTime : undefined };
  });
}

export async function inviteMember(db: Db, actor: Actor, input: { email: string; role: Role }, now = new Date()) {
  authorize(actor, "members.manage");
  const token = crypto.randomBytes(24).toString("base64url");
  return db.transaction(async (tx) => {
    const existing = await getUserAuthByEmail(tx, input.email);
    if (existing && (await getMembership(tx, actor.orgId, existing.id))) {
      throw new AppError("conflict", "This person is already a member", { email: ["Already a member"] });
    }
    const inv = await q.createInvitation(tx, {
      orgId: actor.orgId,
      email: input.email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: actor.kind === "user" ? actor.userId : (null as unknown as string),
      expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
    });
    await recordAudit(tx, actor, { action: "member.invited", entityType: "invitation", entityId: inv.id, after: { email: input.email, role: input.role } });
    return { id: inv.id, token, expiresAt: inv.expiresAt };
  });
}

export async function describeInvitation(db: Db, token: string, now = new Date()) {
  const inv = await q.getInvitationByTokenHash(db, sha256(token));
  if (!inv || inv.revokedAt || inv.acceptedAt) return { state: "invalid" as const };
  if (inv.expiresAt.getTime() <= now.getTime()) return { state: "expired" as const };
  return { state: "valid" as const, orgName: inv.orgName, email: inv.email, role: inv.role };
}

export async function acceptInvitation(db: Db, input: { token: string; password: string; name?: string }, now = new Date()) {
  const inv = await q.getInvitationByTokenHash(db, sha256(input.token));
  if (!inv || inv.revokedAt || inv.acceptedAt) throw new AppError("not_found", "This invitation is not valid");
  if (inv.expiresAt.getTime() <= now.getTime()) throw new AppError("conflict", "This invitation has expired; ask for a new one");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await getUserAuthByEmail(tx, inv.email);
    if (existing) throw new AppError("conflict", "An account with this email exists; sign in and ask the owner to add you");
    const user = await createUser(tx, { email: inv.email, name: input.name, passwordHash });
    await q.addMembership(tx, inv.orgId, user.id, inv.role);
    await q.markInvitationAccepted(tx, inv.id);
    const actor: Actor = { kind: "user", userId: user.id, email: user.email, orgId: inv.orgId, orgName: inv.orgName, role: inv.role };
    await recordAudit(tx, actor, { action: "member.joined", entityType: "membership", entityId: user.id, after: { email: user.email, role: inv.role } });
    return { email: user.email };
  });
}

export async function revokeInvitation(db: Db, actor: Actor, id: string) {
  authorize(actor, "members.manage");
  return db.transaction(async (tx) => {
    const [inv] = await q.revokeInvitation(tx, actor.orgId, id);
    if (!inv) throw new AppError("not_found", "Invitation not found");
    await recordAudit(tx, actor, { action: "member.invitation_revoked", entityType: "invitation", entityId: id, before: { email: inv.email } });
  });
}

export async function changeMemberRole(db: Db, actor: Actor, input: { userId: string; role: Role }) {
  authorize(actor, "members.manage");
  return db.transaction(async (tx) => {
    const before = await getMembership(tx, actor.orgId, input.userId);
    if (!before) throw new AppError("not_found", "Member not found");
    if (before.role === "owner" && input.role !== "owner" && (await q.countOwners(tx, actor.orgId)) <= 1) {
      throw new AppError("conflict", "An organisation needs at least one owner", { role: ["Keep at least one owner"] });
    }
    await q.setMemberRole(tx, actor.orgId, input.userId, input.role);
    // A demotion must bite on the member's next request, not when their token expires.
    await bumpSessionVersion(tx, input.userId);
    await recordAudit(tx, actor, { action: "member.role_changed", entityType: "membership", entityId: input.userId, before, after: { role: input.role } });
  });
}

export async function removeMember(db: Db, actor: Actor, userId: string) {
  authorize(actor, "members.manage");
  return db.transaction(async (tx) => {
    const before = await getMembership(tx, actor.orgId, userId);
    if (!before) throw new AppError("not_found", "Member not found");
    if (before.role === "owner" && (await q.countOwners(tx, actor.orgId)) <= 1) {
      throw new AppError("conflict", "An organisation needs at least one owner");
    }
    await q.removeMembership(tx, actor.orgId, userId);
    await bumpSessionVersion(tx, userId);
    await recordAudit(tx, actor, { action: "member.removed", entityType: "membership", entityId: userId, before });
  });
}
