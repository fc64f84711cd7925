import { expect, test } from "@playwright/test";
import { authFile } from "./users";

// The e2e server runs the demo's built-in Kontur.OFD simulator here (scripts/e2e-server.mjs); the demo connection
// holds every register of its organisations but the last one's last register, which this spec adds.
const SIMULATOR = "http://127.0.0.1:4312";
const KEY = "5f0c2b8e-7d41-4a9c-b3e6-1d2a9f8c4e70";
const SID = "6A1F0C3E9B27D4855E0F7A1C2B3D4E5F60718293A4B5C6D7E8F9011A2B3C";

test("an owner adds a Kontur.OFD connection and a register, syncs a week, and the register's days match its Kontur receipts", async ({ browser, baseURL, request }) => {
  test.setTimeout(150_000);
  const { organizations } = (await (await request.get(`${SIMULATOR}/__simulator/organizations`)).json()) as { organizations: { id: string; inn: string; name: string; rnms: string[] }[] };
  const org = organizations[organizations.length - 1];
  const rnm = org.rnms[org.rnms.length - 1];
  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("owner") });
  const page = await ctx.newPage();
  await page.goto("/connections");
  // The demo's own Kontur connection is listed by its provider.
  await expect(page.getByTestId("connections-table").locator("tr", { hasText: "Контур.ОФД (демо-симулятор)" })).toContainText("Kontur.OFD");

  const form = page.getByRole("form", { name: "Add a connection" });
  await form.getByLabel("Provider").selectOption("kontur");
  await form.getByLabel("Name").fill("Kontur e2e");
  await form.getByLabel("Service address").fill(SIMULATOR);
  await form.getByRole("button", { name: "Add connection" }).click();
  // Missing credentials are said next to their fields, and nothing is added.
  await expect(form.getByText("Enter the Kontur.OFD API key")).toBeVisible();
  await expect(form.getByText("Enter the auth.sid")).toBeVisible();
  await form.getByLabel("API key (X-Kontur-Ofd-ApiKey)").fill(KEY);
  await form.getByLabel("Session (auth.sid)").fill(SID);
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("connections-table")).toContainText("Kontur e2e");
  expect(await page.content()).not.toContain(SID);
  await page.getByTestId("connections-table").getByRole("link", { name: "Kontur e2e" }).click();
  await expect(page.getByRole("heading", { name: "Registers pulled from Kontur.OFD" })).toBeVisible();

  // A wrong register number is said next to the field; then the organisation's free register is added.
  const add = page.getByRole("form", { name: "Add a register" });
  await add.getByLabel("Register (RNM)").fill("12345");
  await add.getByLabel("Kontur organisation id").fill(org.id);
  await add.getByLabel("Tenant").selectOption({ label: `${org.name} · ${org.inn}` });
  await add.getByRole("button", { name: "Add a register" }).click();
  await expect(add.getByText("The registration number (RNM) is 16 digits")).toBeVisible();
  await add.getByLabel("Register (RNM)").fill(rnm);
  await add.getByRole("button", { name: "Add a register" }).click();
  await expect(page.getByTestId("connection-registers")).toContainText(rnm);

  // Sync the last full week.
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1)).toISOString().slice(0, 10);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 7)).toISOString().slice(0, 10);
  const sync = page.getByRole("form", { name: "Sync turnover" });
  await sync.getByLabel("From").fill(from);
  await sync.getByLabel("To").fill(to);
  await sync.getByRole("button", { name: "Sync turnover" }).click();
  const progress = page.getByTestId("sync-progress");
  await expect(progress).toContainText("Succeeded", { timeout: 90_000 });
  await expect(page.getByRole("progressbar", { name: "Sync progress" })).toHaveAttribute("aria-valuemax", /^[1-9]/);

  // A session expires: the owner enters a new one (a missing field is said next to it); the old one is never shown.
  const replace = page.getByRole("form", { name: "Replace the credentials" });
  await replace.getByLabel("API key (X-Kontur-Ofd-ApiKey)").fill(KEY);
  await replace.getByRole("button", { name: "Replace the credentials" }).click();
  await expect(replace.getByText("Enter the auth.sid")).toBeVisible();
  await replace.getByLabel("Session (auth.sid)").fill(SID);
  await replace.getByRole("button", { name: "Replace the credentials" }).click();
  await expect(replace.getByText("Credentials replaced")).toBeVisible();
  expect(await page.content()).not.toContain(SID);

  // The register's month: its days read from Kontur.OFD; a day checked against its receipts matches.
  await page.getByTestId("connection-registers").getByRole("link", { name: rnm }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Register ${rnm}`);
  await expect(page.getByTestId("register-facts")).toContainText(`Read from Kontur e2e (Kontur.OFD organisation ${org.id})`);
  await page.goto(`${page.url().split("?")[0]}?month=${to.slice(0, 7)}`);
  const stored = page.getByTestId("register-days-table").locator("tbody tr", { hasText: "Stored" });
  expect(await stored.count()).toBeGreaterThan(0);
  await stored.last().getByRole("link").first().click();
  await expect(page.getByTestId("check-verdict")).toHaveAttribute("data-verdict", "matches", { timeout: 30_000 });
  // A receipt opens with its items (read from the day's documents), which add up to its total.
  await page.getByTestId("receipts-table").locator("tbody tr").first().getByRole("link", { name: /^Open / }).click();
  const total = (await page.getByTestId("receipt-total").textContent())!;
  await expect(page.getByTestId("items-total")).toHaveText(total);
  const registerPage = page.url().replace(/\/receipts\/.*$/, "");

  // The owner removes the connection (after a confirmation): it leaves the list; the register keeps its days.
  await page.goto("/connections");
  await page.getByTestId("connections-table").getByRole("link", { name: "Kontur e2e" }).click();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Remove the connection" }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expect(page.getByTestId("connections-table")).not.toContainText("Kontur e2e");
  await page.goto(`${registerPage}?month=${to.slice(0, 7)}`);
  expect(await page.getByTestId("register-days-table").locator("tbody tr", { hasText: "Stored" }).count()).toBeGreaterThan(0);
  await ctx.close();
});

test("the demo's Yandex OFD connection pulls its companies' registers, and an accountant checks one of their days against the receipts", async ({ browser, baseURL, request }) => {
  test.setTimeout(150_000);
  const { companies } = (await (await request.get("http://127.0.0.1:4313/__simulator/companies")).json()) as { companies: { id: string; name: string; rnms: string[] }[] };
  const owner = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("owner") });
  const page = await owner.newPage();
  await page.goto("/connections");
  await page.getByTestId("connections-table").getByRole("link", { name: "Яндекс ОФД (демо-симулятор)" }).click();
  await expect(page.getByRole("heading", { name: "Registers pulled from Yandex OFD" })).toBeVisible();
  const registers = page.getByTestId("connection-registers");
  for (const c of companies) await expect(registers).toContainText(c.id);
  // The demo's background sync of last month finishes (a request per company and week).
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/ · Succeeded · /).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  const first = registers.locator("tbody tr").first();
  const rnm = (await first.locator("td").first().textContent())!.trim();
  const company = (await first.locator("td").nth(1).textContent())!.trim();
  expect(companies.map((c) => c.id)).toContain(company);
  await owner.close();

  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("accountant") });
  const acc = await ctx.newPage();
  await acc.goto("/tenants");
  await acc.getByLabel("Search registers").fill(rnm);
  await acc.getByTestId("kkts-table").getByRole("link", { name: rnm }).click();
  await expect(acc).toHaveURL(/\/dashboard\/registers\/[0-9a-f-]{36}/);
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  await acc.goto(`${acc.url().split("?")[0]}?month=${month}`);
  await expect(acc.getByTestId("register-facts")).toContainText(`(Yandex OFD organisation ${company})`);
  const stored = acc.getByTestId("register-days-table").locator("tbody tr", { hasText: "Stored" });
  expect(await stored.count()).toBeGreaterThan(20);
  await stored.nth(5).getByRole("link").first().click();
  await expect(acc.getByTestId("check-verdict")).toHaveAttribute("data-verdict", "matches", { timeout: 30_000 });
  await ctx.close();
});
