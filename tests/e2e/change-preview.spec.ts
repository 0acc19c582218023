import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations, signIn } from "./support";

/* Issue 12 item 9: the editor sees a pending change as the public will see it. */

test("an editor previews a pending change; the public and other people do not see it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const editorContext = await browser.newContext({ javaScriptEnabled: false });
  const editor = await editorContext.newPage();
  await signIn(editor, DEMO_ACCOUNTS.editorB);
  await editor.goto("/en/portal");
  await editor.locator('a[href*="/portal/orgs/"]').first().click();
  await editor.locator('a[href*="/portal/services/"][href$="/edit"]').first().click();
  await editor.waitForURL(/\/portal\/services\/[^/]+\/edit$/);

  // A language no demo listing offers: Ch'ol, typed by name.
  const serviceName = (await editor.getByRole("heading", { level: 1 }).textContent())!.trim();
  const other = editor.getByLabel("Other languages", { exact: true });
  const typed = await other.inputValue();
  await other.fill(typed ? `${typed}, Ch'ol` : "Ch'ol");
  await editor.getByRole("button", { name: "Send for review" }).click();
  await expect(editor.getByText("Your changes were sent to the coalition staff")).toBeVisible();

  // From the dashboard's list of changes.
  await editor.goto("/en/portal");
  const publicPath = await editor
    .getByRole("link", { name: "View my public listing" })
    .first()
    .getAttribute("href");
  await editor
    .getByRole("link", { name: /as the public will/ })
    .first()
    .click();
  await editor.waitForURL(/\/portal\/changes\/[^/]+\/preview$/);
  const previewUrl = editor.url();
  await expect(editor.getByRole("note", { name: "Preview" })).toContainText(
    "Preview: not public yet.",
  );
  await expect(editor.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(editor.getByText("Ch'ol").first()).toBeVisible();
  await expect(editor.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);

  // The public page still shows the listing as it is.
  const visitorContext = await browser.newContext({ javaScriptEnabled: false });
  const visitor = await visitorContext.newPage();
  await visitor.goto(publicPath!);
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(visitor.getByText("Ch'ol")).toHaveCount(0);
  // Someone who is not signed in is sent to sign in; another organization's editor gets 404.
  const response = await visitor.goto(previewUrl);
  expect(new URL(visitor.url()).pathname).toMatch(/\/login$/);
  expect(response?.status()).toBe(200);
  const otherContext = await browser.newContext();
  const stranger = await otherContext.newPage();
  await signIn(stranger, DEMO_ACCOUNTS.editorA);
  const refused = await stranger.goto(previewUrl);
  expect(refused?.status()).toBe(404);

  // Staff preview it from the review page too (with JavaScript: axe needs it).
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  await staff.goto("/en/staff/review");
  await staff
    .getByRole("link", { name: `Changes to service: ${serviceName}`, exact: true })
    .first()
    .click();
  await staff.getByRole("link", { name: "See it as the public will" }).click();
  await expect(staff.getByText("Ch'ol").first()).toBeVisible();
  await expect(staff.getByRole("link", { name: "Back to the review queue" })).toBeVisible();
  await expectNoSeriousA11yViolations(staff);

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
