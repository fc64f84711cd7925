import "server-only";
import type { Db } from "@/db/engine";
import { getUserAuthByEmail } from "@/db/queries/users";
import { addMember, createOrganizationWithOwner } from "@/lib/orgs/members";
import type { Actor } from "@/lib/auth/actor";
import { seedDemoMall } from "./mall";
import { PROVIDER_NAMES, type ProviderKind } from "@/lib/validations/connections";
import { seedDemoOfds } from "./ofd-demos";
import { PRRO_DEMO_ORG_NAME, seedDemoPrro } from "./prro-demo";
import { seedDemoRenta } from "./renta-demo";

export const DEMO_ORG_NAME = "ТЦ «Галерея Невский» (демо)";
export const DEMO_USERS = [
  { role: "owner", email: "owner@demo.turnrent.local", password: "galereya-landlord-26" },
  { role: "admin", email: "admin@demo.turnrent.local", password: "galereya-contracts-26" },
  { role: "accountant", email: "accountant@demo.turnrent.local", password: "galereya-ledger-26" },
] as const;

/** The demo organisation and its three sign-ins; does nothing when it already exists. */
export async function seedDemo(db: Db): Promise<{ created: boolean; orgId?: string }> {
  if (await getUserAuthByEmail(db, DEMO_USERS[0].email)) return { created: false };
  const { org, userId } = await createOrganizationWithOwner(db, {
    name: DEMO_ORG_NAME,
    ownerEmail: DEMO_USERS[0].email,
    ownerPassword: DEMO_USERS[0].password,
  });
  const owner: Actor = { kind: "user", userId, email: DEMO_USERS[0].email, orgId: org.id, orgName: org.name, role: "owner" };
  for (const u of DEMO_USERS.slice(1)) await addMember(db, owner, { email: u.email, role: u.role, password: u.password });
  await seedDemoMall(db, owner);
  const renta = await seedDemoRenta(db, owner);
  if (renta) console.log(`[turnrent] demo Renta connection: ${renta.cabinets.length} cabinets, ${renta.tenants} tenants, ${renta.kkts} registers discovered; history from ${renta.from} is being pulled in the background`);
  for (const [name, c] of Object.entries(await seedDemoOfds(db, owner))) {
    if (c) console.log(`[turnrent] demo ${PROVIDER_NAMES[name as ProviderKind]} connection: ${c.tenants} tenants, ${c.registers} registers; history from ${c.from} is being pulled in the background`);
  }
  const prro = await seedDemoPrro(db, DEMO_USERS);
  if (prro) console.log(`[turnrent] demo organisation ${PRRO_DEMO_ORG_NAME}: a PRRO connection with ${prro.registers} registers, polled every few minutes (switch to it from the organisation menu)`);
  return { created: true, orgId: org.id };
}

export function demoSignInsText(port: string | number): string {
  const lines = DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(32)} ${u.password}`);
  return [`Turnrent demo at http://localhost:${port} — sign in as:`, ...lines].join("\n");
}
