import { expect, test } from "@playwright/test";
import { authFile } from "./users";

test.use({ storageState: authFile("owner") });

test("owner creates a key, it works over HTTP with its role, then is revoked", async ({ page, request }) => {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name").fill("1C export");
  await page.getByLabel("Role").selectOption("accountant");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^trk_/);

  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body.role).toBe("accountant");
  expect(body.organization.name).toContain("Галерея");

  await page.reload();
  const row = page.getByTestId("api-keys-table").locator("tr", { hasText: "1C export" });
  await expect(row).toContainText("Active");
  await expect(page.content()).resolves.not.toContain(key);
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  const after = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthenticated");

  await page.goto("/settings/audit?entity=api_key");
  await expect(page.getByTestId("audit-table")).toContainText("apikey.revoked");
});

test("public endpoints: health and the OpenAPI document", async ({ request }) => {
  const h = await request.get("/api/health");
  expect(await h.json()).toEqual({ status: "ok", database: "pglite" });
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.paths["/api/v1/me"].get).toBeDefined();
  const headers = h.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
});
