import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations } from "./support";

test("staff check a directory file at /staff/import with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/en/login");
  await page.getByLabel("Email").fill(DEMO_ACCOUNTS.staff.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_ACCOUNTS.staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("You are signed in.")).toBeVisible();
  await page.goto("/en/staff");
  await page.getByRole("link", { name: /Import a directory/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a directory" })).toBeVisible();

  const csv = [
    "organization_name,service_name,languages,address_1,city,state,postal_code,phone",
    'E2E Check Only Org,Asylum help,"Spanish, Elvish",1 Main St,Austin,TX,78701,512-555-0100',
  ].join("\n");
  await page
    .getByLabel("File to import")
    .setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "Check of members.csv" })).toBeVisible();
  await expect(
    page.getByText('members.csv:2 languages: unknown language "Elvish" left out'),
  ).toBeVisible();
  await expect(page.getByRole("row", { name: /Services 1/ })).toBeVisible();
  // A check writes nothing; the report offers to apply it.
  await expect(page.getByRole("button", { name: "Apply this import" })).toBeVisible();
  await context.close();
});

test("the import page has no serious accessibility problems", async ({ page }) => {
  await page.goto("/en/login");
  await page.getByLabel("Email").fill(DEMO_ACCOUNTS.staff.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_ACCOUNTS.staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("You are signed in.")).toBeVisible();
  await page.goto("/en/staff/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import a directory" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
