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

  test("a new location with its services, its own phone and different hours for each service goes through one review", async ({
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
    const names: string[] = [];
    for (const index of [0, 1]) {
      const service = offered.getByRole("checkbox").nth(index);
      names.push(
        (await offered
          .locator(`label[for="${await service.getAttribute("id")}"]`)
          .textContent())!.trim(),
      );
      await service.check();
    }
    const [first, second] = names as [string, string];

    // Each service ticked gets its own choice; "different hours here" opens its hours grid.
    const hoursOf = (name: string) =>
      editor.getByRole("group", { name: `Hours of ${name} at this location` });
    const choose = async (name: string) => {
      await editor
        .getByRole("group", { name, exact: true })
        .getByLabel("Different hours here")
        .check();
    };
    await expect(
      editor.getByRole("group", { name: first, exact: true }).getByLabel(/Same hours/),
    ).toBeChecked();
    await choose(first);
    await hoursOf(first).getByLabel("Opens on Tuesday", { exact: true }).fill("10:15");
    await hoursOf(first).getByLabel("Closes on Tuesday", { exact: true }).fill("13:45");
    await choose(second);
    await hoursOf(second).getByLabel("Opens on Thursday", { exact: true }).fill("15:30");
    await hoursOf(second).getByLabel("Closes on Thursday", { exact: true }).fill("15:00");
    await expectNoSeriousA11yViolations(editor);
    await editor.getByRole("button", { name: /Send for review/ }).click();
    // A wrong row comes back with its message, at that service's hours, and what was typed.
    await expect(
      hoursOf(second).getByText("The closing time must be after the opening time."),
    ).toBeVisible();
    await expect(hoursOf(first).getByLabel("Opens on Tuesday", { exact: true })).toHaveValue(
      "10:15",
    );
    await hoursOf(second).getByLabel("Closes on Thursday", { exact: true }).fill("19:15");
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
    await expect(diff.getByRole("row", { name: /Services offered here/ })).toContainText(first);
    await expect(
      diff.getByRole("row", { name: `Hours of ${first} at this location` }),
    ).toContainText("Tuesday 10:15–13:45");
    await expect(
      diff.getByRole("row", { name: `Hours of ${second} at this location` }),
    ).toContainText("Thursday 15:30–19:15");
    await expectNoSeriousA11yViolations(staff);

    // The preview shows each service's hours at the new place, as the public will see them.
    await staff.getByRole("link", { name: "See it as the public will" }).click();
    const previewed = (name: string) =>
      staff.locator(".service").filter({ has: staff.getByRole("heading", { name }) });
    await expect(previewed(first)).toContainText(/Corona Annex[\s\S]*Tue: 10:15/);
    await expect(previewed(second)).toContainText(/Corona Annex[\s\S]*Thu: 3:30/);
    await staff.goBack();

    await staff.getByRole("button", { name: "Approve and publish" }).click();
    await expect(staff.getByText("The change is approved and published.")).toBeVisible();

    // One review: the location shows on the public page with its phone, pin note and hours,
    // and each service its own hours there.
    await editor.goto("/en/portal");
    await editor.getByRole("link", { name: "View my public listing" }).first().click();
    await editor.waitForURL(/\/en\/orgs\//);
    const location = editor.locator(".location").filter({ hasText: "Corona Annex" });
    await expect(location).toContainText("718-555-0222");
    await expect(location).toContainText("The map pin marks the middle of the ZIP code");
    const section = (name: string) =>
      editor.locator(".service").filter({ has: editor.getByRole("heading", { name }) });
    await expect(section(first)).toContainText(/Corona Annex[\s\S]*Tue: 10:15/);
    // Beside the place's own hours, the service's hours everywhere else are named.
    await expect(section(first).locator(".hours-place", { hasText: "Usual hours" })).toBeVisible();
    await expect(section(first)).not.toContainText("3:30");
    await expect(section(second)).toContainText(/Corona Annex[\s\S]*Thu: 3:30/);
    await expect(section(second)).not.toContainText("10:15");

    // Back in the form, each service shows "different hours here" with its rows.
    await editor.goto("/en/portal");
    await editor
      .getByRole("link", { name: "Edit organization, services and locations" })
      .first()
      .click();
    await editor
      .getByRole("link", { name: /Corona Annex|40-12 Junction Blvd/ })
      .first()
      .click();
    await expect(
      editor.getByRole("group", { name: second, exact: true }).getByLabel("Different hours here"),
    ).toBeChecked();
    await expect(hoursOf(second).getByLabel("Opens on Thursday", { exact: true })).toHaveValue(
      "15:30",
    );
    await editorContext.close();
    await staffContext.close();
  });

  test("with JavaScript off, a service's hours at a new location are chosen and checked", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const editor = await context.newPage();
    await signIn(editor, DEMO_ACCOUNTS.editorA);
    await editor.goto("/en/portal");
    await editor
      .getByRole("link", { name: "Edit organization, services and locations" })
      .first()
      .click();
    await editor.getByRole("link", { name: "Add a location" }).click();
    await editor.getByLabel("Street address").fill("40-14 Junction Blvd");
    await editor.getByLabel("City or neighborhood").fill("Corona");
    await editor.getByLabel("ZIP code").fill("11368");
    const offered = editor.getByRole("group", { name: "Services offered here" });
    const service = offered.getByRole("checkbox").first();
    const name = (await offered
      .locator(`label[for="${await service.getAttribute("id")}"]`)
      .textContent())!.trim();
    await service.check();
    const choice = editor.getByRole("group", { name, exact: true });
    await choice.getByLabel("Different hours here").check();
    // Nothing typed under "different hours here": said at that service's choice.
    await editor.getByRole("button", { name: /Send for review/ }).click();
    await expect(
      editor
        .getByRole("group", { name, exact: true })
        .getByText("Enter the hours at this location, or choose"),
    ).toBeVisible();
    await expect(
      editor.getByRole("group", { name, exact: true }).getByLabel("Different hours here"),
    ).toBeChecked();
    await expect(offered.getByLabel(name)).toBeChecked();
    // The grid sits in a disclosure, open once "different hours here" is chosen.
    const hours = editor.getByRole("group", { name: `Hours of ${name} at this location` });
    await expect(hours.getByLabel("Opens on Friday", { exact: true })).toBeVisible();
    await context.close();
  });
});
