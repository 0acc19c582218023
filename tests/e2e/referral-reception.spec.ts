import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations } from "./support";

/** A demo organization without any editor account and without an intake email. */
const ORGANIZATION = "Narrows Arab-American Legal Clinic";

test("staff referring to an organization nobody can receive for get a logged referral with its phone and a follow-up date", async ({
  page,
}) => {
  await page.goto("/en/login");
  await page.getByLabel("Email").fill(DEMO_ACCOUNTS.staff.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_ACCOUNTS.staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("You are signed in.")).toBeVisible();

  await page.goto(`/en/search?q=${encodeURIComponent(ORGANIZATION)}`);
  const result = page
    .getByRole("article")
    .filter({ has: page.getByRole("link", { name: ORGANIZATION, exact: true }) })
    .first();
  await expect(result).toBeVisible();
  await result.getByRole("link", { name: /^Refer someone to / }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Make a referral" })).toBeVisible();
  const reception = page.getByRole("region", {
    name: "How this organization receives referrals",
  });
  await expect(reception).toContainText("Nobody can receive a referral for this organization");
  await expect(reception).toContainText(/Phone: [0-9(]/);
  // "Send" is not offered: only logging, with the follow-up date already filled in.
  await expect(page.getByLabel("Send it to the organization")).toHaveCount(0);
  await expect(page.getByLabel("Log it only")).toBeChecked();
  await expect(page.getByLabel("Follow up on")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("How to call the person").fill("Samir");
  await page.getByLabel("Preferred language").selectOption({ label: "Arabic" });
  await page
    .getByRole("group", { name: "What does the person need help with?" })
    .getByRole("checkbox")
    .first()
    .check();
  await page.getByRole("button", { name: "Make the referral" }).click();

  await expect(page.getByText("The referral was logged.")).toBeVisible();
  await expect(page.getByText("The referral was sent to the organization.")).toHaveCount(0);
  const facts = page.getByRole("region", { name: "The referral", exact: true });
  await expect(facts).toContainText("Logged");
});
