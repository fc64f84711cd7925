import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "turnrent-cli-"));
const cli = (...args: string[]) =>
  spawnSync("npx", ["tsx", "--conditions=react-server", "cli/index.ts", ...args], {
    env: { ...process.env, TURNRENT_DATA_DIR: dataDir, DATABASE_URL: "", TURNRENT_SECRET_KEY: "" },
    encoding: "utf8",
  });

describe("command line", () => {
  it("creates an organisation, adds a member, and prints only the API key on stdout", () => {
    expect(cli("org:create", "--name", "CLI Mall", "--owner-email", "Boss@CLI.test", "--owner-password", "cli owner passphrase").status).toBe(0);
    const add = cli("user:add", "--org", "CLI Mall", "--email", "acc@cli.test", "--role", "accountant");
    expect(add.status).toBe(0);
    expect(add.stdout).toMatch(/one-time password .*: \S{10,}/);
    const key = cli("apikey:create", "--org", "CLI Mall", "--role", "admin", "--name", "bi");
    expect(key.status).toBe(0);
    expect(key.stdout).toMatch(/^trk_[\w-]{40,}\n$/);
  }, 60_000);

  it.each([
    [["user:add", "--org", "CLI Mall", "--email", "x@y.z", "--role", "boss"], /--role must be one of owner, admin, accountant/],
    [["org:create", "--name", "X"], /missing --owner-email, --owner-password/],
    [["org:create", "--name", "X", "--owner-email", "a@b.c", "--owner-password", "short"], /password: Use at least 10/],
    [["apikey:create", "--org", "No Such Mall", "--role", "admin"], /no organisation named "No Such Mall"/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["org:create", "--nmae", "X"], /Unknown option '--nmae'/],
  ])("refuses %j with a clear message and a non-zero exit", (args, message) => {
    const r = cli(...(args as string[]));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
  }, 30_000);

  it("prints help", () => {
    const r = cli("help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("secrets:rotate");
  });
});
