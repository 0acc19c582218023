import { expect, test } from "@playwright/test";

/*
 * Translations are not part of any page's HTML: the browser loads its language's chunks once
 * (app/i18n/bundles.ts) before hydrating, and again only for a new language or area. A page
 * that hydrated with missing words would show keys, or log a hydration error.
 */
test("pages carry no translations inline, and hydrate and move between areas without an error", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });

  const response = await page.goto("/ar");
  const html = (await response?.text()) ?? "";
  // "Open now" is a search filter: not on the home page, and no longer in its loader data.
  expect(html).not.toContain("مفتوح الآن");
  expect(html.length).toBeLessThan(20_000);
  await page.waitForFunction(() => "__remixRouter" in window);

  // A client-side move into the member area loads its words before it renders.
  await page.getByRole("link", { name: "دخول الأعضاء" }).first().click();
  await expect(page).toHaveURL(/\/ar\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تسجيل الدخول");
  // A search page, loaded afresh: its filter words arrive with the chunks, not the HTML.
  await page.goto("/ar/search?q=asylum");
  await page.waitForFunction(() => "__remixRouter" in window);
  await expect(page.getByText("مفتوح الآن").first()).toBeVisible();
  expect(errors).toEqual([]);
});

test("when its words cannot be fetched, a page stays as the server rendered it, and its links work", async ({
  page,
}) => {
  // The translation chunks fail (a lost connection, a deployment that replaced them).
  await page.route(/\/assets\/(common|vocabulary|search|directory)-[\w-]+\.js$/, (route) =>
    route.abort(),
  );
  await page.goto("/es/search?q=asilo");
  await page.waitForLoadState("networkidle");
  // Not hydrated without its words: the Spanish the server wrote stays, no key replaces it.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buscar ayuda legal");
  expect(await page.evaluate(() => "__remixRouter" in window)).toBe(false);
  await page.getByRole("link", { name: "Acceso para miembros" }).click();
  await expect(page).toHaveURL(/\/es\/login/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión");
});
