import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations, signIn } from "./support";

/** editor1 edits this organization (app/seed.server.ts DEMO_EDITOR_ORGANIZATIONS). */
const ORGANIZATION = "Corona Plaza Immigrant Defense Project";
/** Something the organization offers (its bond service, app/directory/seed/demo-data). */
const QUERY = "bond hearings";

/** What staff type about the person; only the call name may appear on the slip. */
const PERSON = {
  callName: "Rosa",
  fullName: "Rosa Quispe Mamani",
  phone: "718-555-0147",
  email: "rosa.quispe@example.org",
  notes: "Her brother was detained last Tuesday; she works mornings.",
};

interface Referral {
  /** The staff page of the referral. */
  referralUrl: string;
  /** The slip link, shown once. */
  slipUrl: string;
  serviceName: string;
  /** The phone number the search result shows for the service. */
  servicePhone: string;
}

/** Staff (already signed in) find the organization's service in the search and refer to it. */
async function referFromSearch(
  page: Page,
  need: string,
  options: { followUpOn?: string } = {},
): Promise<Referral> {
  await page.goto(`/en/search?q=${encodeURIComponent(QUERY)}`);
  const result = page
    .getByRole("article")
    .filter({ has: page.getByRole("link", { name: ORGANIZATION, exact: true }) })
    .first();
  await expect(result).toBeVisible();
  const serviceName = (await result.getByRole("heading").textContent())!.trim();
  const servicePhone = (await result.getByRole("link", { name: /^[0-9(]/ }).textContent())!.trim();
  await result.getByRole("link", { name: `Refer someone to ${serviceName}` }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Make a referral" })).toBeVisible();
  await expect(page.getByText(`To ${serviceName} at ${ORGANIZATION}`)).toBeVisible();
  await expect(page.getByLabel("Send it to the organization")).toBeChecked();
  await page.getByLabel("How to call the person").fill(PERSON.callName);
  await page.getByLabel("Full name (optional)").fill(PERSON.fullName);
  await page.getByLabel("Preferred language").selectOption({ label: "Spanish" });
  await page.getByLabel("Phone (optional)").fill(PERSON.phone);
  await page.getByLabel("The person agreed to be contacted by phone").check();
  await page.getByLabel("Email (optional)").fill(PERSON.email);
  await page.getByLabel("The person agreed to be contacted by email").check();
  await page
    .getByRole("group", { name: "What does the person need help with?" })
    .getByRole("checkbox", { name: need, exact: true })
    .check();
  await page.getByLabel("Notes for the organization (optional)").fill(PERSON.notes);
  if (options.followUpOn) await page.getByLabel("Follow up on").fill(options.followUpOn);
  await page.getByRole("button", { name: "Make the referral" }).click();

  await expect(page.getByText("The referral was sent to the organization.")).toBeVisible();
  const slipLink = page
    .getByRole("region", { name: "The person's slip link", exact: true })
    .getByRole("link");
  const slipUrl = (await slipLink.getAttribute("href"))!;
  expect(slipUrl).toMatch(/\/r\/[^/]+$/);
  return { referralUrl: page.url(), slipUrl, serviceName, servicePhone };
}

/** A referral made by staff in their own browser, for tests about what happens next. */
async function staffRefer(browser: Browser, need: string): Promise<Referral> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO_ACCOUNTS.staff);
  const referral = await referFromSearch(page, need);
  await context.close();
  return referral;
}

