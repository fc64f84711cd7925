import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { acquireDirLock, DataDirLockedError } from "./dir-lock";

describe("embedded data directory lock", () => {
  it("lets one process hold the directory; the CLI says so and stops while it is held", () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "turnrent-lock-"));
    const dir = path.join(base, "pglite");
    fs.mkdirSync(dir);
    const release = acquireDirLock(dir);
    try {
      // A second holder in the same machine: refused with the holder's pid.
      fs.writeFileSync(path.join(base, "pglite.lock"), String(process.ppid));
      expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
      fs.writeFileSync(path.join(base, "pglite.lock"), String(process.pid));
      const r = spawnSync("npx", ["tsx", "--conditions=react-server", "cli/index.ts", "db:migrate"], {
        env: { ...process.env, TURNRENT_DATA_DIR: base, DATABASE_URL: "" },
        encoding: "utf8",
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`in use by process ${process.pid}`);
    } finally {
      release();
    }
    expect(fs.existsSync(path.join(base, "pglite.lock"))).toBe(false);
    // A stale lock (its process is gone) is taken over.
    fs.writeFileSync(path.join(base, "pglite.lock"), "999999");
    const again = acquireDirLock(dir);
    again();
  });
});
