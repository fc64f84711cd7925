import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { newPasswordSchema } from "@/lib/auth/password-policy";

export const emailSchema = z.string().trim().toLowerCase().max(320).email("Enter a valid email address");
export const roleSchema = z.enum(ROLES, { message: "Choose owner, admin or accountant" });

export const addMemberSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  name: z.string().trim().max(200).optional(),
  password: newPasswordSchema.optional(),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const inviteMemberSchema = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ userId: z.string().uuid(), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.string().uuid() });
export const revokeInvitationSchema = z.object({ id: z.string().uuid() });

export const acceptInvitationSchema = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().max(200).optional(),
  password: newPasswordSchema,
});

export const createOrgSchema = z.object({
  name: z.string().trim().min(2, "Enter the organisation's name").max(200),
  ownerEmail: emailSchema,
  ownerPassword: newPasswordSchema,
});

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key").max(100),
  role: roleSchema,
});
export const revokeApiKeySchema = z.object({ id: z.string().uuid() });
