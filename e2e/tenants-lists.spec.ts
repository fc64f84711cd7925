import { expect, test, type Locator } from "@playwright/test";
import { authFile } from "./users";

// Entered by hand in the demo mall (lib/demo/mall.ts): tenant 0 has registers 9000000000000001 and …0002,
// tenant 1 has 9000000000000021. The Renta simulator's tenants (lib/providers/renta/simulator/dataset.ts) are
// named `ООО "BRAND"` or `ИП …`, so neither name below matches any of them.
const CAFE = "ООО «Кофейня на Невском»";
const FASHION = "ООО «Модный дом»";

const totalOf = async (count: Locator) => Number((await count.textContent())!.match(/ of (\d+)$/)![1]);
const column = (table: Locator, n: number) => table.locator(`tbody tr td:nth-child(${n})`).allTextContents();

test("an admin searches and sorts the tenants and the cash registers", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile("admin") });
  const page = await ctx.newPage();
  await page.goto("/tenants");

  // Tenants: by name (any case), by INN; nothing matches; cleared.
  const tenants = page.getByTestId("tenants-table");
  const tenantCount = page.getByTestId("tenants-count");
  const total = await totalOf(tenantCount);
  expect(total).toBeGreaterThanOrEqual(6);
  await expect(tenantCount).toHaveText(`${total} of ${total}`);
  await expect(tenants.locator("tbody tr")).toHaveCount(total);
  const search = page.getByRole("searchbox", { name: "Search tenants" });
  // The page may still be hydrating: type again until the list answers.
  await expect(async () => {
    await search.fill("невском");
    await expect(tenantCount).toHaveText(`1 of ${total}`, { timeout: 1_000 });
  }).toPass();
  await expect(tenants.locator("tbody tr")).toHaveCount(1);
  await expect(tenants.locator("tbody tr", { hasText: CAFE })).toBeVisible();
  await expect(tenants.locator("tbody tr", { hasText: FASHION })).toHaveCount(0);
  const inn = (await tenants.locator("tbody tr td:nth-child(2)").first().textContent())!.trim();
  expect(inn).toMatch(/^\d{10}$/);
  await search.fill(inn);
  await expect(tenantCount).toHaveText(`1 of ${total}`);
  await expect(tenants.locator("tbody tr", { hasText: CAFE })).toBeVisible();
  // The row's editor still opens under it while the list is narrowed.
  await tenants.getByRole("button", { name: `Edit tenant ${CAFE}` }).click();
  const editor = page.getByRole("form", { name: `Edit tenant ${CAFE}` });
  await expect(editor.getByLabel("Name")).toHaveValue(CAFE);
  await editor.getByRole("button", { name: "Cancel" }).click();
  await expect(editor).toHaveCount(0);
  await search.fill("нет такого арендатора");
  await expect(tenantCount).toHaveText(`0 of ${total}`);
  await expect(tenants).toContainText("Nothing matches the search.");
  await search.fill("");
  await expect(tenantCount).toHaveText(`${total} of ${total}`);
  await expect(tenants.locator("tbody tr", { hasText: FASHION })).toBeVisible();

  // Sorted by name; a click on the header reverses the order.
  const nameHeader = tenants.getByRole("columnheader", { name: "Name", exact: true });
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(nameHeader).toContainText("▲");
  const names = await column(tenants, 1);
  expect(names).toHaveLength(total);
  expect(names.indexOf(CAFE)).toBeLessThan(names.indexOf(FASHION));
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect(nameHeader).toContainText("▼");
  await expect(tenants.locator("tbody tr").first().locator("td").first()).toHaveText(names[names.length - 1]);
  expect(await column(tenants, 1)).toEqual([...names].reverse());
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(tenants.locator("tbody tr").first().locator("td").first()).toHaveText(names[0]);

  // Registers: by tenant name, by RNM; cleared.
  const kkts = page.getByTestId("kkts-table");
  const kktCount = page.getByTestId("kkts-count");
  const kktTotal = await totalOf(kktCount);
  expect(kktTotal).toBeGreaterThanOrEqual(9);
  const kktSearch = page.getByRole("searchbox", { name: "Search registers" });
  await kktSearch.fill("Невском");
  await expect(kktCount).toHaveText(`2 of ${kktTotal}`);
  await expect(kkts.locator("tbody tr", { hasText: "9000000000000001" })).toContainText(CAFE);
  await expect(kkts.locator("tbody tr", { hasText: "9000000000000002" })).toContainText(CAFE);
  await expect(kkts.locator("tbody tr", { hasText: "9000000000000021" })).toHaveCount(0);
  await kktSearch.fill("9000000000000021");
  await expect(kktCount).toHaveText(`1 of ${kktTotal}`);
  await expect(kkts.locator("tbody tr").first()).toContainText(FASHION);
  await kktSearch.fill("");
  await expect(kktCount).toHaveText(`${kktTotal} of ${kktTotal}`);

  // Sorted by RNM; sorting by tenant groups the registers by name and a second click reverses it.
  const rnmHeader = kkts.getByRole("columnheader", { name: "Registration number (RNM)", exact: true });
  const tenantHeader = kkts.getByRole("columnheader", { name: "Tenant", exact: true });
  await expect(rnmHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(tenantHeader).toHaveAttribute("aria-sort", "none");
  const rnms = await column(kkts, 1);
  expect(rnms).toEqual([...rnms].sort());
  await tenantHeader.getByRole("button").click();
  await expect(tenantHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(rnmHeader).toHaveAttribute("aria-sort", "none");
  const owners = await column(kkts, 2);
  expect(owners.lastIndexOf(CAFE)).toBeLessThan(owners.indexOf(FASHION));
  await tenantHeader.getByRole("button").click();
  await expect(tenantHeader).toHaveAttribute("aria-sort", "descending");
  await expect(tenantHeader).toContainText("▼");
  await expect(kkts.locator("tbody tr").first().locator("td").nth(1)).toHaveText(owners[owners.length - 1]);
  expect(await column(kkts, 2)).toEqual([...owners].reverse());
  await rnmHeader.getByRole("button").click();
  await expect(rnmHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(kkts.locator("tbody tr").first().locator("td").first()).toHaveText(rnms[0]);
  await rnmHeader.getByRole("button").click();
  await expect(rnmHeader).toHaveAttribute("aria-sort", "descending");
  await expect(kkts.locator("tbody tr").first().locator("td").first()).toHaveText(rnms[rnms.length - 1]);
  expect(await column(kkts, 1)).toEqual([...rnms].reverse());
  await ctx.close();
});
