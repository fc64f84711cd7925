import { expect, test } from "@playwright/test";
import { authFile } from "./users";

const NAV = {
  owner: ["Dashboard", "Connections", "Tenants", "Contracts", "Rent statements", "Members", "API keys", "Audit log"],
  admin: ["Dashboard", "Connections", "Tenants", "Contracts", "Rent statements"],
  accountant: ["Dashboard", "Tenants", "Contracts", "Rent statements"],
} as const;
const HIDDEN = { owner: [], admin: ["Members", "API keys", "Audit log"], accountant: ["Connections", "Members", "API keys", "Audit log"] } as const;

for (const role of ["owner", "admin", "accountant"] as const) {
  test.describe(`${role} navigation`, () => {
    test.use({ storageState: authFile(role) });

    test("shows only the sections the role may use", async ({ page }) => {
      await page.goto("/dashboard");
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const name of NAV[role]) await expect(nav.getByRole("link", { name })).toBeVisible();
      for (const name of HIDDEN[role]) await expect(nav.getByRole("link", { name })).toHaveCount(0);
    });

    if (role !== "owner") {
      test("a forbidden URL typed by hand is refused", async ({ page }) => {
        for (const url of ["/settings/members", "/settings/api-keys", "/settings/audit", ...(role === "accountant" ? ["/connections", "/contracts/new"] : [])]) {
          const res = await page.goto(url);
          expect(res?.status(), url).toBe(403);
          await expect(page.getByTestId("forbidden")).toBeVisible();
          await expect(page.getByTestId("members-table")).toHaveCount(0);
        }
      });
    }
  });
}

test("signed out, every app page sends you to sign in", async ({ page }) => {
  for (const url of ["/dashboard", "/settings/members"]) {
    await page.goto(url);
    await expect(page).toHaveURL(/\/sign-in$/);
  }
});

test("a wrong password is refused with a message next to the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("admin@demo.turnrent.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const field = page.getByLabel("Password");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toHaveCount(1);
});
