import { expect, test, type Locator } from "@playwright/test";
import { authFile } from "./users";

test.use({ storageState: authFile("accountant") });

const lastMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};
/** "RUB 1,234,567.89" → 123456789n (kopecks), exactly; "—" → 0n. */
const kopecks = (text: string) => (/\d/.test(text) ? BigInt(text.replace(/[^\d.-]/g, "").replace(".", "")) : 0n);
const column = async (table: Locator, n: number) => (await table.locator(`tbody tr td:nth-child(${n})`).allTextContents()).map((s) => s.trim());

test("an accountant follows a tenant's register to a day and checks the stored turnover against the day's receipts, down to one receipt's items", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const month = lastMonth();
  // The largest tenant of last month is one of the demo's Renta cabinets (its registers are read from the simulator).
  await page.goto(`/dashboard?month=${month}`);
  await page.getByTestId("by-tenant-table").locator("tbody tr a").first().click();
  await expect(page).toHaveURL(/\/dashboard\/tenants\//);
  const registerRow = page.getByTestId("tenant-registers").locator("tbody tr").first();
  const registerNet = kopecks((await registerRow.locator("td").nth(1).textContent())!);
  await registerRow.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/registers/[0-9a-f-]{36}\\?month=${month}$`));
  const registerUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Register \d{16}$/);
  await expect(page.getByTestId("register-facts")).toContainText("Read from OFD.ru Renta");

  // The demo's background sync pulls last month when the server starts: wait until it has written this register.
  const days = page.getByTestId("register-days-table");
  await expect(async () => {
    await page.goto(registerUrl);
    expect(await days.locator("tbody tr", { hasText: "Stored" }).count()).toBeGreaterThan(20);
  }).toPass({ timeout: 90_000 });
  const states = await column(days, 2);
  expect(states.length).toBeGreaterThanOrEqual(28);
  // The month's net is the sum of its days, and the figure the tenant's page gave for the register.
  const net = kopecks((await page.getByTestId("kpi-net").textContent())!);
  expect((await column(days, 5)).map(kopecks).reduce((a, b) => a + b, 0n)).toBe(net);
  expect(net).toBe(registerNet);
  await expect(page.getByTestId("kpi-missing")).toHaveText(String(states.filter((s) => s === "Missing").length));

  // A stored day, checked against its receipts read live from the provider.
  const stored = days.locator("tbody tr", { hasText: "Stored" }).first();
  const day = (await stored.locator("td").first().textContent())!.trim();
  const dayNet = kopecks((await stored.locator("td").nth(4).textContent())!);
  await stored.getByRole("link", { name: `Check receipts ${day}` }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/registers/[0-9a-f-]{36}/${day}$`));
  await expect(page.getByTestId("check-verdict")).toHaveAttribute("data-verdict", "matches");
  await expect(page.getByTestId("check-verdict")).toContainText("up to the stored turnover, figure by figure");
  const comparison = page.getByTestId("day-comparison");
  await expect(comparison.locator("tr[data-differs]")).toHaveCount(0);
  const incomeReceipts = Number(await comparison.locator('tr[data-field="receipts"] td').nth(2).textContent());
  const refundReceipts = Number(await comparison.locator('tr[data-field="refundReceipts"] td').nth(2).textContent());
  const receipts = page.getByTestId("receipts-table");
  await expect(page.getByTestId("receipts-count")).toHaveText(`${incomeReceipts + refundReceipts} of ${incomeReceipts + refundReceipts}`);
  // Income less refunds, summed from the receipts listed, is the day's stored net turnover.
  const ops = await column(receipts, 2);
  const totals = (await column(receipts, 4)).map(kopecks);
  expect(totals.reduce((a, v, i) => (ops[i].startsWith("Refund") ? a - v : ops[i].startsWith("Income") ? a + v : a), 0n)).toBe(dayNet);
  // In time order; sortable by amount; searchable.
  const times = await column(receipts, 1);
  expect(times).toEqual([...times].sort());
  await receipts.getByRole("button", { name: "Total" }).click();
  const ascending = (await column(receipts, 4)).map(kopecks);
  expect(ascending).toEqual([...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  await page.getByLabel("Search a receipt").fill("refund");
  await expect(page.getByTestId("receipts-count")).toHaveText(`${refundReceipts} of ${incomeReceipts + refundReceipts}`);
  await page.getByLabel("Search a receipt").fill("");

  // One receipt, with its items adding up to its total.
  const first = receipts.locator("tbody tr").first();
  const firstTotal = kopecks((await first.locator("td").nth(3).textContent())!);
  await first.getByRole("link", { name: /^Open / }).click();
  await expect(page).toHaveURL(/\/receipts\/[^/]+\?day=/);
  expect(kopecks((await page.getByTestId("receipt-total").textContent())!)).toBe(firstTotal);
  expect(kopecks((await page.getByTestId("items-total").textContent())!)).toBe(firstTotal);
  expect(await page.getByTestId("receipt-items").locator("tbody tr").count()).toBeGreaterThan(1);
  await page.getByRole("link", { name: `← Receipts of ${day}` }).click();
  await expect(page.getByTestId("check-verdict")).toBeVisible();

  // Another organisation's owner finds nothing at these addresses.
  const other = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("otherOwner") });
  const otherPage = await other.newPage();
  for (const url of [registerUrl, registerUrl.replace(/\?month=.*$/, `/${day}`)]) expect((await otherPage.goto(url))?.status(), url).toBe(404);
  await other.close();
});

