import { AppError } from "@/lib/errors";
import { can, type Permission, type Role } from "./permissions";

/** Who is calling, and in which organisation: from the session or the API key, never from a request body. */
export type Actor =
  | { kind: "user"; userId: string; email: string; orgId: string; orgName: string; role: Role }
  | { kind: "apikey"; keyId: string; name: string; orgId: string; orgName: string; role: Role }
  | { kind: "system"; orgId: string; orgName: string; role: Role; label: string };

export function actorLabel(a: Actor): string {
  if (a.kind === "user") return a.email;
  if (a.kind === "apikey") return `API key "${a.name}"`;
  return a.label;
}

export function actorUserId(a: Actor): string | null {
  return a.kind === "user" ? a.userId : null;
}

/** The one authorisation check: throws 403 unless the actor's role holds the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new AppError("forbidden", "Your role does not allow this");
  }
}
