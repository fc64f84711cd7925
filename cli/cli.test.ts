import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPglite } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { createConnection } from "@/lib/connections/connections";
import { setKeyRingForTests } from "@/lib/crypto/keys";
import { startRentaSimulator, type RentaSimulator } from "@/lib/providers/renta/simulator/server";
import { discoverConnection } from "@/lib/sync/discovery";

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

describe("sync from the command line, against the Renta simulator over a socket", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "turnrent-cli-sync-"));
  const key = crypto.randomBytes(32);
  let sim: RentaSimulator;
  let env: NodeJS.ProcessEnv;
  let connectionId = "";
  // Asynchronous: the simulator answers from this process while the CLI runs.
  const run = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn("npx", ["tsx", "--conditions=react-server", "cli/index.ts", ...args], { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  const stored = async () => {
    const engine = await openPglite(path.join(dir, "pglite"), { migrate: false });
    try {
      return (await engine.query("select count(*)::int as n, coalesce(sum(income), 0)::text as income from turnover_daily")).rows[0];
    } finally {
      await engine.close();
    }
  };

  beforeAll(async () => {
    sim = await startRentaSimulator({ port: 0, dataset: { seed: 11, cabinets: 1, tenants: 4, kkts: 8, from: "2026-01-01", to: "2026-03-31" } });
    env = { ...process.env, TURNRENT_DATA_DIR: dir, DATABASE_URL: "", TURNRENT_SECRET_KEY: key.toString("hex"), TURNRENT_PROVIDER_URL_ALLOWLIST: sim.url, TURNRENT_DEMO: "0" };
    const created = await run("org:create", "--name", "Sync CLI Mall", "--owner-email", "owner@sync-cli.test", "--owner-password", "copper lantern meadow 42");
    expect(created.status, created.stderr).toBe(0);
    // The owner's connection, added and discovered as the app does it (the CLI is closed meanwhile: one writer).
    process.env.TURNRENT_PROVIDER_URL_ALLOWLIST = sim.url;
    setKeyRingForTests({ current: { version: 1, key } });
    const engine = await openPglite(path.join(dir, "pglite"), { migrate: false });
    try {
      const [org] = (await engine.query("select id::text as id from organizations where name = 'Sync CLI Mall'")).rows as { id: string }[];
      const owner: Actor = { kind: "system", orgId: org.id, orgName: "Sync CLI Mall", role: "owner", label: "test" };
      connectionId = (await createConnection(engine.db, owner, { provider: "renta", name: "Renta", baseUrl: sim.url, credentials: { login: sim.login, password: sim.password } })).id;
      expect((await discoverConnection(engine.db, owner, connectionId)).kkts).toBe(8);
    } finally {
      await engine.close();
    }
  }, 120_000);
  afterAll(async () => {
    setKeyRingForTests(undefined);
    await sim?.close();
  });

  it("lists the organisation's connections with their ids, and no secret", async () => {
    const r = await run("connection:list", "--org", "Sync CLI Mall");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${connectionId}\trenta\tRenta\tok\t${sim.url}\n`);
  }, 60_000);

  it("pulls a period, prints the outcome and exits 0; the same period again adds nothing", async () => {
    const r = await run("sync", "--org", "Sync CLI Mall", "--connection", connectionId, "--from", "2026-03-01", "--to", "2026-03-03");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^sync run [0-9a-f-]{36}: 2026-03-01 – 2026-03-03$/m);
    expect(r.stdout).toMatch(/^succeeded: (\d+)\/\1 done, \d+ requests, 0 error\(s\)/m);
    const first = await stored();
    expect(Number(first.n)).toBeGreaterThan(0);
    const again = await run("sync", "--org", "Sync CLI Mall", "--connection", connectionId, "--from", "2026-03-01", "--to", "2026-03-03");
    expect(again.status, again.stderr).toBe(0);
    expect(await stored()).toEqual(first);
  }, 120_000);

  it("exits non-zero and names the provider's error when the provider refuses", async () => {
    const before = await stored();
    sim.setFaults({ refuseWith: { error: "AccessDenied", path: "kkt-full-data" } });
    try {
      const r = await run("sync", "--org", "Sync CLI Mall", "--connection", connectionId, "--from", "2026-03-10", "--to", "2026-03-10");
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^failed: /m);
      expect(r.stderr).toMatch(/AccessDenied: Renta kkt-full-data/);
      expect(r.stdout + r.stderr).not.toContain(sim.password);
    } finally {
      sim.setFaults({ refuseWith: undefined });
    }
    expect(await stored()).toEqual(before);
  }, 120_000);

  it.each([
    [["sync", "--org", "Sync CLI Mall", "--connection", "not-an-id", "--from", "2026-03-01", "--to", "2026-03-02"], /--connection must be a connection id/],
    [["sync", "--org", "Sync CLI Mall", "--connection", "00000000-0000-4000-8000-000000000000", "--from", "2026-3-1", "--to", "2026-03-02"], /--from must be a date YYYY-MM-DD/],
    [["sync", "--org", "Sync CLI Mall", "--from", "2026-03-01", "--to", "2026-03-02"], /missing --connection/],
  ])("refuses %j", async (args, message) => {
    const r = await run(...(args as string[]));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
  }, 60_000);

  it("refuses a connection id that is not the organisation's", async () => {
    const r = await run("sync", "--org", "Sync CLI Mall", "--connection", "00000000-0000-4000-8000-000000000000", "--from", "2026-03-01", "--to", "2026-03-02");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not found/i);
  }, 60_000);
});
