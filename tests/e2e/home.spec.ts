import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support";

test.describe("home page", () => {
  test("renders the search form and hotlines @phone", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("immigration legal help");
    await expect(page.getByLabel("What do you need help with?")).toBeVisible();
    await expect(page.getByLabel("Near (ZIP code or place)")).toBeVisible();
    await expect(page.getByRole("link", { name: "Get help now" }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Hotlines" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("submits the search form to /search with GET", async ({ page }) => {
    await page.goto("/en");
    await page.getByLabel("What do you need help with?").fill("asylum");
    await page.getByLabel("Near (ZIP code or place)").fill("11368");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/en\/search\?q=asylum&near=11368/);
  });

  test("switches language with the switcher and keeps it in the URL", async ({ page }) => {
    await page.goto("/en");
    // A disclosure ("English ▾") of plain links.
    await page.getByRole("navigation", { name: "Language" }).locator("summary").click();
    await page.getByRole("link", { name: "Español" }).click();
    await expect(page).toHaveURL(/\/es$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByLabel("¿Con qué necesita ayuda?")).toBeVisible();
    // The choice is remembered for unprefixed links.
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
  });

  test("answers an unknown page with a translated 404", async ({ page }) => {
    const response = await page.goto("/es/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Página no encontrada");
  });
});
