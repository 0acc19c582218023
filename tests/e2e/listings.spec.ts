import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations, signIn } from "./support";

test.describe("keeping a listing true", () => {
  test("an editor changes a service's languages and hours, staff approve, the change is published", async ({
    browser,
  }) => {
    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    await signIn(editor, DEMO_ACCOUNTS.editorA);
    await editor.goto("/en/portal");
    await expectNoSeriousA11yViolations(editor);
    await editor
      .getByRole("link", { name: "Edit organization, services and locations" })
      .first()
      .click();
    const serviceLink = editor.getByRole("region", { name: "Services" }).getByRole("link").first();
    const serviceName = (await serviceLink.textContent())!.trim();
    await serviceLink.click();
    await editor.waitForURL(/\/portal\/services\/[^/]+\/edit$/);
    const serviceUrl = editor.url();
    await expectNoSeriousA11yViolations(editor);

    // A language the service does not offer yet.
    const languages = editor.getByRole("group", { name: "Languages the service is offered in" });
    const added = languages.getByRole("checkbox", { checked: false }).first();
    const languageCode = (await added.getAttribute("value"))!;
    const language = (await languages
      .locator(`label[for="${await added.getAttribute("id")}"]`)
      .textContent())!;

    // A rejected form keeps what was typed and says what to fix.
    await added.check();
    await editor.getByLabel("Opens on Saturday", { exact: true }).fill("10:00");
    await editor.getByLabel("Closes on Saturday", { exact: true }).fill("09:00");
    await editor.getByRole("button", { name: "Send for review" }).click();
    await expect(
      editor.getByText("The closing time must be after the opening time."),
    ).toBeVisible();
    await expect(languages.getByLabel(language)).toBeChecked();

    await editor.getByLabel("Closes on Saturday", { exact: true }).fill("13:00");
    await editor.getByRole("button", { name: "Send for review" }).click();
    await expect(
      editor.getByText("Your changes were sent to the coalition staff for review."),
    ).toBeVisible();

    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await signIn(staff, DEMO_ACCOUNTS.staff);
    await staff.goto("/en/staff/review");
    await staff.getByRole("table").getByRole("link").first().click();
    const diff = staff.getByRole("table", { name: "What would change, field by field" });
    await expect(
      diff.getByRole("row", { name: /Languages the service is offered in/ }),
    ).toContainText(language);
    await expect(diff.getByRole("row", { name: /Opening hours/ })).toContainText(
      "Saturday 10:00–13:00",
    );
    await expectNoSeriousA11yViolations(staff);
    await staff.getByRole("button", { name: "Approve and publish" }).click();
    await expect(staff.getByText("The change is approved and published.")).toBeVisible();

    // The published change reaches the search index through the outbox, within seconds.
    const searchUrl = `/en/search?q=${encodeURIComponent(serviceName)}&language=${languageCode}`;
    await expect(async () => {
      await staff.goto(searchUrl);
      await expect(
        staff.locator(".result-list > li").filter({ hasText: serviceName }).first(),
      ).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });

    await editor.goto(serviceUrl);
    await expect(editor.getByText(/are waiting for review/)).toHaveCount(0);
    await expect(languages.getByLabel(language)).toBeChecked();
    await expect(editor.getByLabel("Opens on Saturday", { exact: true })).toHaveValue("10:00");
    await editorContext.close();
    await staffContext.close();
  });

  test("an editor confirms the listing is still correct, with JavaScript off", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, DEMO_ACCOUNTS.editorB);
    await page.goto("/en/portal");
    await page.getByRole("button", { name: "Confirm my listing is still correct" }).first().click();
    await expect(page.getByText("Your listing is marked as confirmed today.")).toBeVisible();
    await expect(page.getByText(/Last confirmed as correct on/).first()).toBeVisible();
    await context.close();
  });

  test("a new location with its services, its own phone and hours goes through one review", async ({
    browser,
  }) => {
    test.slow();
    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    await signIn(editor, DEMO_ACCOUNTS.editorA);
    await editor.goto("/en/portal");
    await editor
      .getByRole("link", { name: "Edit organization, services and locations" })
      .first()
      .click();
    await editor.getByRole("link", { name: "Add a location" }).click();
    await editor.getByLabel("Name of the location (optional)").fill("Corona Annex");
    await editor.getByLabel("Street address").fill("40-12 Junction Blvd");
    await editor.getByLabel("City or neighborhood").fill("Corona");
    await editor.getByLabel("ZIP code").fill("11368");
    await editor.getByLabel("Phone at this location").fill("718-555-0222");
    const offered = editor.getByRole("group", { name: "Services offered here" });
    const service = offered.getByRole("checkbox").first();
    const serviceName = (await offered
      .locator(`label[for="${await service.getAttribute("id")}"]`)
      .textContent())!.trim();
    await service.check();
    await editor.getByLabel("Opens on Saturday", { exact: true }).fill("10:00");
    await editor.getByLabel("Closes on Saturday", { exact: true }).fill("14:00");
    await expectNoSeriousA11yViolations(editor);
    await editor.getByRole("button", { name: /Send for review/ }).click();
    await expect(
      editor.getByText("Your changes were sent to the coalition staff for review."),
    ).toBeVisible();

    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await signIn(staff, DEMO_ACCOUNTS.staff);
    await staff.goto("/en/staff/review");
    await staff
      .getByRole("table")
      .getByRole("row")
      .filter({ hasText: "Corona Annex" })
      .getByRole("link")
      .first()
      .click();
    const diff = staff.getByRole("table", { name: "What would change, field by field" });
    await expect(diff.getByRole("row", { name: /Phone at this location/ })).toContainText(
      "718-555-0222",
    );
    await expect(diff.getByRole("row", { name: /Services offered here/ })).toContainText(
      serviceName,
    );
    await staff.getByRole("button", { name: "Approve and publish" }).click();
    await expect(staff.getByText("The change is approved and published.")).toBeVisible();

    // One review: the location shows on the public page with its phone, pin note and hours.
    await editor.goto("/en/portal");
    await editor.getByRole("link", { name: "View my public listing" }).first().click();
    await editor.waitForURL(/\/en\/orgs\//);
    const location = editor.locator(".location").filter({ hasText: "Corona Annex" });
    await expect(location).toContainText("718-555-0222");
    await expect(location).toContainText("The map pin marks the middle of the ZIP code");
    await expect(
      editor.locator(".hours-place").filter({ hasText: "Corona Annex" }).first(),
    ).toBeVisible();
    await editorContext.close();
    await staffContext.close();
  });
});
