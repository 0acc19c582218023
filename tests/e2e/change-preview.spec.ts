import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations } from "./support";

/* Issue 12 item 9: the editor sees a pending change as the public will see it. */

type Account = { email: string; password: string };

async function signIn(page: Page, account: Account) {
  await page.goto("/en/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("You are signed in.")).toBeVisible();
}

test("an editor previews a pending change; the public and other people do not see it", async ({
  browser,
}) => {
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, DEMO_ACCOUNTS.editorB);
  await editor.goto("/en/portal");
  await editor.locator('a[href*="/portal/orgs/"]').first().click();
  await editor.locator('a[href*="/portal/services/"][href$="/edit"]').first().click();
  await editor.waitForURL(/\/portal\/services\/[^/]+\/edit$/);

  const newName = `Evening asylum clinic ${Date.now()}`;
  const nameField = editor.getByLabel("Name of the service", { exact: true });
  const oldName = await nameField.inputValue();
  await nameField.fill(newName);
  await editor.getByRole("button", { name: "Send for review" }).click();
  await expect(editor.getByText("Your changes were sent to the coalition staff")).toBeVisible();

  // From the dashboard's list of changes.
  await editor.goto("/en/portal");
  await editor
    .getByRole("link", { name: /as the public will/ })
    .first()
    .click();
  await editor.waitForURL(/\/portal\/changes\/[^/]+\/preview$/);
  const previewUrl = editor.url();
  await expect(editor.getByRole("note", { name: "Preview" })).toContainText(
    "Preview: not public yet.",
  );
  await expect(editor.getByRole("heading", { name: newName })).toBeVisible();
  await expect(editor.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expectNoSeriousA11yViolations(editor);

  // The public page still shows the listing as it is.
  const publicPath = await editor
    .locator('a[href*="/orgs/"]')
    .evaluateAll((links) =>
      links
        .map((link) => link.getAttribute("href"))
        .find((href) => /\/orgs\/[a-z0-9-]+$/.test(href ?? "")),
    );
  const visitorContext = await browser.newContext({ javaScriptEnabled: false });
  const visitor = await visitorContext.newPage();
  if (publicPath) {
    await visitor.goto(publicPath);
    await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(visitor.getByText(newName)).toHaveCount(0);
  }
  // Someone who is not signed in is sent to sign in; another organization's editor gets 404.
  const response = await visitor.goto(previewUrl);
  expect(new URL(visitor.url()).pathname).toMatch(/\/login$/);
  expect(response?.status()).toBe(200);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, DEMO_ACCOUNTS.editorA);
  const refused = await other.goto(previewUrl);
  expect(refused?.status()).toBe(404);

  // Staff preview it from the review page too, without JavaScript.
  const staffContext = await browser.newContext({ javaScriptEnabled: false });
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  await staff.goto("/en/staff/review");
  await staff
    .getByRole("link", { name: `Changes to service: ${oldName}`, exact: true })
    .first()
    .click();
  await staff.getByRole("link", { name: "See it as the public will" }).click();
  await expect(staff.getByRole("heading", { name: newName })).toBeVisible();
  await expect(staff.getByRole("link", { name: "Back to the review queue" })).toBeVisible();

  // Clean up: withdraw the proposal.
  await editor.goto("/en/portal");
  await editor.getByRole("button", { name: "Withdraw", exact: true }).first().click();
  await expect(editor.getByRole("button", { name: "Withdraw", exact: true })).toHaveCount(0);
  await Promise.all([
    editorContext.close(),
    visitorContext.close(),
    otherContext.close(),
    staffContext.close(),
  ]);
});
