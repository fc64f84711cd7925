import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";

// `npm audit` cannot reach its service here; instead the installed versions must stay at or above
// the patched floors of ../shared/ECOSYSTEM.md.
const FLOORS: Record<string, string> = { next: "16.3.3", react: "19.2.6", "react-dom": "19.2.6", "next-auth": "5.0.0-beta.32" };

function installed(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules", name, "package.json"), "utf8")).version;
}

/** Compare semver including pre-release tags like beta.32 (numeric parts compared as numbers). */
export function compareVersions(a: string, b: string): number {
  const [ma, pa] = a.split("-", 2);
  const [mb, pb] = b.split("-", 2);
  const na = ma.split(".").map(Number);
  const nb = mb.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (na[i] !== nb[i]) return na[i] - nb[i];
  if (!pa && !pb) return 0;
  if (!pa) return 1;
  if (!pb) return -1;
  const xa = pa.split(".");
  const xb = pb.split(".");
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    if (xa[i] === undefined) return -1;
    if (xb[i] === undefined) return 1;
    const da = /^\d+$/.test(xa[i]);
    const db = /^\d+$/.test(xb[i]);
    const c = da && db ? Number(xa[i]) - Number(xb[i]) : xa[i].localeCompare(xb[i]);
    if (c !== 0) return c;
  }
  return 0;
}

describe("security floors", () => {
  it.each(Object.entries(FLOORS))("%s is at or above %s", (name, floor) => {
    expect(compareVersions(installed(name), floor)).toBeGreaterThanOrEqual(0);
  });

  it("next-auth is pinned to an exact version", () => {
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    expect(pkg.dependencies["next-auth"]).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
  });

  it("compares pre-releases correctly", () => {
    expect(compareVersions("5.0.0-beta.31", "5.0.0-beta.32")).toBeLessThan(0);
    expect(compareVersions("5.0.0-beta.100", "5.0.0-beta.32")).toBeGreaterThan(0);
    expect(compareVersions("5.0.0", "5.0.0-beta.32")).toBeGreaterThan(0);
    expect(compareVersions("19.3.1", "19.2.6")).toBeGreaterThan(0);
  });
});
