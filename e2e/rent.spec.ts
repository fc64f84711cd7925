import ExcelJS from "exceljs";
import { expect, test, type Browser } from "@playwright/test";
import { extractPdfText } from "../test/pdf-text";
import { authFile } from "./users";

const PERIOD = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
})();

async function as(browser: Browser, baseURL: string | undefined, who: "admin" | "accountant" | "owner") {
  const ctx = await browser.newContext({ baseURL, locale: "en-US", storageState: authFile(who) });
  return { ctx, page: await ctx.newPage() };
}

test("an admin enters a tenant, a register and premises, then a contract; wrong input is refused next to the field", async ({ browser, baseURL }) => {
  const { ctx, page } = await as(browser, baseURL, "admin");
  await page.goto("/tenants");
  const tenantForm = page.getByRole("form", { name: "Add a tenant" });
  await tenantForm.getByLabel("Name").fill("ООО «Пекарня Тест»");
  await tenantForm.getByLabel("INN").fill("7707083894");
  await tenantForm.getByLabel("KPP").fill("773601001");
  await tenantForm.getByRole("button", { name: "Add" }).click();
  await expect(tenantForm.getByLabel("INN")).toHaveAttribute("aria-invalid", "true");
  await expect(tenantForm.getByRole("alert").filter({ hasText: "check digits" })).toBeVisible();
  await tenantForm.getByLabel("INN").fill("7707083893");
  await tenantForm.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("tenants-table")).toContainText("ООО «Пекарня Тест»");

  const kktForm = page.getByRole("form", { name: "Add a cash register" });
  await kktForm.getByLabel("Registration number (RNM)").fill("0000000003065868");
  await kktForm.getByLabel("Tenant").selectOption({ label: "ООО «Пекарня Тест»" });
  await kktForm.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("kkts-table")).toContainText("0000000003065868");

  const premForm = page.getByRole("form", { name: "Add premises" });
  await premForm.getByLabel("Unit code").fill("1-77");
  await premForm.getByLabel("Area, m²").fill("48,30");
  await premForm.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("premises-table")).toContainText("48.30");
  // The unit was measured again: its area is corrected in place; a wrong area is refused next to the field.
  await page.getByRole("button", { name: "Edit premises 1-77" }).click();
  const editPrem = page.getByRole("form", { name: "Edit premises 1-77" });
  await editPrem.getByLabel("Area, m²").fill("сорок");
  await editPrem.getByRole("button", { name: "Save" }).click();
  await expect(editPrem.getByLabel("Area, m²")).toHaveAttribute("aria-invalid", "true");
  await editPrem.getByLabel("Area, m²").fill("48,35");
  await editPrem.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("premises-table")).toContainText("48.35");

  await page.goto("/contracts/new");
  const form = page.getByRole("form", { name: "New contract" });
  await form.getByLabel("Number").fill("П-77/2026");
  await form.getByLabel("Tenant").selectOption({ label: "ООО «Пекарня Тест» (7707083893)" });
  await form.getByLabel("1-77 · 48.35 m²").check();
  await form.getByLabel("Counts: 0000000003065868").check();
  await form.getByLabel("Mode").selectOption("greater_of");
  await form.getByLabel("Base rent", { exact: true }).selectOption("perM2Monthly");
  await form.getByLabel("Base rent amount").fill("2 500,00");
  await form.getByLabel("Tier 1 rate, %").fill("120");
  await form.getByRole("button", { name: "Create contract" }).click();
  await expect(form.getByLabel("Tier 1 rate, %")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert").filter({ hasText: "0–100" })).toBeVisible();
  await form.getByLabel("Tier 1 rate, %").fill("7,5");
  // Lease-year settlement with a yearly cap of the contract's own.
  await form.getByLabel("Settle each lease year (true-up in its last month)").check();
  await form.getByLabel("Yearly maximum percentage rent").fill("сто");
  await form.getByRole("button", { name: "Create contract" }).click();
  await expect(form.getByLabel("Yearly maximum percentage rent")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Yearly maximum percentage rent").fill("1 200 000,00");
  await form.getByRole("button", { name: "Create contract" }).click();
  await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contract П-77/2026");
  await expect(page.getByTestId("terms-table")).toContainText("7.5 %");
  await expect(page.getByTestId("terms-table")).toContainText("Yearly maximum percentage rent: 1200000.00");
  const contractUrl = page.url();

  // The same register cannot count for a second contract on the same days.
  await page.goto("/contracts/new");
  const again = page.getByRole("form", { name: "New contract" });
  await again.getByLabel("Number").fill("П-78/2026");
  await again.getByLabel("Tenant").selectOption({ label: "ООО «Пекарня Тест» (7707083893)" });
  await again.getByLabel("Counts: 0000000003065868").check();
  await again.getByLabel("Base rent amount").fill("100000");
  await again.getByLabel("Tier 1 rate, %").fill("5");
  await again.getByRole("button", { name: "Create contract" }).click();
  await expect(again.getByRole("alert").filter({ hasText: "already counts for contract П-77/2026" })).toBeVisible();

  // Ending it early: a reason is required and the day cannot precede the start; then it ends.
  await page.goto(contractUrl);
  const end = page.getByRole("region", { name: "End the contract early" });
  await end.getByRole("button", { name: "End contract" }).click();
  await expect(end.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(end.getByRole("alert").filter({ hasText: "Say why" })).toBeVisible();
  await end.getByLabel("Last day").fill("2000-01-01");
  await end.getByLabel("Reason").fill("The bakery moves out");
  await end.getByRole("button", { name: "End contract" }).click();
  await expect(end.getByLabel("Last day")).toHaveAttribute("aria-invalid", "true");
  await expect(end.getByRole("alert").filter({ hasText: "On or after the start" })).toBeVisible();
  const lastDay = (await page.getByRole("heading", { level: 1 }).locator("xpath=following::p[1]").textContent())!.match(/– (\d{4}-\d{2}-\d{2})/)![1];
  await end.getByLabel("Last day").fill(lastDay);
  await end.getByRole("button", { name: "End contract" }).click();
  await expect(page.getByText(/· Ended$/)).toBeVisible();
  await expect(page.getByRole("region", { name: "End the contract early" })).toHaveCount(0);
  await ctx.close();
});

test("an accountant computes the month, issues a statement and downloads its PDF and XLSX", async ({ browser, baseURL }) => {
  const { ctx, page } = await as(browser, baseURL, "accountant");
  await page.goto(`/rent/${PERIOD}`);
  await expect(page.getByRole("link", { name: "New contract" })).toHaveCount(0);
  await page.getByRole("button", { name: "Compute the month" }).click();
  await expect(page.getByRole("status")).toContainText("statements computed");
  const table = page.getByTestId("rent-table");
  await expect(table).toContainText("ООО «Кофейня на Невском»");
  // Drafts ticked in the list are issued together.
  await page.getByLabel("Search contract or tenant").fill("Модный");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await table.getByLabel(/^Select the draft of А-02\//).check();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Issue selected (1)" }).click();
  await expect(page.getByText("1 statement(s) issued.")).toBeVisible();
  await expect(table.locator("tbody tr").first()).toContainText("Issued");
  await expect(table.getByLabel(/^Select the draft of А-02\//)).toHaveCount(0);
  await page.getByLabel("Search contract or tenant").fill("Кофейня");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await table.getByRole("link", { name: /А-01\// }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Statement А-01/");
  await expect(page.getByTestId("statement-lines")).toContainText("Greater of base and percentage rent");
  const turnoverBefore = await page.getByTestId("amount-turnover").textContent();

  // A manual turnover adjustment: refused without a reason, then counted at once, with the accountant's name.
  const adjust = page.getByRole("form", { name: "Adjust the turnover" });
  await adjust.getByLabel("Amount").fill("15 000,00");
  await adjust.getByRole("button", { name: "Add adjustment" }).click();
  await expect(adjust.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await adjust.getByLabel("Reason").fill("Онлайн-заказы через сайт");
  await adjust.getByRole("button", { name: "Add adjustment" }).click();
  await expect(page.getByTestId("statement-lines")).toContainText("Adjustment: Онлайн-заказы через сайт (accountant@demo.turnrent.local)");
  await expect(page.getByTestId("adjustments")).toContainText("Онлайн-заказы через сайт");
  await expect(page.getByTestId("amount-turnover")).not.toHaveText(turnoverBefore!);

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Issue statement" }).click();
  await expect(page.getByText("revision 1 · Issued")).toBeVisible();
  await expect(page.getByRole("button", { name: "Issue statement" })).toHaveCount(0);
  const id = page.url().split("/").pop()!;
  // The contract's page lists the month as issued.
  const statementUrl = page.url();
  await page.goto("/contracts");
  await page.getByLabel("Search contracts").fill("Кофейня");
  await page.getByTestId("contracts-table").getByRole("link", { name: /А-01\// }).click();
  await expect(page.getByTestId("contract-statements").locator("tr", { hasText: PERIOD })).toContainText("Issued");
  await page.goto(statementUrl);

  const [pdfDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDF" }).click()]);
  const pdf = Buffer.from(await (await pdfDownload.createReadStream()).toArray().then((c) => Buffer.concat(c)));
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = extractPdfText(pdf).join("\n").replace(/[\s\u00a0]+/g, " ");
  expect(text).toContain("ООО «Кофейня на Невском»");

  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "XLSX" }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(await (await xlsxDownload.createReadStream()).toArray()) as unknown as ExcelJS.Buffer);
  const [ref] = wb.definedNames.getRanges("Total").ranges;
  const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+)$/.exec(ref)!;
  const cell = wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`);
  const result = (cell.value as ExcelJS.CellFormulaValue).result as number;

  // The API's figure for the same statement, through an accountant's key made by the owner.
  const owner = await as(browser, baseURL, "owner");
  await owner.page.goto("/settings/api-keys");
  await owner.page.getByLabel("Name").fill("rent e2e");
  await owner.page.getByLabel("Role").selectOption("accountant");
  await owner.page.getByRole("button", { name: "Create key" }).click();
  const key = (await owner.page.getByTestId("new-api-key").textContent())!.trim();
  const api = await owner.page.request.get(`/api/v1/statements/${id}`, { headers: { authorization: `Bearer ${key}` } });
  const s = await api.json();
  expect(s.status).toBe("issued");
  expect(Number.isInteger(s.total)).toBe(true);
  expect(Math.round(result * 100)).toBe(s.total);
  const rub = (minor: number) => `${Math.trunc(minor / 100).toLocaleString("ru-RU").replace(/\s/g, " ")},${String(minor % 100).padStart(2, "0")}`;
  expect(text).toContain(rub(s.total));

  // An issued statement cannot be changed over the API either.
  const reissue = await owner.page.request.post(`/api/v1/statements/${id}/issue`, { headers: { authorization: `Bearer ${key}` } });
  expect(reissue.status()).toBe(409);

  // A correction after issue: an adjustment on the issued statement flags it, and every month's page says so.
  await page.goto(statementUrl);
  const late = page.getByRole("form", { name: "Adjust the turnover" });
  await late.getByLabel("Amount").fill("-1 000,00");
  await late.getByLabel("Reason").fill("Возврат после выпуска");
  await late.getByRole("button", { name: "Add adjustment" }).click();
  await expect(page.getByText("Turnover changed after this statement was issued")).toBeVisible();
  await page.goto("/rent/2020-01");
  await expect(page.getByTestId("needs-revision").getByRole("link", { name: PERIOD })).toBeVisible();

  // The revision: a draft showing its difference to revision 1; another adjustment recomputes it, and the
  // difference follows its new total.
  await page.goto(statementUrl);
  const revise = page.getByRole("form", { name: "Correct with a new revision" });
  await revise.getByLabel("Reason").fill("Возврат после выпуска");
  await revise.getByRole("button", { name: "Make a revision" }).click();
  await expect(page.getByText("revision 2 · Draft")).toBeVisible();
  const difference = page.getByTestId("statement-lines").locator("tr", { hasText: "Difference to revision 1" });
  await expect(difference).toHaveCount(1);
  const differenceBefore = await difference.locator("td").last().textContent();
  const more = page.getByRole("form", { name: "Adjust the turnover" });
  await more.getByLabel("Amount").fill("50 000 000,00");
  await more.getByLabel("Reason").fill("Онлайн-заказы, не прошедшие через кассу");
  await more.getByRole("button", { name: "Add adjustment" }).click();
  await expect(page.getByTestId("statement-lines")).toContainText("Adjustment: Онлайн-заказы, не прошедшие через кассу");
  await expect(difference).toHaveCount(1);
  await expect(difference).toContainText("reason: Возврат после выпуска");
  await expect(difference.locator("td").last()).not.toHaveText(differenceBefore!);

  // Recomputing the draft by hand: nothing changed since, so the same statement with a new computed time.
  const times = page.getByTestId("statement-times");
  const computedBefore = await times.textContent();
  const totalBefore = await page.getByTestId("amount-total").textContent();
  await page.waitForTimeout(1100);
  await page.getByRole("button", { name: "Recompute" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Recomputed from the data stored now." })).toBeVisible();
  await expect(times).not.toHaveText(computedBefore!);
  await expect(page.getByTestId("amount-total")).toHaveText(totalBefore!);
  await expect(difference).toHaveCount(1);
  await owner.ctx.close();
  await ctx.close();
});
