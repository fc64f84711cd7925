import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openConfiguredEngine, dataDir, type Engine } from "@/db/engine";
import { DataDirLockedError } from "@/db/dir-lock";
import { findOrganizationByName, getOrganization } from "@/db/queries/members";
import { isRole, ROLES } from "@/lib/auth/permissions";
import { passwordProblem } from "@/lib/auth/password-policy";
import type { Actor } from "@/lib/auth/actor";
import { loadKeyRing } from "@/lib/crypto/keys";
import { reencryptAll } from "@/lib/crypto/rotate";
import { generateKey, parseKey } from "@/lib/crypto/secret-box";
import { demoSignInsText, seedDemo } from "@/lib/demo/seed";
import { stopDemoOfdSimulators } from "@/lib/demo/ofd-demos";
import { stopDemoSimulator } from "@/lib/demo/renta-demo";
import { stopQueue } from "@/lib/jobs/queue";
import { startSyncRun } from "@/lib/sync/runs";
import { runTurnoverSync } from "@/lib/sync/turnover-sync";
import { shareEngine } from "@/db/client";
import { syncErrors, syncRuns } from "@/db/schema";
import { eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { listConnectionDtos } from "@/lib/connections/connections";
import { createApiKey } from "@/lib/orgs/api-keys";
import { addMember, createOrganizationWithOwner } from "@/lib/orgs/members";

const HELP = `Turnrent command line

Usage: npm run cli -- <command> [options]

  org:create --name N --owner-email E --owner-password P   create an organisation and its owner
  user:add --org N --email E --role R [--password P]       add a member (a one-time password is printed when none is given)
  apikey:create --org N --role R [--name K]                create an API key; prints only the key
  db:migrate                                               apply database migrations
  demo:seed                                                create the demo organisation and its sign-ins
  connection:list --org N                                  the organisation's provider connections: id, provider, name, status, base URL
  sync --org N --connection ID --from D --to D             pull a connection's daily turnover for a period (prints progress)
  secrets:rotate [--new-key K]                             re-encrypt every stored secret under a new key
  help                                                     this text

--org takes an organisation's name or id. Roles: ${ROLES.join(", ")}.
With embedded PGlite only one process may open the data directory: stop the app first.`;

class UsageError extends Error {}

function need(values: Record<string, unknown>, ...names: string[]) {
  const missing = names.filter((n) => typeof values[n] !== "string" || !(values[n] as string).trim());
  if (missing.length) throw new UsageError(`missing ${missing.map((m) => "--" + m).join(", ")}`);
}

async function resolveOrg(engine: Engine, ref: string) {
  if (/^[0-9a-f-]{36}$/i.test(ref)) {
    const o = await getOrganization(engine.db, ref);
    if (o) return o;
  }
  const found = await findOrganizationByName(engine.db, ref);
  if (found.length === 0) throw new UsageError(`no organisation named "${ref}"`);
  if (found.length > 1) throw new UsageError(`several organisations are named "${ref}"; pass its id`);
  return found[0];
}

const systemActor = (org: { id: string; name: string }): Actor => ({ kind: "system", orgId: org.id, orgName: org.name, role: "owner", label: "cli" });

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      name: { type: "string" },
      "owner-email": { type: "string" },
      "owner-password": { type: "string" },
      org: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      "new-key": { type: "string" },
      connection: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
    },
  });
  const known = ["org:create", "user:add", "apikey:create", "db:migrate", "demo:seed", "secrets:rotate", "sync", "connection:list"];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}" (try: npm run cli -- help)`);
  if (command === "org:create") need(values, "name", "owner-email", "owner-password");
  if (command === "user:add") need(values, "org", "email", "role");
  if (command === "apikey:create") need(values, "org", "role");
  if (command === "connection:list") need(values, "org");
  if (command === "sync") {
    need(values, "org", "connection", "from", "to");
    for (const k of ["from", "to"] as const) if (!/^\d{4}-\d{2}-\d{2}$/.test(values[k]!)) throw new UsageError(`--${k} must be a date YYYY-MM-DD`);
    if (!/^[0-9a-f-]{36}$/i.test(values.connection!)) throw new UsageError("--connection must be a connection id (a UUID)");
  }
  if (values.role !== undefined && !isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
  for (const p of [values["owner-password"], values.password]) {
    const problem = typeof p === "string" ? passwordProblem(p) : null;
    if (problem) throw new UsageError(`password: ${problem}`);
  }

  const engine = await openConfiguredEngine();
  try {
    switch (command) {
      case "db:migrate":
        console.log(`migrations applied (${engine.kind})`);
        return 0;
      case "demo:seed": {
        shareEngine(engine);
        try {
          const r = await seedDemo(engine.db);
          console.log(r.created ? "demo organisation created" : "demo organisation already exists");
          console.log(demoSignInsText(process.env.PORT || 3000));
        } finally {
          await stopQueue();
          await Promise.all([stopDemoSimulator(), stopDemoOfdSimulators()]);
        }
        return 0;
      }
      case "sync":
        return await syncCommand(engine, values);
      case "connection:list": {
        const org = await resolveOrg(engine, values.org!);
        for (const c of await listConnectionDtos(engine.db, systemActor(org))) console.log([c.id, c.provider, c.name, c.status, c.baseUrl].join("\t"));
        return 0;
      }
      case "org:create": {
        const r = await createOrganizationWithOwner(engine.db, { name: values.name!, ownerEmail: values["owner-email"]!.toLowerCase(), ownerPassword: values["owner-password"]! });
        console.log(`organisation "${r.org.name}" created: ${r.org.id}${r.existingUser ? " (existing user made owner; password unchanged)" : ""}`);
        return 0;
      }
      case "user:add": {
        const org = await resolveOrg(engine, values.org!);
        const r = await addMember(engine.db, systemActor(org), { email: values.email!.toLowerCase(), role: values.role as (typeof ROLES)[number], password: values.password });
        console.log(`${r.email} added to "${org.name}" as ${r.role}`);
        if (r.oneTimePassword) console.log(`one-time password (must be changed at first sign-in): ${r.oneTimePassword}`);
        return 0;
      }
      case "apikey:create": {
        const org = await resolveOrg(engine, values.org!);
        const r = await createApiKey(engine.db, systemActor(org), { name: values.name ?? `cli ${new Date().toISOString().slice(0, 10)}`, role: values.role as (typeof ROLES)[number] });
        process.stdout.write(r.key + "\n");
        return 0;
      }
      case "secrets:rotate":
        return await rotate(engine, values["new-key"]);
    }
    return 1;
  } finally {
    await engine.close();
  }
}

