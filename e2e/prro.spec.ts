import { expect, test, type Page } from "@playwright/test";
import { extractPdfText } from "../test/pdf-text";
import { authFile } from "./users";

// The e2e server runs the demo's built-in PRRO simulator here (scripts/e2e-server.mjs); the demo's Kyiv mall has a
// PRRO connection holding every register the service knows but the last one, which this spec adds.
const PRRO = "http://127.0.0.1:4314";

async function toKyivMall(page: Page) {
  await page.goto("/dashboard");
  const switcher = page.getByTestId("org-switcher");
  const kyiv = await switcher.locator("option", { hasText: "Фортеця Плаза" }).getAttribute("value");
  await switcher.selectOption(kyiv!);
  await expect(page.getByTestId("welcome")).toContainText("Фортеця Плаза");
}

test("an owner of the Kyiv mall adds a PRRO register by its fiscal number and polls the shifts", async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const { taxObjects } = (await (await request.get(`${PRRO}/__simulator/tax-objects`)).json()) as { taxObjects: { numFiscal: string; tin: string; orgName: string; name: string }[] };
  const free = taxObjects[taxObjects.length - 1];
  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("owner") });
  const page = await ctx.newPage();
  await toKyivMall(page);

  // A PRRO connection needs the service's address and its api_token: each said next to its field.
  await page.goto("/connections");
  const form = page.getByRole("form", { name: "Add a connection" });
  await form.getByLabel("Provider").selectOption("prro");
  await form.getByLabel("Name").fill("PRRO e2e");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(form.getByText("Enter the api_token")).toBeVisible();
  await expect(form.getByText("Enter the PRRO service's API address, e.g. https://api.example.ua")).toBeVisible();
  await expect(page.getByTestId("connections-table")).not.toContainText("PRRO e2e");

  // The demo's connection: its registers with the tax numbers the service gave, then the free one added.
  await page.getByTestId("connections-table").getByRole("link", { name: "ПРРО Cashdesk (демо-симулятор)" }).click();
  await expect(page.getByRole("heading", { name: "Registers pulled from PRRO (Ukraine)" })).toBeVisible();
  const registers = page.getByTestId("connection-registers");
  for (const t of taxObjects.slice(0, -1)) await expect(registers).toContainText(t.numFiscal);
  await expect(registers).not.toContainText(free.numFiscal);
  const add = page.getByRole("form", { name: "Add a register" });
  await add.getByLabel("Fiscal number").fill("0000000003065868");
  await add.getByRole("button", { name: "Add a register" }).click();
  await expect(add.getByText("A PRRO fiscal number is 10 digits")).toBeVisible();
  await add.getByLabel("Fiscal number").fill("4999999990");
  await add.getByRole("button", { name: "Add a register" }).click();
  await expect(add.getByText("The PRRO service knows no register with this fiscal number")).toBeVisible();
  await add.getByLabel("Fiscal number").fill(free.numFiscal);
  await add.getByRole("button", { name: "Add a register" }).click();
  const row = registers.locator("tr", { hasText: free.numFiscal });
  // The service named the register's owner: the tenant was taken from it.
  await expect(row).toContainText(free.tin);
  await expect(row).toContainText(free.orgName);

  // Poll now: the progress runs to its end, and the new register's current shift is listed in hryvnias.
  await page.getByRole("button", { name: "Poll now" }).click();
  await expect(page.getByTestId("sync-progress")).toContainText(/Succeeded|Partly done/, { timeout: 60_000 });
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("prro-shifts")).toContainText(free.numFiscal, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("prro-shifts").locator("tr", { hasText: free.numFiscal }).first()).toContainText("UAH");
  await expect(page.getByText(/ · Poll · /).first()).toBeVisible();

  // The register's page says where its days come from; a PRRO gives no receipts, so there is no check to open.
  await registers.getByRole("link", { name: free.numFiscal }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Register ${free.numFiscal}`);
  await expect(page.getByTestId("register-facts")).toContainText(`(a PRRO service, owner's tax number ${free.tin})`);
  await expect(page.getByRole("link", { name: "Check the whole month against receipts" })).toHaveCount(0);
  await ctx.close();
});

test("an accountant of the Kyiv mall computes this month's hryvnia rent and downloads a statement whose PDF names the PRRO registers", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("accountant") });
  const page = await ctx.newPage();
  await toKyivMall(page);
  const month = new Date().toISOString().slice(0, 7);
  await page.goto(`/rent/${month}`);
  await page.getByRole("button", { name: "Compute the month" }).click();
  await expect(page.getByRole("status")).toContainText("statements computed");
  const table = page.getByTestId("rent-table");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table).toContainText("UAH");
  await table.locator("tbody tr").first().getByRole("link", { name: /^Ф-0\d\// }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Statement Ф-0");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDF" }).click()]);
  const pdf = Buffer.concat(await (await download.createReadStream()).toArray());
  const text = extractPdfText(pdf).join("\n").replace(/[\s\u00a0]+/g, " ");
  expect(text).toContain("ЄДРПОУ");
  expect(text).toContain("Фиск. номер ПРРО");
  expect(text).toContain("₴");
  expect(text).not.toContain("₽");
  await ctx.close();
});
