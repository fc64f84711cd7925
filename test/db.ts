import pg from "pg";
import { openPglite, openPostgres, type Engine, type EngineKind } from "@/db/engine";

/** Engines every database test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const testEngines: EngineKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * A fresh, migrated database. On PostgreSQL each call creates its own database on the server of
 * TEST_DATABASE_URL, so test files run in parallel without seeing each other; close() drops it.
 */
export async function createTestEngine(kind: EngineKind): Promise<Engine> {
  if (kind === "pglite") return openPglite("memory://");
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `turnrent_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const engine = await openPostgres(url.toString());
  return {
    ...engine,
    close: async () => {
      await engine.close();
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
