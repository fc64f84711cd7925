import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "../engine";
import { apiKeys, organizations } from "../schema";
import type { Role } from "@/lib/auth/permissions";

type Q = Db | Tx;

export async function insertApiKey(db: Q, input: { orgId: string; name: string; role: Role; keyHash: string; prefix: string; createdBy: string | null }) {
  const [k] = await db
    .insert(apiKeys)
    .values(input)
    .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  return k;
}

export async function listApiKeys(db: Q, orgId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      role: apiKeys.role,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function findActiveApiKey(db: Q, keyHash: string) {
  const [k] = await db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, orgName: organizations.name, role: apiKeys.role, name: apiKeys.name, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return k;
}

export async function touchApiKey(db: Q, id: string) {
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
}

export async function revokeApiKey(db: Q, orgId: string, id: string) {
  return db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role });
}
