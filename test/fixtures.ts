import type { Engine } from "@/db/engine";
import { createUser } from "@/db/queries/users";
import { addMembership, createOrganization } from "@/db/queries/members";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password-hash";
import { createApiKey } from "@/lib/orgs/api-keys";

export interface OrgFixture {
  id: string;
  name: string;
  users: Record<Role, { id: string; email: string; actor: Extract<Actor, { kind: "user" }> }>;
  keys: Record<Role, string>;
}

let hashed: Promise<string> | undefined;
export const FIXTURE_PASSWORD = "fixture pass phrase";

/** An organisation with one user and one API key per role, made through the real data layer. */
export async function createOrgFixture(engine: Engine, name: string): Promise<OrgFixture> {
  hashed ??= hashPassword(FIXTURE_PASSWORD);
  const org = await createOrganization(engine.db, name);
  const slug = name.toLowerCase().replace(/\W+/g, "-");
  const users = {} as OrgFixture["users"];
  for (const role of ["owner", "admin", "accountant"] as Role[]) {
    const u = await createUser(engine.db, { email: `${role}@${slug}.test`, passwordHash: await hashed });
    await addMembership(engine.db, org.id, u.id, role);
    users[role] = { id: u.id, email: u.email, actor: { kind: "user", userId: u.id, email: u.email, orgId: org.id, orgName: org.name, role } };
  }
  const keys = {} as OrgFixture["keys"];
  for (const role of ["owner", "admin", "accountant"] as Role[]) {
    keys[role] = (await createApiKey(engine.db, users.owner.actor, { name: `${role} key`, role })).key;
  }
  return { id: org.id, name: org.name, users, keys };
}
