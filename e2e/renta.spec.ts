import { expect, test } from "@playwright/test";
import { authFile } from "./users";

// The e2e server runs the demo's built-in Renta simulator here (scripts/e2e-server.mjs).
const SIMULATOR = "http://127.0.0.1:4311";

test("an owner adds a Renta connection, discovers the mall, syncs a month and sees the turnover", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("otherOwner") });
  const page = await ctx.newPage();
  await page.goto("/connections");
  const form = page.getByRole("form", { name: "Add a connection" });
  await form.getByLabel("Name").fill("Renta main");
  await form.getByLabel("Service address").fill(SIMULATOR);
  await form.getByLabel("OFD.ru login").fill("demo@turnrent.local");
  await form.getByLabel("OFD.ru password").fill("renta-demo-2025");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("connections-table")).toContainText("Renta main");
  await page.getByTestId("connections-table").getByRole("link", { name: "Renta main" }).click();

  await page.getByRole("button", { name: "Discover cabinets, tenants and registers" }).click();
  await expect(page.getByText(/Found 2 cabinet\(s\), \d+ tenants, 250 registers/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("cabinets-table").locator("tbody tr")).toHaveCount(2);

  const sync = page.getByRole("form", { name: "Sync turnover" });
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
  await sync.getByLabel("From").fill(first);
  await sync.getByLabel("To").fill(last);
  await sync.getByRole("button", { name: "Sync turnover" }).click();
  const bar = page.getByRole("progressbar", { name: "Sync progress" });
  await expect(bar).toBeVisible();
  const progress = page.getByTestId("sync-progress");
  await expect(progress).toContainText("Succeeded", { timeout: 90_000 });
  const total = await bar.getAttribute("aria-valuemax");
  expect(Number(total)).toBeGreaterThan(0);
  await expect(bar).toHaveAttribute("aria-valuenow", total!);
  await expect(page.getByTestId("synced-turnover")).toContainText(first.slice(0, 7));

  // The turnover is there for the API too.
  await page.goto("/tenants");
  await expect(page.getByTestId("kkts-table").locator("tbody tr")).toHaveCount(250);
  await ctx.close();
});

test("an accountant cannot see a connection's credentials or change it", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("accountant") });
  const page = await ctx.newPage();
  for (const url of ["/connections", "/connections/00000000-0000-4000-8000-000000000000"]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
  }
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" })).toHaveCount(0);
  expect(await page.content()).not.toContain("renta-demo-2025");
  await ctx.close();
});
