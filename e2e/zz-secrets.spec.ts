import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { USERS, authFile } from "./users";

// Runs last (files run in name order, one worker): by now every journey has typed passwords and
// made API keys. None may appear in the server log (the demo sign-ins are printed at start by design).
test.use({ storageState: authFile("owner") });

const OFD_PASSWORD = "ofd-Пароль-7f3a9c";
// The demo PRRO connection's api_token: it travels in every poll's query string, so it is the likeliest to leak.
const PRRO_TOKEN = "42b5eaccba739f08a1ce7fe157eba8bf";

test("a stored provider credential, passwords and API keys never reach a page, a response or the log", async ({ page, request }) => {
  await page.goto("/connections");
  await page.getByLabel("Name").fill("Renta — main login");
  await page.getByLabel("Service address").fill("https://evil.example");
  await page.getByLabel("OFD.ru login").fill("landlord@galereya.ru");
  await page.getByLabel("OFD.ru password").fill(OFD_PASSWORD);
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByLabel("Service address")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Service address").fill("");
  await page.getByLabel("OFD.ru password").fill(OFD_PASSWORD);
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection added" })).toBeVisible();
  await expect(page.getByTestId("connections-table")).toContainText("Stored (encrypted)");

  await page.goto("/settings/api-keys");
  await page.getByLabel("Name").fill("secret probe");
  await page.getByLabel("Role").selectOption("owner");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();

  const list = await request.get("/api/v1/connections", { headers: { authorization: `Bearer ${key}` } });
  expect(list.status()).toBe(200);
  const listText = await list.text();
  expect(listText).toContain("Renta — main login");
  expect(listText).not.toContain(OFD_PASSWORD);
  const created = await request.post("/api/v1/connections", {
    headers: { authorization: `Bearer ${key}` },
    data: { provider: "renta", name: "API-made", credentials: { login: "x@y.ru", password: OFD_PASSWORD } },
  });
  expect(created.status()).toBe(201);
  expect(await created.text()).not.toContain(OFD_PASSWORD);
  const bad = await request.post("/api/v1/connections", { headers: { authorization: `Bearer ${key}` }, data: { provider: "renta", credentials: { password: OFD_PASSWORD } } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).not.toContain(OFD_PASSWORD);

  for (const path of ["/connections", "/settings/api-keys", "/settings/audit", "/settings/members", "/dashboard"]) {
    await page.goto(path);
    const html = await page.content();
    expect(html, path).not.toContain(key);
    expect(html, path).not.toContain(OFD_PASSWORD);
    expect(html, path).not.toContain(PRRO_TOKEN);
  }
  const log = fs.readFileSync(".data-e2e/server.log", "utf8");
  expect(log.length).toBeGreaterThan(0);
  const secrets = [OFD_PASSWORD, PRRO_TOKEN, key, "my own ledger phrase", "a long admin passphrase", ...Object.values(USERS).filter((u) => !u.email.endsWith("@demo.turnrent.local")).map((u) => u.password)];
  for (const secret of secrets) expect(log, "a secret reached the server log").not.toContain(secret);
});