test("a register entered by hand shows its days but has no receipts to check", async ({ page }) => {
  const month = lastMonth();
  await page.goto(`/dashboard?month=${month}`);
  await page.getByLabel("Search tenants").fill("Кофейня");
  await page.getByTestId("by-tenant-table").getByRole("link", { name: "ООО «Кофейня на Невском»" }).click();
  await page.getByTestId("tenant-registers").locator("tbody tr a").first().click();
  await expect(page.getByTestId("register-facts")).toContainText("Entered by hand");
  await expect(page.getByTestId("register-days-table").locator("tbody tr", { hasText: "Stored" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /^Check receipts/ })).toHaveCount(0);
  // Asking for it anyway says why, next to nothing stored.
  const url = new URL(page.url());
  await page.goto(`${url.pathname}/${month}-10`);
  await expect(page.getByTestId("check-error")).toHaveText("This register is not read from a provider, so it has no receipts to check");
});

test("an owner finds a day the sync never pulled, pulls it again from the day's page, and the receipts then match", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("owner") });
  const page = await ctx.newPage();
  // Two months back: before the demo's background sync window (it starts with last month).
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
  const day = `${month}-10`;
  await page.goto(`/dashboard?month=${lastMonth()}`);
  await page.getByTestId("by-tenant-table").locator("tbody tr a").first().click();
  await page.getByTestId("tenant-registers").locator("tbody tr a").first().click();
  await expect(page).toHaveURL(/\/dashboard\/registers\/[0-9a-f-]{36}\?month=/);
  const base = page.url().replace(/\?.*$/, "");
  await page.goto(`${base}?month=${month}`);
  const row = page.getByTestId("register-days-table").locator("tbody tr", { hasText: day });
  await expect(row.locator("td").nth(1)).toHaveText("Missing");
  await row.getByRole("link", { name: `Check receipts ${day}` }).click();
  const verdict = page.getByTestId("check-verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "nothingStored");
  await expect(page.getByTestId("day-comparison").locator("tr[data-differs]").first()).toBeVisible();

  // The demo's own background syncs may still hold the connection: a second run is refused until they end (said
  // next to the button), so the owner tries again; the one-day run may then end before its progress is seen,
  // and the check is made afresh.
  await expect(async () => {
    if ((await verdict.getAttribute("data-verdict")) !== "matches") {
      const again = page.getByRole("button", { name: "Pull this day again from the provider" });
      if (await again.isVisible()) await again.click();
    }
    await expect(verdict).toHaveAttribute("data-verdict", "matches", { timeout: 8_000 });
  }).toPass({ timeout: 180_000, intervals: [2_000] });
  await expect(page.getByTestId("day-comparison").locator("tr[data-differs]")).toHaveCount(0);
  await page.goto(`${base}?month=${month}`);
  await expect(page.getByTestId("register-days-table").locator("tbody tr", { hasText: day }).locator("td").nth(1)).toHaveText("Stored");
  await ctx.close();
});

