import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations, signIn } from "./support";

/**
 * The search result card of one service (found by its id: several members offer services of
 * the same name), reloaded until it says `text` (the index follows).
 */
async function expectCardToSay(page: Page, service: { id: string; name: string }, text: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`/en/search?q=${encodeURIComponent(service.name)}`);
        const card = page.locator("li.result", {
          has: page.locator(`h3 a[href$="#service-${service.id}"]`),
        });
        if ((await card.count()) === 0) return "(not on the first page)";
        return (await card.first().textContent()) ?? "";
      },
      { timeout: 20_000, intervals: [500, 1000, 2000] },
    )
    .toContain(text);
}

test("a full office says so at once, without review, and staff can undo it", async ({
  browser,
}) => {
  // An editor of an organization whose other changes go to review.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, DEMO_ACCOUNTS.editorA);
  await editor.goto("/en/portal");
  await editor
    .getByRole("link", { name: "Edit organization, services and locations" })
    .first()
    .click();
  const serviceLink = editor.getByRole("region", { name: "Services" }).getByRole("link").nth(1);
  const serviceName = (await serviceLink.textContent())!.trim();
  await serviceLink.click();
  await editor.waitForURL(/\/portal\/services\/[^/]+\/edit$/);
  const serviceId = /\/portal\/services\/([^/]+)\/edit$/.exec(editor.url())![1]!;
  const service = { id: serviceId, name: serviceName };

  await editor.getByRole("button", { name: "We are not taking new clients now" }).click();
  await expect(editor.getByText("Your changes are published.")).toBeVisible();
  await expect(
    editor.getByRole("button", { name: "We are taking new clients again" }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(editor);

  // Live in search within seconds, no review.
  const visitor = await browser.newPage();
  await expectCardToSay(visitor, service, "Not accepting new clients right now");

  // Staff see it and undo it.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  await staff.goto("/en/staff");
  await staff.getByRole("link", { name: "Availability" }).click();
  await expect(
    staff.getByRole("heading", { level: 1, name: "Availability changes" }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(staff);
  await staff
    .getByRole("button", { name: `Undo the change to ${serviceName}` })
    .first()
    .click();
  await expect(
    staff.getByText("The change was undone, and the listing is published as it was."),
  ).toBeVisible();
  await expectCardToSay(visitor, service, "Accepting new clients");

  await editorContext.close();
  await staffContext.close();
});
