import { expect, test } from "@playwright/test";
import { authFile } from "./users";

test.describe("language", () => {
  test.use({ storageState: authFile("admin"), locale: "ru-RU" });

  test("follows the browser by default and the user's choice after", async ({ page, browser, baseURL }) => {
    await page.context().clearCookies({ name: "NEXT_LOCALE" });
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Обзор");
    await page.getByLabel("Язык").selectOption("en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
    // The choice is saved on the profile: a fresh Russian browser signed in as the same user gets English.
    const state = await page.context().storageState();
    const ctx = await browser.newContext({ baseURL, locale: "ru-RU", storageState: { cookies: state.cookies.filter((c) => c.name !== "NEXT_LOCALE"), origins: [] } });
    const p2 = await ctx.newPage();
    await p2.goto("/dashboard");
    await expect(p2.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
    await p2.getByLabel("Language").selectOption("ru");
    await expect(p2.getByRole("heading", { level: 1 })).toHaveText("Обзор");
    // Put the admin back to English: the preference lives on the user, and later specs read English labels.
    await p2.getByLabel("Язык").selectOption("en");
    await expect(p2.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
    await ctx.close();
  });
});
