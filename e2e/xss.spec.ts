import { expect, test } from "@playwright/test";
import { authFile } from "./users";

test.use({ storageState: authFile("owner") });

test("hostile names render as text, never as markup or formulas", async ({ page }) => {
  await page.goto("/dashboard");
  const switcher = page.getByTestId("org-switcher");
  await expect(switcher).toBeVisible();
  const hostile = switcher.locator("option", { hasText: "<script>" });
  await expect(hostile).toHaveCount(1);
  const value = await hostile.getAttribute("value");
  await switcher.selectOption(value!);
  await expect(page.getByTestId("welcome")).toContainText('<script>window.__xss=1</script> =HYPERLINK("http://evil.test","x")');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('a[href="http://evil.test"]')).toHaveCount(0);
  // Back to the demo organisation for the specs that follow.
  const demo = await switcher.locator("option", { hasText: "Галерея" }).getAttribute("value");
  await switcher.selectOption(demo!);
  await expect(page.getByTestId("welcome")).toContainText("Галерея");
});
