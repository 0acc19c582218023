import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations } from "./support";

test.describe("signing in", () => {
  test("a wrong password keeps the email and says what to do", async ({ page }) => {
    await page.goto("/en/login");
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Email").fill(DEMO_ACCOUNTS.staff.email);
    await page.getByLabel("Password", { exact: true }).fill("not-the-right-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("The email or the password is not right.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_ACCOUNTS.staff.email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  });

  test("staff sign in, see the account menu, and sign out", async ({ page }) => {
    await page.goto("/en/login");
    await page.getByLabel("Email").fill(DEMO_ACCOUNTS.staff.email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_ACCOUNTS.staff.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("You are signed in.")).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Member sign in" })).toBeVisible();
  });

  test("works with JavaScript off", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/es/login");
    await page.getByLabel("Correo electrónico").fill(DEMO_ACCOUNTS.editorA.email);
    await page.getByLabel("Contraseña", { exact: true }).fill(DEMO_ACCOUNTS.editorA.password);
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    await expect(page.getByText("Ha iniciado sesión.")).toBeVisible();
    await context.close();
  });
});
