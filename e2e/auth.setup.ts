import { expect, test as setup } from "@playwright/test";
import { USERS, authFile, type UserKey } from "./users";

// Sign in once per role through the real form and keep the session for the specs.
for (const who of Object.keys(USERS) as UserKey[]) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(USERS[who].email);
    await page.getByLabel("Password").fill(USERS[who].password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The first sign-ins meet a cold server that is also pulling the demo history: allow for it.
    await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
    await expect(page.getByTestId("welcome")).toContainText(USERS[who].email);
    await page.context().storageState({ path: authFile(who) });
  });
}
