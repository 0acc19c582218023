import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations, signIn } from "./support";

/* Issue 12 item 8: an editor picks the languages of a service by name, never by code. */

/** The first service of the editor's organization, opened for editing in `locale`. */
async function openFirstService(page: Page, locale: string) {
  await page.goto(`/${locale}/portal`);
  await page.locator('a[href*="/portal/orgs/"]').first().click();
  await page.locator('a[href*="/portal/services/"][href$="/edit"]').first().click();
  await page.waitForURL(/\/portal\/services\/[^/]+\/edit$/);
}

/** Withdraws what the test sent, so other tests find the listing as the seed left it. */
async function withdrawAll(page: Page, locale: string, label: string) {
  await page.goto(`/${locale}/portal`);
  const buttons = page.getByRole("button", { name: label, exact: true });
  while ((await buttons.count()) > 0) {
    await buttons.first().click();
    await page.waitForLoadState("networkidle");
  }
}

test.describe("languages by name", () => {
  test("without JavaScript: names typed in Spanish, an unknown one is named and kept", async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, DEMO_ACCOUNTS.editorB);
    await openFirstService(page, "es");
    const other = page.getByLabel("Otros idiomas", { exact: true });
    await expect(other).toHaveAttribute("type", "text");

    await other.fill("mam, Klingonés");
    await page.getByRole("button", { name: "Enviar para revisión" }).click();
    await expect(page.getByText("No conocemos un idioma llamado: Klingonés.")).toBeVisible();
    await expect(other).toHaveValue("mam, Klingonés");
    await expect(other).toHaveAttribute("aria-invalid", "true");

    await other.fill("mam, tseltal, K'iche'");
    await page.getByRole("button", { name: "Enviar para revisión" }).click();
    await expect(page.getByText("Sus cambios se enviaron al personal")).toBeVisible();
    // The pending change shows the languages by name in the editor's language, never as codes.
    const shown = (await other.inputValue()).split(", ");
    expect(shown).toHaveLength(3);
    expect(shown).toEqual(expect.arrayContaining(["Mam", "Tseltal"]));
    expect(shown.some((name) => /^(K.iche.|Quiché)$/.test(name))).toBe(true);

    await withdrawAll(page, "es", "Retirar");
    await context.close();
  });

  test("with JavaScript: type-ahead by any name, chips, keyboard only", async ({ page }) => {
    test.setTimeout(150_000);
    await signIn(page, DEMO_ACCOUNTS.editorB);
    await openFirstService(page, "en");
    const combobox = page.getByRole("combobox", { name: "Other languages" });
    await expect(combobox).toBeVisible();

    await combobox.fill("tsel");
    const listbox = page.getByRole("listbox", { name: "Other languages" });
    await expect(listbox.getByRole("option").first()).toHaveText("Tzeltal · tseltal");
    await expectNoSeriousA11yViolations(page);
    await combobox.press("Enter");
    const chips = page.getByRole("list", { name: "Chosen languages" });
    await expect(chips.getByText("Tzeltal", { exact: true })).toBeVisible();
    await expect(combobox).toHaveValue("");

    // By the language's own name, shown in English.
    await combobox.fill("wolof");
    await expect(listbox.getByRole("option").first()).toContainText("Wolof");
    await combobox.press("ArrowDown");
    await combobox.press("ArrowUp");
    await combobox.press("Enter");
    // Wolof has a checkbox: it is ticked rather than made a chip.
    await expect(
      page.getByRole("group", { name: "Languages the service is offered in" }).getByLabel("Wolof"),
    ).toBeChecked();

    await combobox.fill("mam");
    await expect(listbox.getByRole("option").first()).toHaveText("Mam");
    await combobox.press("Enter");
    await expect(chips.getByText("Mam", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Remove Mam" }).click();
    await expect(chips.getByText("Mam", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "Mam removed." })).toHaveCount(1);

    await page.getByRole("button", { name: "Send for review" }).click();
    await expect(page.getByText("Your changes were sent to the coalition staff")).toBeVisible();
    await expect(
      page.getByRole("list", { name: "Chosen languages" }).getByText("Tzeltal", { exact: true }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await withdrawAll(page, "en", "Withdraw");
  });
});