test.describe("referrals", () => {
  test("the slip link can be copied; a past follow-up shows on the staff overview", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signIn(page, DEMO_ACCOUNTS.staff);
    const { serviceName, slipUrl } = await referFromSearch(page, "Bond hearings", {
      followUpOn: "2020-01-15",
    });
    const panel = page.getByRole("region", { name: "The person's slip link", exact: true });
    await panel.getByRole("button", { name: "Copy the link" }).click();
    await expect(panel.getByText("Link copied.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(slipUrl);

    await page
      .getByRole("navigation", { name: "Staff tools" })
      .getByRole("link", { name: "Overview" })
      .click();
    const followUps = page.getByRole("region", { name: "Referral follow-ups due" });
    const row = followUps
      .getByRole("row")
      .filter({ hasText: "overdue" })
      .filter({ hasText: ORGANIZATION })
      .first();
    await expect(row).toBeVisible();
    await expect(row.getByRole("link", { name: serviceName })).toBeVisible();
    await page
      .getByRole("navigation", { name: "Staff tools" })
      .getByRole("link", { name: "Reports" })
      .click();
    await expect(page).toHaveURL(/\/staff\/reports/);
  });

  test("staff refer a person from a search result and get the slip link once", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.staff);
    const { serviceName, slipUrl } = await referFromSearch(page, "Bond hearings");

    await expect(
      page.getByRole("heading", { level: 1, name: `Referral to ${serviceName}` }),
    ).toBeVisible();
    const facts = page.getByRole("region", { name: "The referral", exact: true });
    await expect(facts).toContainText("Sent");
    await expect(facts).toContainText("Bond hearings");
    await expect(facts).toContainText("Spanish");
    // Staff may follow up, so they see how to reach the person.
    const person = page.getByRole("region", { name: "The person", exact: true });
    await expect(person).toContainText(PERSON.fullName);
    await expect(person).toContainText(PERSON.phone);
    await expect(person).toContainText(PERSON.email);
    await expect(person).toContainText(PERSON.notes);
    await expect(page.getByRole("region", { name: "Timeline", exact: true })).toContainText(
      "Referral made: Sent",
    );
    await expectNoSeriousA11yViolations(page);

    // Only a hash of the link is kept: it is not shown again.
    await page.reload();
    await expect(page.getByRole("heading", { name: `Referral to ${serviceName}` })).toBeVisible();
    await expect(
      page.getByRole("region", { name: "The person's slip link", exact: true }),
    ).toHaveCount(0);
    await expect(page.getByText(slipUrl)).toHaveCount(0);
    await expect(
      page.getByRole("region", { name: "Slip link for the person", exact: true }),
    ).toContainText("If the person lost it, make a new one");
  });

  test("the slip opens in Spanish without an account and shows nothing about the case", async ({
    browser,
  }) => {
    const { slipUrl, servicePhone } = await staffRefer(browser, "Work permits");

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(slipUrl);
    await expect(page).toHaveURL(/\/es\/r\/[^/]+$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1, name: ORGANIZATION })).toBeVisible();
    await expect(page.getByText("Preparada para: Rosa")).toBeVisible();
    const contact = page.getByRole("region", { name: "Cómo comunicarse", exact: true });
    await expect(contact.getByRole("link", { name: servicePhone })).toBeVisible();
    await expect(page.getByRole("region", { name: "Líneas de ayuda", exact: true })).toContainText(
      "1-800-566-7636",
    );
    await expect(page.getByRole("button", { name: "Recibí ayuda" })).toBeVisible();
    await expect(page.getByRole("button", { name: "No pude comunicarme con ellos" })).toBeVisible();

    const text = await page.locator("body").innerText();
    for (const detail of [PERSON.fullName, "Quispe", PERSON.phone, PERSON.email, PERSON.notes]) {
      expect(text).not.toContain(detail);
    }
    expect(text).not.toContain("Permisos de trabajo");
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });

  test("the receiving organization's editor accepts the referral and records it served", async ({
    browser,
  }) => {
    await staffRefer(browser, "Family petitions");

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, DEMO_ACCOUNTS.editorA);
    await page.goto("/en/portal");
    await page
      .getByRole("navigation", { name: "Member portal" })
      .getByRole("link", { name: "Referrals" })
      .click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Referrals to your organization" }),
    ).toBeVisible();
    await expect(page.getByRole("status")).toContainText(/new referrals? (is|are) waiting/);
    await expectNoSeriousA11yViolations(page);
    await page
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: "Family petitions", exact: true }) })
      .first()
      .getByRole("link")
      .click();

    await expect(page.getByRole("heading", { level: 1, name: /^Referral to / })).toBeVisible();
    const person = page.getByRole("region", { name: "The person", exact: true });
    await expect(person).toContainText(PERSON.callName);
    await expect(person).toContainText(PERSON.phone);
    await expectNoSeriousA11yViolations(page);

    const step = async (action: string, flash: string) => {
      await page.getByRole("radio", { name: action }).check();
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText(flash)).toBeVisible();
    };
    await step("Accept the referral", "The referral was accepted.");
    await step("We contacted the person", "Recorded: the person was contacted.");
    await step("The person was served", "Recorded: the person was served.");

    await expect(page.getByRole("region", { name: "The referral", exact: true })).toContainText(
      "Served",
    );
    // A served referral is over: there is no next step to record.
    await expect(page.getByRole("region", { name: "What happened?", exact: true })).toHaveCount(0);
    const timeline = page.getByRole("region", { name: "Timeline", exact: true });
    await expect(timeline.getByRole("listitem")).toHaveCount(4);
    await expect(timeline).toContainText("Referral made: Sent");
    await expect(timeline).toContainText("Sent → Accepted");
    await expect(timeline).toContainText("Accepted → Client contacted");
    await expect(timeline).toContainText("Client contacted → Served");
    await expect(timeline).toContainText("Receiving organization");

    await page.getByRole("link", { name: "All referrals to your organization" }).click();
    await page.getByRole("link", { name: "Closed or declined" }).click();
    await expect(
      page
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: "Family petitions", exact: true }) }),
    ).toContainText("Served");
    await context.close();
  });

  test("the editor closes an accepted referral with an outcome", async ({ browser }) => {
    await staffRefer(browser, "Appeals");

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, DEMO_ACCOUNTS.editorA);
    await page.goto("/en/portal/referrals");
    await page
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: "Appeals", exact: true }) })
      .first()
      .getByRole("link")
      .click();
    await page.getByRole("radio", { name: "Accept the referral" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("The referral was accepted.")).toBeVisible();

    // Closing needs an outcome; the form says so and keeps the choice.
    await page.getByRole("radio", { name: "Close the referral" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Choose how the referral ended.")).toBeVisible();
    await page
      .getByLabel("How the referral ended")
      .selectOption({ label: "Help no longer needed" });
    await page.getByLabel("Note (optional)").fill("She found a lawyer through her church.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("The referral was closed.")).toBeVisible();

    await expect(page.getByRole("region", { name: "The referral", exact: true })).toContainText(
      "Closed — Help no longer needed",
    );
    const timeline = page.getByRole("region", { name: "Timeline", exact: true });
    await expect(timeline).toContainText("Accepted → Closed — Help no longer needed");
    await expect(timeline).toContainText("She found a lawyer through her church.");
    await context.close();
  });

  test("'I could not reach them' on the slip puts the referral back for a new match", async ({
    browser,
  }) => {
    const { slipUrl, referralUrl } = await staffRefer(browser, "Waivers");

    const personContext = await browser.newContext();
    const person = await personContext.newPage();
    await person.goto(slipUrl);
    await person.getByRole("button", { name: "No pude comunicarme con ellos" }).click();
    await expect(person.getByRole("status")).toHaveText(
      "Gracias por contarnos. El personal de la coalición buscará otra organización que pueda ayudarle.",
    );
    await expect(person.getByRole("button", { name: "No pude comunicarme con ellos" })).toHaveCount(
      0,
    );
    await personContext.close();

    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await signIn(staff, DEMO_ACCOUNTS.staff);
    await staff.goto("/en/staff");
    await staff
      .getByRole("navigation", { name: "Staff tools" })
      .getByRole("link", { name: "Referrals" })
      .click();
    await staff.getByRole("link", { name: /^Need a new match/ }).click();
    const table = staff.getByRole("table", { name: "Need a new match" });
    const row = table
      .getByRole("row")
      .filter({ has: staff.getByRole("cell", { name: "Waivers", exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Could not connect");
    await expectNoSeriousA11yViolations(staff);
    await row.getByRole("link").click();
    await expect(staff).toHaveURL(referralUrl);
    await expect(staff.getByRole("region", { name: "Timeline", exact: true })).toContainText(
      "Sent → Could not connect",
    );
    await expect(staff.getByRole("region", { name: "Timeline", exact: true })).toContainText(
      "The person, from the slip link",
    );
    await staffContext.close();
  });
});
