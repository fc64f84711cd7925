#!/usr/bin/env node
// `npm start`: build when no build of this source exists, then serve. The app migrates and seeds
// itself at start (instrumentation), so nothing else opens the embedded database.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT || "3000";

if (!fs.existsSync(".next/BUILD_ID")) {
  console.log("[turnrent] no build found: building (about a minute)…");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn("npx", ["next", "start", "--port", port], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
