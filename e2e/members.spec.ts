import { expect, test } from "@playwright/test";
import { authFile } from "./users";

test.describe("owner manages members", () => {
  test.use({ storageState: authFile("owner") });

  test("adds a member with a one-time password, who must change it at first sign-in", async ({ page, browser, baseURL }) => {
    await page.goto("/settings/members");
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Add member" }) });
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Email").fill("new.accountant@demo.turnrent.local");
    await form.getByLabel("Role").selectOption("accountant");
    await form.getByRole("button", { name: "Create" }).click();
    const status = form.getByRole("status");
    await expect(status).toContainText("One-time password");
    const otp = /: (\S+)\. It must be changed/.exec((await status.textContent()) ?? "")![1];
    await expect(page.getByTestId("members-table")).toContainText("new.accountant@demo.turnrent.local");

    const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: { cookies: [], origins: [] } });
    const p2 = await ctx.newPage();
    await p2.goto("/sign-in");
    await p2.getByLabel("Email").fill("new.accountant@demo.turnrent.local");
    await p2.getByLabel("Password").fill(otp);
    await p2.getByRole("button", { name: "Sign in" }).click();
    await expect(p2).toHaveURL(/\/account/);
    await p2.getByLabel("Current password").fill(otp);
    await p2.getByLabel("New password", { exact: true }).fill("my own ledger phrase");
    await p2.getByLabel("Repeat new password").fill("my own ledger phrase");
    await p2.getByRole("button", { name: "Save" }).click();
    await expect(p2.getByRole("status")).toContainText("Password changed");
    await p2.goto("/dashboard");
    await expect(p2.getByTestId("welcome")).toContainText("new.accountant@demo.turnrent.local");
    await ctx.close();
  });

  test("invites by link; the invitee joins with the role given", async ({ page, browser }) => {
    await page.goto("/settings/members");
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Invite by link" }) });
    await form.getByLabel("Email").fill("invited.admin@demo.turnrent.local");
    await form.getByLabel("Role").selectOption("admin");
    await form.getByRole("button", { name: "Create invitation link" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!;
    const ctx = await browser.newContext({ locale: "en-US", storageState: { cookies: [], origins: [] } });
    const p2 = await ctx.newPage();
    await p2.goto(link);
    await expect(p2.getByText("invited.admin@demo.turnrent.local")).toBeVisible();
    await p2.getByLabel("Choose a password").fill("short");
    await p2.getByRole("button", { name: "Join" }).click();
    await expect(p2.getByLabel("Choose a password")).toHaveAttribute("aria-invalid", "true");
    await p2.getByLabel("Choose a password").fill("a long admin passphrase");
    await p2.getByRole("button", { name: "Join" }).click();
    await expect(p2).toHaveURL(/\/dashboard$/);
    await expect(p2.getByTestId("welcome")).toContainText("(Admin)");
    // A used link cannot be used twice.
    await p2.goto(link);
    await expect(p2.getByRole("alert").filter({ hasText: "not valid" })).toHaveCount(1);
    await ctx.close();
  });
});

test.describe("another organisation", () => {
  test.use({ storageState: authFile("otherOwner") });

  test("sees only its own members and audit trail", async ({ page }) => {
    await page.goto("/settings/members");
    await expect(page.getByTestId("members-table")).toContainText("owner@other.test");
    await expect(page.getByTestId("members-table")).not.toContainText("demo.turnrent.local");
    await page.goto("/settings/audit");
    await expect(page.getByTestId("audit-table")).not.toContainText("demo.turnrent.local");
  });
});
