"use server";
import { revalidatePath } from "next/cache";
import { addMember, changeMemberRole, inviteMember, removeMember, revokeInvitation } from "@/lib/orgs/members";
import { addMemberSchema, changeRoleSchema, inviteMemberSchema, removeMemberSchema, revokeInvitationSchema } from "@/lib/validations/members";
import { orgAction } from "./safe-action";

export const addMemberAction = orgAction(addMemberSchema, "members.manage", async ({ input, actor, db }) => {
  const r = await addMember(db, actor, input);
  revalidatePath("/settings/members");
  return r;
});

export const inviteMemberAction = orgAction(inviteMemberSchema, "members.manage", async ({ input, actor, db }) => {
  const r = await inviteMember(db, actor, input);
  revalidatePath("/settings/members");
  return { id: r.id, path: `/invite/${r.token}`, expiresAt: r.expiresAt.toISOString() };
});

export const changeMemberRoleAction = orgAction(changeRoleSchema, "members.manage", async ({ input, actor, db }) => {
  await changeMemberRole(db, actor, input);
  revalidatePath("/settings/members");
  return null;
});

export const removeMemberAction = orgAction(removeMemberSchema, "members.manage", async ({ input, actor, db }) => {
  await removeMember(db, actor, input.userId);
  revalidatePath("/settings/members");
  return null;
});

export const revokeInvitationAction = orgAction(revokeInvitationSchema, "members.manage", async ({ input, actor, db }) => {
  await revokeInvitation(db, actor, input.id);
  revalidatePath("/settings/members");
  return null;
});
