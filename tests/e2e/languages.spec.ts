import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support";

const SCREENSHOT_LOCALES = [
  { locale: "ar", dir: "rtl", query: "لجوء" },
  { locale: "zh-Hans", dir: "ltr", query: "庇护" },
  { locale: "bn", dir: "ltr", query: "আশ্রয়" },
] as const;

test.describe("the search page in the languages of New York", () => {
  for (const { locale, dir, query } of SCREENSHOT_LOCALES) {
    test(`${locale}: right direction, results for "${query}", no serious axe violations @phone`, async ({
      page,
    }, testInfo) => {
      await page.goto(`/${locale}/search?q=${encodeURIComponent(query)}&near=11368`);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expect(page.locator(".result-list > li").first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await testInfo.attach(`search-${locale}`, {
        body: await page.screenshot({ fullPage: true }),
        contentType: "image/png",
      });
    });
  }

  test("Urdu pages are right-to-left too, and the switcher names each language in itself", async ({
    page,
  }) => {
    await page.goto("/ur");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const switcher = page.locator(".language-switcher");
    await switcher.locator("summary").click();
    for (const name of [
      "Español",
      "简体中文",
      "繁體中文",
      "Русский",
      "বাংলা",
      "Kreyòl ayisyen",
      "한국어",
      "العربية",
      "اردو",
      "Français",
      "Polski",
    ]) {
      await expect(switcher.getByRole("link", { name, exact: true })).toBeVisible();
    }
  });
});
