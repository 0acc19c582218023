import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations, signIn } from "./support";

/* Issue 12 item 5: "Refer to another service" is a search field that uses the search engine. */

const OTHER_ORGANIZATION = "Narrows Arab-American Legal Clinic";

/** Staff log a referral to the first asylum result; answers its staff page's URL. */
async function logReferral(page: Page): Promise<string> {
  await page.goto("/en/search?q=asylum");
  await page
    .getByRole("link", { name: /^Refer someone to / })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Make a referral" })).toBeVisible();
  await page.getByLabel("Log it only").check();
  await page.getByLabel("How to call the person").fill("Amal");
  await page.getByLabel("Preferred language").selectOption({ label: "Arabic" });
  await page
    .getByRole("group", { name: "What does the person need help with?" })
    .getByRole("checkbox")
    .first()
    .check();
  await page.getByRole("button", { name: "Make the referral" }).click();
  await expect(page.getByText(/The referral was logged/).first()).toBeVisible();
  return page.url();
}

test.describe("refer to another service", () => {
  test("without JavaScript: search, choose a result, refer", async ({ browser }) => {
    test.setTimeout(150_000);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, DEMO_ACCOUNTS.staff);
    const referralUrl = await logReferral(page);
    const section = page.getByRole("region", { name: "Refer to another service" });
    await expect(section.getByRole("combobox")).toHaveCount(0);

    await section.getByLabel("Find a service").fill("Narrows Arab");
    await section.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/another=Narrows/);
    const choices = section.getByRole("group", { name: "Service" });
    const choice = choices.getByRole("radio", { name: new RegExp(OTHER_ORGANIZATION) }).first();
    await expect(choice).toBeVisible();

    // Forgetting to choose keeps the search and says what is missing.
    await section.getByRole("button", { name: "Make the new referral" }).click();
    await expect(page).toHaveURL(/another=Narrows/);
    await expect(choices.getByRole("radio").first()).toBeVisible();

    await choices
      .getByRole("radio", { name: new RegExp(OTHER_ORGANIZATION) })
      .first()
      .check();
    await section.getByLabel("How is this referral made?").selectOption("logged");
    await section.getByRole("button", { name: "Make the new referral" }).click();
    // The new referral's page.
    await expect(page).not.toHaveURL(new RegExp(referralUrl.split("/").pop()!));
    await expect(page.getByText(/The referral was logged/).first()).toBeVisible();
    await expect(page.getByText(OTHER_ORGANIZATION).first()).toBeVisible();
    await context.close();
  });

  test("with JavaScript: results follow the typing", async ({ page }) => {
    test.setTimeout(150_000);
    await signIn(page, DEMO_ACCOUNTS.staff);
    const referralUrl = await logReferral(page);
    const section = page.getByRole("region", { name: "Refer to another service" });
    await expect(section.getByRole("button", { name: "Search" })).toHaveCount(0);

    await section.getByLabel("Find a service").pressSequentially("narrows arab", { delay: 40 });
    const choices = section.getByRole("group", { name: "Service" });
    await expect(
      choices.getByRole("radio", { name: new RegExp(OTHER_ORGANIZATION) }).first(),
    ).toBeVisible();
    await expect(section.getByRole("status")).toContainText("Services found for “narrows arab”");
    expect(page.url()).toBe(referralUrl);
    await expectNoSeriousA11yViolations(page);

    await choices
      .getByRole("radio", { name: new RegExp(OTHER_ORGANIZATION) })
      .first()
      .check();
    await section.getByLabel("How is this referral made?").selectOption("logged");
    await section.getByRole("button", { name: "Make the new referral" }).click();
    await expect(page).not.toHaveURL(referralUrl);
    await expect(page.getByText(/The referral was logged/).first()).toBeVisible();
    await expect(page.getByText(OTHER_ORGANIZATION).first()).toBeVisible();
  });
});
