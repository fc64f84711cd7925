import "server-only";
import { openConfiguredEngine, type Engine } from "./engine";

// One engine per process, opened lazily (never at import or build time) and kept on globalThis
// so that Next's module reloading cannot open a second PGlite on the same directory.
const g = globalThis as unknown as { __turnrentEngine?: Promise<Engine> };

export function getEngine(): Promise<Engine> {
  if (!g.__turnrentEngine) {
    g.__turnrentEngine = openConfiguredEngine().catch((e) => {
      g.__turnrentEngine = undefined;
      throw e;
    });
  }
  return g.__turnrentEngine;
}

export async function getDb() {
  return (await getEngine()).db;
}

/** Tests inject their own engine (memory PGlite or a PostgreSQL test database). */
export function setEngineForTests(engine: Engine | undefined) {
  g.__turnrentEngine = engine ? Promise.resolve(engine) : undefined;
}

/** A process that opened its own engine (the CLI, the worker) shares it with the modules that call getEngine(). */
export const shareEngine = (engine: Engine) => setEngineForTests(engine);
