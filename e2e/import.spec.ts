import { expect, test } from "@playwright/test";
import { authFile } from "./users";

test.use({ storageState: authFile("admin") });

test("an admin imports premises from CSV: per-row errors first, nothing saved until all rows are valid", async ({ page }) => {
  await page.goto("/contracts");
  await page.getByRole("link", { name: "Import from a file" }).click();
  await expect(page).toHaveURL(/\/contracts\/import$/);
  const upload = page.getByRole("form", { name: "Upload a file" });
  const file = (rows: string[]) => ({ name: "units.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + ["Код;Площадь;Этаж", ...rows].join("\r\n")) });

  await upload.getByLabel("File (.csv or .xlsx, up to 5 MB)").setInputFiles(file(["5-01;33,40;5", "5-02;abc;5", "5-01;20;5"]));
  await upload.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(page.getByRole("status")).toContainText("2 row(s) have errors");
  await expect(preview.locator("tr", { hasText: "5-02" })).toContainText("areaM2");
  await expect(preview.locator("tr").nth(3)).toContainText("Same code as line 2");
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);

  await upload.getByLabel("File (.csv or .xlsx, up to 5 MB)").setInputFiles(file(["5-01;33,40;5", "5-02;41;5"]));
  await upload.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status")).toContainText("Every row is valid");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByText("2 rows imported.")).toBeVisible();
  await page.goto("/tenants");
  await expect(page.getByTestId("premises-table")).toContainText("33.40");
  await expect(page.getByTestId("premises-table")).toContainText("5-02");
});
