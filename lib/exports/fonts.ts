/**
 * DejaVu Sans for PDFs: the standard PDF fonts have no Cyrillic, ₽ or ₴. The TTFs are read from
 * node_modules by absolute path, so no bundler has to copy them.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

export const PDF_FONT_FAMILY = "DejaVu Sans";

const REL = "node_modules/dejavu-fonts-ttf/ttf";

/**
 * The process's working directory is the app root under vitest, tsx and `next start`; Next's server
 * bundle rewrites import.meta.url, so module resolution is only the fallback (a different cwd).
 */
export function dejavuDir(): string {
  const fromCwd = path.join(process.cwd(), REL);
  if (existsSync(path.join(fromCwd, "DejaVuSans.ttf"))) return fromCwd;
  try {
    const pkg = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json");
    const dir = path.join(path.dirname(pkg), "ttf");
    if (existsSync(path.join(dir, "DejaVuSans.ttf"))) return dir;
  } catch {
    // fall through to the error below, which names the path that was tried
  }
  throw new Error(`DejaVu fonts not found (looked in ${fromCwd}); is dejavu-fonts-ttf installed?`);
}

let registered = false;

/** Idempotent: react-pdf's font registry is process-wide. */
export function registerPdfFonts(): string {
  if (registered) return PDF_FONT_FAMILY;
  const dir = dejavuDir();
  Font.register({
    family: PDF_FONT_FAMILY,
    fonts: [
      { src: path.join(dir, "DejaVuSans.ttf"), fontWeight: "normal" },
      { src: path.join(dir, "DejaVuSans-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  registered = true;
  return PDF_FONT_FAMILY;
}
