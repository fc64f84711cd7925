import "server-only";
import { z } from "zod";
import { defineRoute } from "../handler";
import { roleSchema } from "@/lib/validations/members";

export const meResponse = z.object({
  organization: z.object({ id: z.string().uuid(), name: z.string() }),
  role: roleSchema,
});

export const getMe = defineRoute(
  { method: "GET", path: "/api/v1/me", summary: "The API key's organisation and role", tag: "Core", permission: "org.read", response: meResponse },
  async ({ actor }) => ({ organization: { id: actor.orgId, name: actor.orgName }, role: actor.role }),
);
