import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support";

/*
 * Issue 11 on the phone of the report: 390×844, with JavaScript on and off. These tests set
 * that viewport themselves; playwright.config.ts runs this file in the "phone" project only.
 */
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

async function phonePage(browser: Browser, javaScript: boolean, options = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: javaScript,
    ...options,
  });
  return { context, page: await context.newPage() };
}

/** Wholly inside the first screen, without scrolling. */
async function expectOnFirstScreen(locator: Locator) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, "has a box").not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
}

async function firstResultOnFirstScreen(page: Page) {
  const first = page.locator(".result-list > li").first();
  await expectOnFirstScreen(first.getByRole("heading", { level: 3 }));
  await expectOnFirstScreen(first.locator(".facts > div").filter({ hasText: "Distancia" }));
  await expectOnFirstScreen(first.locator('a[href^="tel:"]'));
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? "JS on" : "JS off";

  test(`results on the first screen: one-line search, compact language list (${mode}) @phone`, async ({
    browser,
  }) => {
    const { context, page } = await phonePage(browser, javaScript);
    await page.goto("/es/search?q=asilo&near=11368");

    const summary = page.locator(".search-summary > summary");
    await expect(summary).toHaveText(/asilo · cerca de 11368\s*· Cambiar/);
    await expect(page.getByLabel("¿Con qué necesita ayuda?")).toBeHidden();
    // The language list is one line, its links behind it.
    await expect(page.getByRole("link", { name: "English", exact: true })).toBeHidden();
    await expectOnFirstScreen(page.locator(".language-switcher summary"));
    await firstResultOnFirstScreen(page);
    if (javaScript) await expectNoSeriousA11yViolations(page);

    // "Cambiar" opens the whole form, filled in.
    await summary.click();
    await expect(page.getByLabel("¿Con qué necesita ayuda?")).toHaveValue("asilo");
    await expect(page.getByLabel("Cerca de (código postal o lugar)")).toHaveValue("11368");

    // The language disclosure holds plain links that keep the search.
    await page.locator(".language-switcher summary").click();
    await page.getByRole("link", { name: "English", exact: true }).click();
    await expect(page).toHaveURL(/\/en\/search\?q=asilo&near=11368/);
    await expect(page.locator(".search-summary > summary")).toHaveText(
      /asilo · near 11368\s*· Change/,
    );
    await context.close();
  });

  test(`filters: most-used first, the rest behind "More filters", chosen ones as chips at the top (${mode}) @phone`, async ({
    browser,
  }) => {
    const { context, page } = await phonePage(browser, javaScript);
    await page.goto("/es/search?q=asilo&near=11368");
    const panel = page.locator("details.filters");
    await panel.locator("> summary").click();
    await expect(page.getByRole("button", { name: "Aplicar filtros" })).toBeVisible();
    // Was 3,175 px open on a phone.
    const height = (await panel.boundingBox())!.height;
    expect(height).toBeLessThan(1800);
    const more = panel.locator("details.filters__more");
    await expect(more).not.toHaveAttribute("open");
    await expect(page.getByText("Cómo recibe la ayuda", { exact: true })).toBeHidden();
    await more.locator("> summary").click();
    await expect(page.getByText("Cómo recibe la ayuda", { exact: true })).toBeVisible();

    await page.getByRole("checkbox", { name: /^Español/ }).check();
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page).toHaveURL(/language=es/);
    const chip = page.getByRole("link", { name: "Quitar el filtro: Español" });
    await expectOnFirstScreen(chip);
    // Above the panel and the results.
    expect((await chip.boundingBox())!.y).toBeLessThan(
      (await page.locator("details.filters").boundingBox())!.y,
    );
    if (javaScript) await expectNoSeriousA11yViolations(page);
    await chip.click();
    await expect(page).not.toHaveURL(/language=es/);
    await expect(page.getByRole("link", { name: "Quitar el filtro: Español" })).toHaveCount(0);
    await context.close();
  });

  test(`organization page: call, geo: directions, today's hours, new clients, languages first (${mode}) @phone`, async ({
    browser,
  }) => {
    const { context, page } = await phonePage(browser, javaScript);
    const thirdParty: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("http://127.0.0.1")) thirdParty.push(request.url());
    });
    await page.goto("/es/search?q=asilo&near=11368");
    // The result's title links to its service's section, which has a phone number too.
    const serviceLink = page.locator(".result-list > li").first().locator(".result__title a");
    const hash = new URL((await serviceLink.getAttribute("href"))!, "http://x").hash;
    await serviceLink.click();
    await expect(page.locator(hash).locator('a[href^="tel:"]').first()).toBeVisible();

    await page.evaluate(() => window.scrollTo(0, 0));
    const glance = page.getByRole("region", { name: "Cómo pedir ayuda aquí" });
    await expectOnFirstScreen(glance.getByRole("link", { name: /^Llamar/ }));
    const directions = glance.getByRole("link", { name: "Cómo llegar (app de mapas)" });
    await expectOnFirstScreen(directions);
    await expect(directions).toHaveAttribute("href", /^geo:-?\d+(\.\d+)?,-?\d+(\.\d+)?\?q=/);
    await expectOnFirstScreen(glance.locator("dt", { hasText: "Horario de hoy" }));
    await expectOnFirstScreen(glance.locator("dt", { hasText: "Clientes nuevos" }));
    await expectOnFirstScreen(glance.locator("dt", { hasText: "Idiomas" }));
    // Then the services.
    const services = page.getByRole("heading", { level: 2, name: /Servicios/ });
    expect((await services.boundingBox())!.y).toBeGreaterThan((await glance.boundingBox())!.y);
    expect(thirdParty).toEqual([]);
    if (javaScript) await expectNoSeriousA11yViolations(page);
    await context.close();
  });
}