/** Pull turnover in this process, printing progress; non-zero exit unless every request succeeded. */
async function syncCommand(engine: Engine, values: { org?: string; connection?: string; from?: string; to?: string }): Promise<number> {
  shareEngine(engine);
  const org = await resolveOrg(engine, values.org!);
  const run = await startSyncRun(engine.db, systemActor(org), org.id, { connectionId: values.connection!, from: values.from!, to: values.to! }, async () => {});
  console.log(`sync run ${run.id}: ${values.from} – ${values.to}`);
  const started = Date.now();
  const ticker = setInterval(async () => {
    const [r] = await engine.db.select({ done: syncRuns.progressDone, total: syncRuns.progressTotal, requests: syncRuns.requests }).from(syncRuns).where(eq(syncRuns.id, run.id));
    if (r) console.log(`  ${r.done}/${r.total} requests done, ${r.requests} made, ${Math.round((Date.now() - started) / 1000)} s`);
  }, 2000);
  try {
    const out = await runTurnoverSync(engine.db, org.id, run.id);
    const errors = await engine.db.select({ code: syncErrors.code, message: syncErrors.message }).from(syncErrors).where(eq(syncErrors.syncRunId, run.id));
    for (const e of errors.slice(0, 20)) console.error(`  ${e.code}: ${e.message}`);
    console.log(`${out.status}: ${out.done}/${out.total} done, ${out.requests} requests, ${errors.length} error(s), ${Math.round((Date.now() - started) / 1000)} s`);
    return out.status === "succeeded" ? 0 : 1;
  } finally {
    clearInterval(ticker);
  }
}

async function rotate(engine: Engine, newKeyText: string | undefined): Promise<number> {
  const old = loadKeyRing();
  const newKey = newKeyText ?? generateKey();
  const ring = {
    current: { version: old.current.version + 1, key: parseKey(newKey) },
    previous: [old.current, ...(old.previous ?? [])],
  };
  const n = await reencryptAll(engine, ring);
  if (!process.env.TURNRENT_SECRET_KEY && !process.env.DATABASE_URL) {
    // Embedded mode keeps its key in the data directory: replace it once everything is re-encrypted.
    fs.writeFileSync(path.join(dataDir(), "secret.key"), JSON.stringify({ version: ring.current.version, key: newKey }) + "\n", { mode: 0o600 });
    console.log(`re-encrypted ${n} secret(s) under key version ${ring.current.version}; the data directory's key was replaced`);
  } else {
    console.log(`re-encrypted ${n} secret(s) under key version ${ring.current.version}. Now set:`);
    console.log(`  TURNRENT_SECRET_KEY=${newKey}\n  TURNRENT_SECRET_KEY_VERSION=${ring.current.version}`);
  }
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError || (e as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || (e as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      console.error(`error: ${(e as Error).message}\n(see: npm run cli -- help)`);
      process.exit(2);
    }
    if (e instanceof DataDirLockedError || e instanceof AppError) {
      console.error(`error: ${e.message}`);
      process.exit(1);
    }
    console.error(e);
    process.exit(1);
  },
);
