// Playwright's own Chromium where installed, else the system's; null when there is none.
import fs from "node:fs";

export function findChromium() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const { chromium } = await_import_playwright();
    const p = chromium.executablePath();
    if (p && fs.existsSync(p)) return p;
  } catch {
    /* Playwright's browser is not downloaded here */
  }
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) if (fs.existsSync(p)) return p;
  return null;
}

function await_import_playwright() {
  // Synchronous require keeps this usable from playwright.config and scripts alike.
  const { createRequire } = globalThis.process.getBuiltinModule("node:module");
  return createRequire(import.meta.url)("playwright-core");
}
