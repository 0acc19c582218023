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
