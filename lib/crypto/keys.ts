import "server-only";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/db/engine";
import { generateKey, parseKey, type KeyRing } from "./secret-box";

/**
 * The key ring from the environment. TURNRENT_SECRET_KEY is the current key; TURNRENT_SECRET_KEY_VERSION
 * its version (default 1); TURNRENT_SECRET_KEY_PREVIOUS ("<version>:<key>,…") keeps old keys readable
 * during a rotation. In embedded mode a key is generated into the data directory on first start;
 * with DATABASE_URL (production) the key is required.
 */
export function loadKeyRing(env: NodeJS.ProcessEnv = process.env): KeyRing {
  let keyText = env.TURNRENT_SECRET_KEY;
  let version = Number(env.TURNRENT_SECRET_KEY_VERSION || 1);
  if (!keyText) {
    if (env.DATABASE_URL) throw new Error("TURNRENT_SECRET_KEY is required when DATABASE_URL is set");
    const file = path.join(dataDir(), "secret.key");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ version: 1, key: generateKey() }) + "\n", { mode: 0o600, flag: "wx" });
    }
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as { version: number; key: string; previous?: string };
    keyText = stored.key;
    version = stored.version;
    if (stored.previous && !env.TURNRENT_SECRET_KEY_PREVIOUS) env = { ...env, TURNRENT_SECRET_KEY_PREVIOUS: stored.previous };
  }
  const previous = (env.TURNRENT_SECRET_KEY_PREVIOUS || "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const i = s.indexOf(":");
      if (i < 1) throw new Error("TURNRENT_SECRET_KEY_PREVIOUS entries must be <version>:<key>");
      return { version: Number(s.slice(0, i)), key: parseKey(s.slice(i + 1)) };
    });
  if (!Number.isInteger(version) || version < 1) throw new Error("TURNRENT_SECRET_KEY_VERSION must be a positive integer");
  return { current: { version, key: parseKey(keyText) }, previous };
}

const g = globalThis as unknown as { __turnrentKeys?: KeyRing };
export function getKeyRing(): KeyRing {
  return (g.__turnrentKeys ??= loadKeyRing());
}
export function setKeyRingForTests(ring: KeyRing | undefined) {
  g.__turnrentKeys = ring;
}
