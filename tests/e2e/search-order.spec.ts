import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support";

/*
 * Issue 11, items 2–5 on a phone: an honest Distance control, best matches first with a
 * visible sort choice, data in another script laid out in its own order in Arabic and Urdu,
 * languages named, never shown as codes.
 */

const results = (page: Page) => page.locator(".result-list > li");

/** The number in "42 services found near …" (the first number of the count line). */
async function countOf(page: Page): Promise<number> {
  const text = (await page.locator(".results__count").textContent()) ?? "";
  return Number(/[0-9][0-9,.]*/.exec(text)?.[0]?.replace(/[,.]/g, "") ?? NaN);
}

/**
 * Reads the rendered order: true when the first character of the element's text is drawn to
 * the left of its last one (a left-to-right run), whatever the page's direction.
 */
async function drawnLeftToRight(element: Locator): Promise<boolean> {
  return element.evaluate((node) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    while (walker.nextNode()) texts.push(walker.currentNode as Text);
    const first = texts.find((text) => text.data.trim() !== "")!;
    const last = [...texts].reverse().find((text) => text.data.trim() !== "")!;
    const box = (text: Text, index: number) => {
      const range = document.createRange();
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      return range.getBoundingClientRect();
    };
    const start = box(first, first.data.search(/\S/));
    const endIndex = last.data.trimEnd().length - 1;
    const end = box(last, endIndex);
    // On one line, left to right means the first character is left of the last.
    return Math.abs(start.top - end.top) < 2 ? start.left < end.left : start.top < end.top;
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`distance: the control shows the radius in use, "any distance" means it, and what a radius leaves out is counted (JS ${javaScriptEnabled ? "on" : "off"}) @phone`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto("/es/search?q=asilo&near=11368");
    await expect(page.locator("#search-radius")).toHaveValue("10");
    const within = await countOf(page);
    const farther = page.locator(".results__farther");
    await expect(farther).toContainText("más lejos");
    await farther.getByRole("link", { name: "Ver todas las distancias" }).click();
    await expect(page).toHaveURL(/radius=any/);
    await expect(page.locator("#search-radius")).toHaveValue("any");
    await expect(page.locator(".results__farther")).toHaveCount(0);
    await expect.poll(() => countOf(page)).toBeGreaterThan(within);
    const any = await countOf(page);
    expect(any).toBeGreaterThan(within);
    // Choosing "Cualquier distancia" in the form gives the same.
    await page.goto("/es/search?q=asilo&near=11368&radius=25");
    // On a phone the form is folded into one line: "Cambiar" opens it.
    const summary = page.locator(".search-summary > summary");
    if (await summary.isVisible()) await summary.click();
    await page.locator("#search-radius").selectOption("any");
    await page.getByRole("search").getByRole("button").last().click();
    await expect(page).toHaveURL(/radius=any/);
    await expect.poll(() => countOf(page)).toBe(any);
    await context.close();
  });
}

test("best match first, with a sort choice that is a link @phone", async ({ page }) => {
  await page.goto("/en/search?q=asylum&near=11368");
  const choice = page.getByRole("navigation", { name: "Sort by" });
  await expect(choice.getByRole("link", { name: "Best match" })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(page.getByText("Best matches first.")).toBeVisible();
  // The first result is an asylum service that takes new clients.
  const first = results(page).first();
  await expect(first.locator(".result__title")).toContainText(/asylum/i);
  await expect(first).toContainText("Accepting new clients");
  await expectNoSeriousA11yViolations(page);

  await choice.getByRole("link", { name: "Closest" }).click();
  await expect(page).toHaveURL(/sort=closest/);
  await expect(page.getByText("Closest first.")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Closest" }),
  ).toHaveAttribute("aria-current", "true");
  // A bad value is ignored and said so, not an error.
  const response = await page.goto("/en/search?q=asylum&near=11368&sort=cheapest");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("Best matches first.")).toBeVisible();
});

for (const { locale, inEnglish } of [
  { locale: "ar", inEnglish: "الإنجليزية" },
  { locale: "ur", inEnglish: "انگریزی" },
] as const) {
  test(`${locale}: addresses, hours, phones and English text keep their own order @phone`, async ({
    page,
  }) => {
    await page.goto(`/${locale}/search?q=asylum&near=10301&radius=any`);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const first = results(page).first();

    // The address is an isolate, drawn left to right, its text intact (number first).
    const address = first.locator(".result__address");
    expect(await address.evaluate((node) => node.tagName)).toBe("BDI");
    await expect(address).toHaveText(/^[0-9][0-9A-Za-z-]* .+ [0-9]{5}$/);
    expect(await drawnLeftToRight(address)).toBe(true);

    // The phone number is a left-to-right isolate.
    const phone = first.locator('a[href^="tel:"]');
    await expect(phone).toHaveAttribute("dir", "ltr");
    await expect(phone).toHaveText(/^\(?[0-9]{3}\)? ?[0-9]{3}-[0-9]{4}/);
    expect(await drawnLeftToRight(phone)).toBe(true);

    // A description shown in English says so, in the page's language, and is marked as English.
    const english = page.locator('.result__description bdi[lang="en"]').first();
    await expect(english).toBeVisible();
    expect(await drawnLeftToRight(english)).toBe(true);
    await expect(page.locator('.result__description:has(bdi[lang="en"])').first()).toContainText(
      inEnglish,
    );

    await expectNoSeriousA11yViolations(page);

    // The organization page: the address and the hours keep their order too.
    await first.locator(".result__org a").click();
    await expect(page.locator("h1")).toBeVisible();
    const orgAddress = page.locator("address bdi").first();
    await expect(orgAddress).toHaveText(/[0-9]{5}/);
    expect(await drawnLeftToRight(orgAddress)).toBe(true);
    const hours = page.locator("bdi.hours").first();
    if ((await hours.count()) > 0) {
      const text = (await hours.textContent()) ?? "";
      // Hours written with Latin digits and AM/PM (Urdu) are drawn left to right.
      if (/[AP]M/.test(text)) expect(await drawnLeftToRight(hours)).toBe(true);
    }
    await expectNoSeriousA11yViolations(page);
  });
}

test("languages are named, never shown as codes @phone", async ({ page }) => {
  for (const locale of ["es", "en", "ar"]) {
    await page.goto(`/${locale}/search?radius=any`);
    // Wherever the filter panel puts them: the label of each language checkbox.
    const labels = await page
      .locator('input[name="language"]')
      .evaluateAll((inputs) =>
        inputs.map((input) =>
          ((input as HTMLInputElement).labels?.[0]?.textContent ?? "")
            .replace(/\s*[(（][0-9٠-٩۰-۹,.٬]+[)）]\s*$/u, "")
            .trim(),
        ),
      );
    expect(labels.length).toBeGreaterThan(5);
    // A code shown as a name looked like "Mix", "Mnk", "Nah" (Mam is also its name).
    const codes = labels.filter((label) => /^[A-Z][a-z]{1,2}$/.test(label) && label !== "Mam");
    expect(codes).toEqual([]);
    if (locale === "es")
      expect(labels).toEqual(expect.arrayContaining(["Mixteco", "Náhuatl", "Mam", "Garífuna"]));
    if (locale === "en") {
      expect(labels).toEqual(expect.arrayContaining(["Mixtec", "Nahuatl", "Mandinka"]));
      expect(labels.some((label) => /^K.iche.$/.test(label))).toBe(true);
    }
  }
});