test("the dashboard lists the month's registers with days missing, each leading to its days", async ({ page }) => {
  const month = lastMonth();
  await page.goto(`/dashboard?month=${month}`);
  const section = page.getByRole("region", { name: `Registers with days missing, ${month}` });
  await expect(section).toBeVisible();
  const table = page.getByTestId("missing-registers-table");
  // The demo's registers go silent on days chosen by a hash of the date: some months have none.
  if ((await table.count()) === 0) {
    await expect(page.getByTestId("missing-none")).toBeVisible();
    return;
  }
  const counts = (await table.locator("tbody tr td:nth-child(3)").allTextContents()).map(Number);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  const first = table.locator("tbody tr").first();
  const rnm = (await first.locator("td").first().textContent())!.trim();
  const days = (await first.locator("td").nth(3).textContent())!.split(", ").filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  await page.getByLabel("Search registers").fill(rnm);
  await expect(page.getByTestId("missing-registers-count")).toHaveText(`1 of ${counts.length}`);
  await first.getByRole("link", { name: rnm }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Register ${rnm}`);
  await expect(page.getByTestId("kpi-missing")).toHaveText(String(counts[0]));
  for (const d of days) await expect(page.getByTestId("register-days-table").locator("tbody tr", { hasText: d }).locator("td").nth(1)).toHaveText("Missing");
});

test("an accountant enters a day from the tenant's report and by hand; the hand-entered figures count until removed", async ({ page }) => {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
  await page.goto(`/dashboard?month=${month}`);
  await page.getByLabel("Search tenants").fill("Книжная");
  await page.getByTestId("by-tenant-table").getByRole("link", { name: "ООО «Книжная лавка»" }).click();
  await page.getByTestId("tenant-registers").locator("tbody tr a").first().click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/registers/[0-9a-f-]{36}\\?month=${month}$`));
  // A day with figures already (the demo's registers go silent now and then).
  const day = (await page.getByTestId("register-days-table").locator("tbody tr", { hasText: "Stored" }).nth(10).locator("td").first().textContent())!.trim();
  const row = () => page.getByTestId("register-days-table").locator("tbody tr", { hasText: day });
  const before = kopecks((await row().locator("td").nth(4).textContent())!);
  const monthNet = kopecks((await page.getByTestId("kpi-net").textContent())!);
  const source = (await row().locator("td").nth(6).textContent())!.trim();
  expect(source).not.toBe("");

  const form = page.getByRole("form", { name: "Enter a day's turnover" });
  // Bad input is refused next to the field.
  await form.getByLabel("Day", { exact: true }).fill(day);
  await form.getByLabel("Income", { exact: true }).fill("12 34,5x");
  await form.getByRole("button", { name: "Save the day" }).click();
  await expect(form.getByText("Enter an amount such as 150 000,00")).toBeVisible();

  // The tenant's own report does not outrank the figures already there.
  await form.getByLabel("Income", { exact: true }).fill("99 999,99");
  await form.getByRole("button", { name: "Save the day" }).click();
  await expect(form.getByRole("status")).toHaveText(`Saved the figures for ${day}.`);
  await expect(row().locator("td").nth(6)).toContainText("also stored: Tenant's report");
  expect(kopecks((await row().locator("td").nth(4).textContent())!)).toBe(before);

  // Entered by hand, they count: the day's and the month's net change by the difference, exactly.
  await form.getByLabel("Day", { exact: true }).fill(day);
  await form.getByLabel("Source").selectOption("manual");
  await form.getByLabel("Income", { exact: true }).fill("150 000,50");
  await form.getByLabel("Refunds", { exact: true }).fill("500,25");
  await form.getByRole("button", { name: "Save the day" }).click();
  await expect(row().locator("td").nth(6)).toContainText("Entered by hand");
  await expect(row().locator("td").nth(4)).toHaveText("RUB 149,500.25");
  expect(kopecks((await page.getByTestId("kpi-net").textContent())!)).toBe(monthNet - before + 14_950_025n);

  // Removed, the figures from before count again (the tenant's report stays beside them).
  page.once("dialog", (d) => d.accept());
  await row().getByRole("button", { name: `Remove the figures for ${day} (Entered by hand)` }).click();
  await expect(row().locator("td").nth(6)).toHaveText(`${source}also stored: Tenant's report`);
  expect(kopecks((await page.getByTestId("kpi-net").textContent())!)).toBe(monthNet);
});

