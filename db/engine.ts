import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema";
import { acquireDirLock } from "./dir-lock";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type EngineKind = "pglite" | "postgres";

export interface Engine {
  kind: EngineKind;
  db: Db;
  /** Raw SQL for tools that need a plain driver (pg-boss, benchmarks). */
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.TURNRENT_DATA_DIR || ".data");
}

// node-postgres returns int8 as strings by default; money is bigint, so parse int8 exactly.
pg.types.setTypeParser(20, (v: string) => BigInt(v));

export async function openPostgres(url: string, opts: { migrate?: boolean } = {}): Promise<Engine> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE || 10) });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool replaces it.
  pool.on("error", (e) => console.warn(`[turnrent] postgres connection lost: ${e.message}`));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  if (opts.migrate !== false) await migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
  return {
    kind: "postgres",
    db,
    pool,
    query: async (text, params) => {
      const r = await pool.query(text, params as unknown[]);
      return { rows: r.rows };
    },
    close: () => pool.end(),
  };
}

/** Open PGlite at a directory (with an exclusive lock) or in memory ("memory://"). */
export async function openPglite(location: string, opts: { migrate?: boolean } = {}): Promise<Engine> {
  let release: (() => void) | undefined;
  if (!location.startsWith("memory://")) {
    fs.mkdirSync(location, { recursive: true });
    release = acquireDirLock(location);
  }
  try {
    const client = await PGlite.create(location.startsWith("memory://") ? undefined : location);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    if (opts.migrate !== false) await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    return {
      kind: "pglite",
      db,
      pglite: client,
      query: async (text, params) => {
        const r = await client.query<Record<string, unknown>>(text, params as unknown[]);
        return { rows: r.rows };
      },
      close: async () => {
        await client.close();
        release?.();
      },
    };
  } catch (e) {
    release?.();
    throw e;
  }
}

/** The configured engine: PostgreSQL when DATABASE_URL is set, else embedded PGlite in the data directory. */
export function openConfiguredEngine(opts: { migrate?: boolean } = {}): Promise<Engine> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url, opts);
  return openPglite(path.join(dataDir(), "pglite"), opts);
}
