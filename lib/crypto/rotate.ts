import "server-only";
import type { Engine } from "@/db/engine";
import { decryptSecret, encryptSecret, keyFingerprint, keyVersionOf, type KeyRing } from "./secret-box";

/** Every encrypted column in the schema; the AAD context is (org_id, table, id). */
export const ENCRYPTED_COLUMNS = [{ table: "connections", column: "secret_ciphertext", versionColumn: "secret_key_version" }] as const;

/**
 * Re-encrypt every stored secret under ring.current, in one transaction: either every secret moves
 * to the new key or none does. Returns how many were re-encrypted.
 */
export async function reencryptAll(engine: Engine, ring: KeyRing): Promise<number> {
  let count = 0;
  await engine.query("BEGIN");
  try {
    for (const c of ENCRYPTED_COLUMNS) {
      const exists = await engine.query(`select 1 from information_schema.columns where table_name = $1 and column_name = $2`, [c.table, c.column]);
      if (exists.rows.length === 0) continue;
      const rows = await engine.query(`select id::text as id, org_id::text as org_id, ${c.column} as ct from ${c.table} where ${c.column} is not null for update`);
      for (const r of rows.rows as { id: string; org_id: string; ct: string }[]) {
        if (keyVersionOf(r.ct) === ring.current.version) continue;
        const ctx = { orgId: r.org_id, table: c.table, rowId: r.id };
        const next = encryptSecret(ring, ctx, decryptSecret(ring, ctx, r.ct));
        await engine.query(`update ${c.table} set ${c.column} = $1, ${c.versionColumn} = $2 where id = $3`, [next, ring.current.version, r.id]);
        count++;
      }
    }
    await engine.query(`insert into secret_keys (version, fingerprint) values ($1, $2) on conflict (version) do nothing`, [
      ring.current.version,
      keyFingerprint(ring.current.key),
    ]);
    await engine.query(`update secret_keys set retired_at = now() where version <> $1 and retired_at is null`, [ring.current.version]);
    await engine.query("COMMIT");
  } catch (e) {
    await engine.query("ROLLBACK");
    throw e;
  }
  return count;
}