test("an accountant imports a tenant's report from a spreadsheet: errors per row first, then the days are there", async ({ page }) => {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
  await page.goto(`/dashboard?month=${month}`);
  await page.getByLabel("Search tenants").fill("Электромир");
  await page.getByTestId("by-tenant-table").getByRole("link", { name: "ООО «Электромир»" }).click();
  await page.getByTestId("tenant-registers").locator("tbody tr a").first().click();
  await expect(page).toHaveURL(/\/dashboard\/registers\/[0-9a-f-]{36}\?month=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Register \d{16}$/);
  const registerUrl = page.url();
  const rnm = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Register ", "").trim();
  await page.getByRole("link", { name: "Import many days from a spreadsheet (tenants' reports)" }).click();
  const upload = page.getByRole("form", { name: "Upload a file" });
  await expect(upload.getByLabel("What the file holds")).toHaveValue("turnover");
  const file = (rows: string[]) => ({ name: "report.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + ["РНМ;Дата;Приход;Возвраты", ...rows].join("\r\n")) });
  const [d1, d2] = [`14.${month.slice(5)}.${month.slice(0, 4)}`, `15.${month.slice(5)}.${month.slice(0, 4)}`];

  await upload.getByLabel("File (.csv or .xlsx, up to 5 MB)").setInputFiles(file([`${rnm};${d1};10 000,00;0`, `${rnm};${d2};abc;0`]));
  await upload.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status")).toContainText("1 row(s) have errors");
  await expect(page.getByTestId("import-preview").locator("tr").nth(2)).toContainText("Enter an amount such as 150 000,00");
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);

  await upload.getByLabel("File (.csv or .xlsx, up to 5 MB)").setInputFiles(file([`${rnm};${d1};10 000,00;0`, `${rnm};${d2};20 000,50;500`]));
  await upload.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status")).toContainText("Every row is valid");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByText("2 rows imported.")).toBeVisible();

  // The tenant's report sits beside the figures already there (it counts only on a day that had none).
  await page.goto(registerUrl);
  for (const day of [`${month}-14`, `${month}-15`])
    await expect(page.getByTestId("register-days-table").locator("tbody tr", { hasText: day }).locator("td").nth(6)).toContainText("Tenant's report");
});

test("a statement's registers lead to their days, and a register's month adds up to what the statement counted", async ({ page }) => {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 4, 1)).toISOString().slice(0, 7);
  await page.goto(`/rent/${month}`);
  await page.getByRole("button", { name: "Compute the month" }).click();
  await expect(page.getByRole("status")).toContainText("statements computed");
  await page.getByLabel("Search contract or tenant").fill("Книжная");
  await page.getByTestId("rent-table").getByRole("link", { name: /А-03\// }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Statement А-03/");
  const line = page.getByTestId("kkt-turnover").locator("tbody tr").first();
  const rnm = (await line.locator("td").first().textContent())!.trim();
  const counted = kopecks((await line.locator("td").nth(4).textContent())!);
  await line.getByRole("link", { name: rnm }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/registers/[0-9a-f-]{36}\\?month=${month}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Register ${rnm}`);
  // The lease covers the whole month and counts net turnover with VAT: the register's month is what it counted.
  expect(kopecks((await page.getByTestId("kpi-net").textContent())!)).toBe(counted);
});

test("an accountant checks a register's whole month against its receipts: every synced day matches", async ({ page }) => {
  test.setTimeout(120_000);
  const month = lastMonth();
  await page.goto(`/dashboard?month=${month}`);
  await page.getByTestId("by-tenant-table").locator("tbody tr a").nth(1).click();
  await expect(page).toHaveURL(/\/dashboard\/tenants\//);
  await page.getByTestId("tenant-registers").locator("tbody tr a").first().click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/registers/[0-9a-f-]{36}\\?month=${month}$`));
  const registerUrl = page.url();
  // Wait for the demo's background sync to have pulled every day of the month for this register.
  await expect(async () => {
    await page.goto(registerUrl);
    await expect(page.getByTestId("kpi-missing")).toHaveText("0", { timeout: 2_000 });
    expect(Number(await page.getByTestId("kpi-days").textContent())).toBeGreaterThanOrEqual(28);
  }).toPass({ timeout: 90_000 });
  await page.getByRole("link", { name: "Check the whole month against receipts" }).click();
  await expect(page).toHaveURL(new RegExp(`/check\\?month=${month}$`));
  const rows = page.getByTestId("month-check").locator("tbody tr");
  const n = await rows.count();
  expect(n).toBeGreaterThanOrEqual(28);
  await expect(page.getByTestId("month-check-summary")).toContainText(`${n} of ${n} days`);
  await expect(page.getByTestId("month-check").locator('tr[data-matches="false"]')).toHaveCount(0);
  // Each day leads to its own check, which agrees.
  await rows.first().getByRole("link").click();
  await expect(page.getByTestId("check-verdict")).toHaveAttribute("data-verdict", "matches");
});
