#!/usr/bin/env node
// The server the Playwright suite drives: a fresh embedded database with the demo organisation,
// a second organisation (for isolation specs) and one whose name is hostile markup, then `next start`.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";

const dir = ".data-e2e";
fs.rmSync(dir, { recursive: true, force: true });
const env = { ...process.env, TURNRENT_DATA_DIR: dir, NEXT_TELEMETRY_DISABLED: "1", TURNRENT_LOGIN_MAX_FAILURES: "5", TURNRENT_DEMO_MONTHS: "1", TURNRENT_DEMO_SIMULATOR_PORT: "4311", TURNRENT_DEMO_KONTUR_PORT: "4312", TURNRENT_DEMO_YANDEX_PORT: "4313", TURNRENT_DEMO_PRRO_PORT: "4314", TURNRENT_PRRO_POLL_CRON: "0 4 * * *" };
const cli = (...args) => {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "cli/index.ts", ...args], { env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
cli("demo:seed");
cli("org:create", "--name", "Other Mall", "--owner-email", "owner@other.test", "--owner-password", "mall two landlord pass");
cli("org:create", "--name", `<script>window.__xss=1</script> =HYPERLINK("http://evil.test","x")`, "--owner-email", "owner@xss.test", "--owner-password", "hostile markup landlord");
cli("user:add", "--org", `<script>window.__xss=1</script> =HYPERLINK("http://evil.test","x")`, "--email", "owner@demo.turnrent.local", "--role", "accountant");

// Everything the server prints is kept, so a spec can prove no secret ever reached the log.
const log = fs.createWriteStream(`${dir}/server.log`, { flags: "a" });
const child = spawn("npx", ["next", "start", "--port", process.env.PORT || "3210", "--hostname", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
child.stdout.on("data", (d) => (process.stdout.write(d), log.write(d)));
child.stderr.on("data", (d) => (process.stderr.write(d), log.write(d)));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
