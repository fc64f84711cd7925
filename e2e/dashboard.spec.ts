import { expect, test, type Locator } from "@playwright/test";
import { authFile } from "./users";

test.use({ storageState: authFile("accountant") });

const monthsAgo = (n: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
};
/** "RUB 1,234,567.89" → 123456789n (kopecks), exactly. */
const kopecks = (text: string) => BigInt(text.replace(/[^\d.-]/g, "").replace(".", ""));
const netColumn = async (table: Locator) => (await table.locator("tbody tr td:nth-child(2)").allTextContents()).map(kopecks);

test("the dashboard shows a month's turnover by category and tenant, sortable and searchable, with its rent and a CSV of the same figures", async ({ page, browser, baseURL }) => {
  await page.goto("/dashboard");
  const last = monthsAgo(1);
  await expect(page.getByTestId("dashboard-kpis")).toContainText(`Net turnover, ${last}`);
  await expect(page.getByRole("img", { name: "Net turnover by month" })).toBeVisible();
  await expect(page.getByTestId("by-tenant-table").locator("tbody tr").first()).toContainText(/RUB\s[\d,]+\.\d{2}/);
  expect(await page.getByTestId("by-category-table").locator("tbody tr").count()).toBeGreaterThan(0);
  // The demo's leases run for two more years: none ends within 90 days (the list itself: lib/dashboard/expiring.test.ts).
  await expect(page.getByRole("region", { name: "Leases ending in the next 90 days" })).toContainText("No active lease ends in the next 90 days.");

  // Last month against the same days a year before: the demo's mall has 13 months of history.
  await expect(page.getByTestId("kpi-net-change")).toContainText(`against the same days of ${monthsAgo(13)}`);
  const coffeeRow = page.getByTestId("by-tenant-table").locator("tr", { hasText: "ООО «Кофейня на Невском»" });
  await expect(coffeeRow.locator("td").nth(3)).toHaveText(/^[+−]?\d+\.\d %$/);

  // Another month, chosen in the form and shown throughout. Three months back: the demo's background sync
  // (from the start of the month 31 days ago) never writes there, so its figures hold still while compared.
  // Its statements are computed first, so that each tenant's rent and occupancy cost show.
  const month = monthsAgo(3);
  await page.goto(`/rent/${month}`);
  await page.getByRole("button", { name: "Compute the month" }).click();
  await expect(page.getByRole("status")).toContainText("statements computed");
  await page.goto("/dashboard");
  await page.getByLabel("Month", { exact: true }).fill(month);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?month=${month}$`));
  await expect(page.getByTestId("dashboard-kpis")).toContainText(`Net turnover, ${month}`);
  await expect(page.getByRole("region", { name: `By store category, ${month}` })).toBeVisible();

  // Every tenant with turnover, largest first; a click on the header turns the order round.
  const tenants = page.getByTestId("by-tenant-table");
  const desc = await netColumn(tenants);
  expect(desc.length).toBeGreaterThanOrEqual(6);
  expect(desc).toEqual([...desc].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  await tenants.getByRole("button", { name: "Net turnover" }).click();
  expect(await netColumn(tenants)).toEqual([...desc].reverse());
  await page.getByLabel("Search tenants").fill("кофейня");
  await expect(tenants.locator("tbody tr")).toHaveCount(1);
  await expect(tenants).toContainText("ООО «Кофейня на Невском»");
  await expect(page.getByTestId("by-tenant-count")).toHaveText(`1 of ${desc.length}`);

  // The CSV holds the same tenants, and its net column adds up to the month's net turnover shown above.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("region", { name: `By tenant, ${month}` }).getByRole("link", { name: "Download CSV" }).click()]);
  const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString("utf8");
  expect(csv.startsWith("\uFEFFtenantId;inn;name;income;refunds;net;receipts;days\r\n")).toBe(true);
  const rows = csv.slice(1).trim().split("\r\n").slice(1).map((l) => l.split(";"));
  expect(rows).toHaveLength(desc.length);
  expect(rows.some((r) => r.includes("ООО «Кофейня на Невском»"))).toBe(true);
  const csvNet = rows.reduce((sum, r) => sum + BigInt(r[5].replace(".", "")), 0n);
  expect(csvNet).toBe(desc.reduce((sum, v) => sum + v, 0n));
  expect(csvNet).toBe(kopecks((await page.getByTestId("dashboard-kpis").locator("dd").first().textContent())!));

  // Rent and occupancy cost per tenant: the demo's six contracts have statements now; a year before there was nothing.
  await expect(page.getByTestId("kpi-net-change")).toHaveText(`No turnover in ${monthsAgo(15)} to compare with`);
  const coffee = tenants.locator("tr", { hasText: "ООО «Кофейня на Невском»" });
  await expect(coffee.locator("td").nth(3)).toHaveText("—");
  await expect(coffee.locator("td").nth(4)).toHaveText(/RUB\s[\d,]+\.\d{2}/);
  await expect(coffee.locator("td").nth(5)).toHaveText(/^\d+\.\d %$/);
  const coffeeOcr = (await coffee.locator("td").nth(5).textContent())!;
  const ocrColumn = async () => (await tenants.locator("tbody tr td:nth-child(6)").allTextContents()).map((x) => BigInt(x.replace(/[^\d]/g, "")));
  await tenants.getByRole("button", { name: "Occupancy cost" }).click();
  await expect(tenants.getByRole("columnheader", { name: /Occupancy cost/ })).toHaveAttribute("aria-sort", /ascending|descending/);
  const sortedOcr = await ocrColumn();
  const ascending = [...sortedOcr].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  expect([ascending, [...ascending].reverse()]).toContainEqual(sortedOcr);
  await tenants.getByRole("button", { name: "Occupancy cost" }).click();
  expect(await ocrColumn()).toEqual([...sortedOcr].reverse());

  // One category's tenants: the demo's own tenants have no store, so «No category»; the list, its CSV and the
  // way back.
  const coffeeNetAll = (await coffee.locator("td").nth(1).textContent())!;
  await page.getByTestId("by-category-table").getByRole("link", { name: "No category" }).click();
  await expect(page).toHaveURL(/category=(&|#|$)/);
  await expect(page.getByRole("heading", { name: `By tenant in «No category», ${month}` })).toBeVisible();
  const inCategory = await netColumn(tenants);
  expect(inCategory.length).toBeGreaterThanOrEqual(6);
  expect(inCategory.length).toBeLessThanOrEqual(desc.length);
  await expect(coffee.locator("td").nth(1)).toHaveText(coffeeNetAll);
  const [categoryCsv] = await Promise.all([page.waitForEvent("download"), page.getByRole("region", { name: `By tenant in «No category», ${month}` }).getByRole("link", { name: "Download CSV" }).click()]);
  const categoryLines = Buffer.concat(await (await categoryCsv.createReadStream()).toArray()).toString("utf8").slice(1).trim().split("\r\n").slice(1);
  expect(categoryLines).toHaveLength(inCategory.length);
  await page.getByLabel("Month", { exact: true }).fill(monthsAgo(4));
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: `By tenant in «No category», ${monthsAgo(4)}` })).toBeVisible();
  await page.getByRole("link", { name: "All categories" }).click();
  await expect(page.getByRole("heading", { name: `By tenant, ${monthsAgo(4)}` })).toBeVisible();
  await page.goto(`/dashboard?month=${month}`);

  // The tenant's own page for the month: the same turnover, by register and by day (CSV), and its contract.
  await page.getByLabel("Search tenants").fill("");
  const coffeeNet = (await tenants.locator("tr", { hasText: "ООО «Кофейня на Невском»" }).locator("td").nth(1).textContent())!;
  await tenants.getByRole("link", { name: "ООО «Кофейня на Невском»" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/tenants/[0-9a-f-]{36}\\?month=${month}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ООО «Кофейня на Невском»");
  await expect(page.getByTestId("kpi-net")).toHaveText(coffeeNet);
  await expect(page.getByTestId("kpi-density")).toContainText(/RUB\s[\d,]+\.\d{2}/);
  await expect(page.getByTestId("tenant-kpis")).toContainText("Leased area 64.50 m²");
  await expect(page.getByTestId("tenant-contracts")).toContainText(/А-01\//);
  await expect(page.getByTestId("kpi-ocr")).toHaveText(coffeeOcr);
  const thisMonth = page.getByTestId("tenant-months").locator("tbody tr").first();
  await expect(thisMonth.locator("td").nth(0)).toHaveText(month);
  await expect(thisMonth.locator("td").nth(1)).toHaveText(coffeeNet);
  await expect(thisMonth.locator("td").nth(4)).toHaveText(coffeeOcr);
  await expect(thisMonth.locator("td").nth(5)).toHaveText("0 of 1 issued");
  await expect(page.getByTestId("tenant-months").locator("tbody tr")).toHaveCount(13);
  const registers = await netColumn(page.getByTestId("tenant-registers"));
  expect(registers.reduce((sum, v) => sum + v, 0n)).toBe(kopecks(coffeeNet));
  const [days] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV by day" }).click()]);
  const daily = Buffer.concat(await (await days.createReadStream()).toArray()).toString("utf8").slice(1).trim().split("\r\n");
  expect(daily[0]).toBe("date;income;refunds;net;receipts;days");
  expect(daily.slice(1).every((l) => l.startsWith(`${month}-`))).toBe(true);
  expect(daily.slice(1).reduce((sum, l) => sum + BigInt(l.split(";")[3].replace(".", "")), 0n)).toBe(kopecks(coffeeNet));
  const tenantPage = page.url();

  // Another organisation's owner does not find it.
  const other = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("otherOwner") });
  const otherPage = await other.newPage();
  const res = await otherPage.goto(tenantPage);
  expect(res?.status()).toBe(404);
  await expect(otherPage.getByText("ООО «Кофейня на Невском»")).toHaveCount(0);
  await other.close();

  // A month that cannot be shown is said so next to the field.
  await page.goto("/dashboard?month=2999-01");
  await expect(page.getByLabel("Month", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "Choose a month up to the current one" })).toBeVisible();
});
