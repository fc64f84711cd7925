import { expect, test } from "@playwright/test";
import { authFile } from "./users";

test.use({ storageState: authFile("accountant") });

test("the dashboard shows last month's turnover by category and tenant, and its rent", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-kpis")).toContainText("Net turnover");
  await expect(page.getByRole("img", { name: "Net turnover by month" })).toBeVisible();
  await expect(page.getByTestId("top-tenants").locator("tr").first()).toContainText(/RUB\s[\d,]+\.\d{2}/);
  expect(await page.getByTestId("by-category").locator("tr").count()).toBeGreaterThan(0);
});
