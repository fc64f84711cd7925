import { defineConfig, devices } from "@playwright/test";
// @ts-expect-error plain ESM helper without types
import { findChromium } from "./scripts/find-chromium.mjs";

const PORT = Number(process.env.E2E_PORT || 3210);
const executablePath: string | undefined = process.env.CHROMIUM_PATH || findChromium() || undefined;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-US",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { viewport: devices["Desktop Chrome"].viewport },
    },
  ],
  webServer: {
    // A dedicated port and data directory, so a stale dev server is never reused by mistake.
    command: `node scripts/e2e-server.mjs`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(PORT) },
  },
});
