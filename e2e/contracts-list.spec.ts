import { expect, test } from "@playwright/test";
import { authFile } from "./users";

test.use({ storageState: authFile("admin"), locale: "en-US" });

test("an admin finds contracts by tenant, INN or register, and sorts and filters the list", async ({ page }) => {
  await page.goto("/contracts");
  const table = page.getByTestId("contracts-table");
  const count = page.getByTestId("contracts-count");
  const total = Number((await count.textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThanOrEqual(6);
  await expect(count).toHaveText(`${total} of ${total}`);

  const search = page.getByLabel("Search contracts");
  await search.fill("кофейня");
  await expect(count).toHaveText(`1 of ${total}`);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr").first()).toContainText("ООО «Кофейня на Невском»");
  // A register's RNM finds the contract it counts for.
  await search.fill("9000000000000001");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr").first()).toContainText("А-01/");
  await search.fill("нет такого арендатора");
  await expect(table).toContainText("No contract matches.");
  await search.fill("");
  await expect(count).toHaveText(`${total} of ${total}`);

  // Sorted by number, as a person reads numbers; a click on the header reverses it.
  const numberHeader = table.locator("th", { hasText: "Number" });
  await expect(numberHeader).toHaveAttribute("aria-sort", "ascending");
  const first = async () => (await table.locator("tbody tr").first().locator("td").first().textContent())!.trim();
  expect(await first()).toMatch(/^А-01\//);
  await numberHeader.getByRole("button").click();
  await expect(numberHeader).toHaveAttribute("aria-sort", "descending");
  expect(await first()).toMatch(new RegExp(`^А-${String(total).padStart(2, "0")}/|^[^А]`));
  const tenantHeader = table.locator("th", { hasText: "Tenant" });
  await tenantHeader.getByRole("button").click();
  await expect(tenantHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(numberHeader).toHaveAttribute("aria-sort", "none");
  const tenants = (await table.locator("tbody tr td:nth-child(2)").allTextContents()).map((s) => s.trim());
  expect(tenants).toEqual([...tenants].sort(new Intl.Collator("en-US", { numeric: true, sensitivity: "base" }).compare));

  await page.getByLabel("Status").selectOption("ended");
  for (const status of await table.locator("tbody tr td:last-child").allTextContents()) expect(status.trim()).toMatch(/^(Ended|No contract matches\.)$/);
});