test("home page: kinds of help as large shortcuts, four taps to free help in Spanish near me @phone", async ({
  browser,
}) => {
  const { context, page } = await phonePage(browser, true, {
    geolocation: { latitude: 40.74961, longitude: -73.86237 },
    permissions: ["geolocation"],
  });
  await page.goto("/es");
  const shortcuts = page.getByRole("navigation", { name: "¿Qué tipo de ayuda necesita?" });
  for (const name of [
    "Ayuda urgente: líneas de ayuda",
    "Asilo",
    "Defensa contra la deportación",
    "DACA",
    "TPS",
    "Peticiones familiares",
    "Ciudadanía",
    "Permisos de trabajo",
    "Conozca sus derechos",
    "Alguien está detenido",
  ]) {
    const link = shortcuts.getByRole("link", { name, exact: true });
    await expect(link).toBeVisible();
    // Large enough for a thumb.
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  await expectNoSeriousA11yViolations(page);

  await shortcuts.getByRole("link", { name: "Asilo", exact: true }).click(); // 1
  await expect(page).toHaveURL(/\/es\/search\?category=asylum$/);
  await page.getByRole("button", { name: "Usar mi ubicación" }).click(); // 2
  await expect(page).toHaveURL(/near=40\.75(%2C|,)-73\.86/);
  await page.getByRole("link", { name: "Agregar filtro: Español" }).click(); // 3
  await expect(page).toHaveURL(/language=es/);
  const first = page.locator(".result-list > li").first();
  await expect(first).toContainText("Español");
  await expect(first).toContainText("Gratis");
  const organization = (await first.locator(".result__org a").textContent())!.trim();
  await first.locator(".result__org a").click(); // 4
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(organization);
  await context.close();
});

test("home page shortcuts work without JavaScript @phone", async ({ browser }) => {
  const { context, page } = await phonePage(browser, false);
  await page.goto("/es");
  await page.getByRole("link", { name: "Alguien está detenido", exact: true }).click();
  await expect(page).toHaveURL(/\/es\/search\?detained=true$/);
  await expect(page.getByRole("link", { name: /Quitar el filtro/ })).toBeVisible();
  await page.goto("/es");
  await page.getByRole("link", { name: "Ayuda urgente: líneas de ayuda" }).click();
  await expect(page).toHaveURL(/\/es\/help$/);
  await context.close();
});

test('"use my location" shows the neighborhood, never coordinates @phone', async ({ browser }) => {
  const { context, page } = await phonePage(browser, true, {
    geolocation: { latitude: 40.74961, longitude: -73.86237 },
    permissions: ["geolocation"],
  });
  await page.goto("/es/search?q=asilo");
  await page.getByRole("button", { name: "Usar mi ubicación" }).click();
  // Rounded in the browser before it is sent.
  await expect(page).toHaveURL(/near=40\.75(%2C|,)-73\.86(&|$)/);
  const summary = page.locator(".search-summary > summary");
  await expect(summary).toHaveText(/asilo · cerca de Corona, Queens/);
  await expect(page.locator(".results__count")).toContainText("cerca de Corona, Queens");
  await expect(page.locator("main")).not.toContainText("40.75");
  await summary.click();
  await expect(page.getByLabel("Cerca de (código postal o lugar)")).toHaveValue("Corona, Queens");
  await context.close();

  // Without JavaScript, a shared link with a position reads the same.
  const noJs = await phonePage(browser, false);
  await noJs.page.goto("/es/search?q=asilo&near=40.75,-73.86");
  await expect(noJs.page.locator(".search-summary > summary")).toHaveText(
    /cerca de Corona, Queens/,
  );
  await expect(noJs.page.locator("main")).not.toContainText("40.75");
  await noJs.context.close();
});
