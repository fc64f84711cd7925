#!/usr/bin/env node
// `npm test`: typecheck, lint, unit and integration tests (PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set), then the Playwright suite against a production build.
import { spawnSync } from "node:child_process";
import { findChromium } from "./find-chromium.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit", "-p", "."]],
  ["lint", "npx", ["eslint", ".", "--max-warnings", "0"]],
  ["unit + integration", "npx", ["vitest", "run"]],
  ["build", "npx", ["next", "build"]],
  ["end-to-end", "npx", ["playwright", "test"]],
];

const chromium = findChromium();
if (!chromium) {
  console.error("No Chromium found: install one with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH.");
  process.exit(1);
}
process.env.CHROMIUM_PATH = chromium;
console.log(`[test] database tests on: pglite${process.env.TEST_DATABASE_URL ? " + postgres" : " (set TEST_DATABASE_URL for PostgreSQL too)"}; chromium: ${chromium}`);

for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n[test] ── ${name} ──`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`[test] ${name} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`[test] ${name} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
