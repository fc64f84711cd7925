import { defineConfig } from "drizzle-kit";

// Generation only: migrations are applied by the app itself (db/migrate.ts), never by drizzle-kit
// against a live PGlite directory (one writer per directory).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
