import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support";

/** The first result's organization link, then the organization page it opens. */
async function openFirstOrganization(page: Page) {
  const firstResult = page.locator(".result-list > li").first();
  const organizationLink = firstResult.getByRole("link").nth(1);
  const organizationName = (await organizationLink.textContent())!.trim();
  await organizationLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(organizationName);
}

async function searchFromHome(page: Page) {
  await page.goto("/en");
  await page.getByLabel("What do you need help with?").fill("asylum");
  await page.getByLabel("Near (ZIP code or place)").fill("11368");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/en\/search\?q=asylum&near=11368/);
  await expect(page.getByText(/services? found near 11368/)).toBeVisible();
  await expect(page.getByText("Best matches first.")).toBeVisible();
}

async function filterBySpanish(page: Page) {
  const filters = page.locator("details.filters");
  if (!(await filters.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await filters.locator("> summary").click();
  }
  await page.getByRole("checkbox", { name: /^Spanish/ }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/language=es/);
  await expect(page.getByRole("link", { name: /Remove filter: Spanish/ })).toBeVisible();
}

test.describe("finding legal help", () => {
  test("from the home page with a ZIP code, filter by language, open an organization @phone", async ({
    page,
  }) => {
    await searchFromHome(page);
    await expectNoSeriousA11yViolations(page);
    await filterBySpanish(page);
    await expect(page.locator(".result-list > li").first()).toContainText("Spanish");
    await openFirstOrganization(page);
    await expectNoSeriousA11yViolations(page);
  });

  test("works the same with JavaScript off @phone", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await searchFromHome(page);
    await filterBySpanish(page);
    await openFirstOrganization(page);
    await context.close();
  });

  test("loads the map only when it is shown", async ({ page }) => {
    const mapRequests: string[] = [];
    page.on("request", (request) => {
      if (/leaflet|ResultsMap/i.test(request.url())) mapRequests.push(request.url());
    });
    await page.goto("/en/search?near=11368&radius=5");
    await expect(page.getByText(/services? found near 11368/)).toBeVisible();
    expect(mapRequests).toEqual([]);
    await page.getByRole("button", { name: "Show map" }).click();
    await expect(page.getByRole("region", { name: "Map of the results" })).toBeVisible();
    expect(mapRequests.length).toBeGreaterThan(0);
  });

  test("the results sent once as HTML still drive the map and open in the app", async ({
    page,
  }) => {
    // The list arrives as markup only (app/http/markup-only.tsx): the map reads its points
    // from it, the pointer highlights a result and its marker, and its links open pages
    // without loading a whole document.
    const documents: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document") documents.push(request.url());
    });
    await page.goto("/en/search?near=11368&radius=5");
    const results = page.locator(".result-list > li");
    await expect(results.first()).toBeVisible();
    await page.getByRole("button", { name: "Show map" }).click();
    const map = page.getByRole("region", { name: "Map of the results" });
    await expect(map.locator(".leaflet-marker-icon").first()).toBeVisible();
    await results.nth(1).hover();
    await expect(results.nth(1)).toHaveClass(/is-highlighted/);
    await expect(map.locator(".leaflet-marker-icon.is-highlighted")).toHaveCount(1);

    // The next page's list is rendered in the browser; it works the same.
    const firstName = await results.first().locator(".result__title").textContent();
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(results.first().locator(".result__title")).not.toHaveText(firstName!);
    await results.first().hover();
    await expect(results.first()).toHaveClass(/is-highlighted/);
    await page.goBack();
    await expect(results.first().locator(".result__title")).toHaveText(firstName!);

    await openFirstOrganization(page);
    expect(documents).toHaveLength(1);
  });

  test("explains a bad parameter instead of failing", async ({ page }) => {
    const response = await page.goto("/en/search?radius=abc&fees=gold&page=-4");
    expect(response?.status()).toBe(200);
    await expect(page.getByText(/We could not use some parts of your search/)).toBeVisible();
  });

  test("never strands anyone when nothing matches", async ({ page }) => {
    await page.goto("/en/search?q=zzqxqzz");
    await expect(page.getByText("No services found.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Hotlines" })).toBeVisible();
  });
});
