import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../app/accounts/seed/demo-accounts";
import { expectNoSeriousA11yViolations, signIn } from "./support";

/**
 * Issue 12, item 2 and 3: the slip is handed over (QR code, reference code, email, text message
 * through a stand-in SMS provider) and found again when the person calls back.
 */
const ORGANIZATION = "Corona Plaza Immigrant Defense Project";
const QUERY = "bond hearings";
const PERSON = {
  callName: "Lucía",
  phone: "(929) 555-0163",
  e164: "+19295550163",
  email: "lucia.handover@example.org",
};

/** The SMS provider's stand-in, on the port playwright.config.ts gives the app (E2E_SMS_PORT). */
const messages: { authorization: string | undefined; body: { to: string; text: string } }[] = [];
let provider: Server;

test.beforeAll(async () => {
  provider = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      messages.push({ authorization: request.headers.authorization, body: JSON.parse(raw) });
      response.writeHead(202, { "Content-Type": "application/json" });
      response.end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) =>
    provider.listen(Number(process.env.E2E_SMS_PORT), "127.0.0.1", resolve),
  );
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => provider.close(() => resolve()));
});

async function lookUp(page: Page, query: string) {
  await page.goto("/en/staff/referrals");
  const lookup = page.getByRole("region", { name: "Find a referral when the person calls back" });
  await lookup.getByLabel("Reference code, phone number or email").fill(query);
  await lookup.getByRole("button", { name: "Find" }).click();
  return lookup.getByRole("table", { name: "Referrals found" });
}

/** Staff (signed in) refer the person to the organization's bond service; the referral's URL. */
async function refer(page: Page, person: { callName: string; phone: string; email: string }) {
  await page.goto(`/en/search?q=${encodeURIComponent(QUERY)}`);
  const result = page
    .getByRole("article")
    .filter({ has: page.getByRole("link", { name: ORGANIZATION, exact: true }) })
    .first();
  const serviceName = (await result.getByRole("heading").textContent())!.trim();
  await result.getByRole("link", { name: `Refer someone to ${serviceName}` }).click();
  await page.getByLabel("How to call the person").fill(person.callName);
  await page.getByLabel("Preferred language").selectOption({ label: "English" });
  await page.getByLabel("Phone (optional)").fill(person.phone);
  await page.getByLabel("The person agreed to be contacted by phone").check();
  await page.getByLabel("Email (optional)").fill(person.email);
  await page.getByLabel("The person agreed to be contacted by email").check();
  await page
    .getByRole("group", { name: "What does the person need help with?" })
    .getByRole("checkbox", { name: "Bond hearings", exact: true })
    .check();
  await page.getByRole("button", { name: "Make the referral" }).click();
  await expect(page.getByText("The referral was sent to the organization.")).toBeVisible();
  return page.url();
}

test("staff hand the slip over by QR code, email and text message, then find it by code and phone", async ({
  page,
}) => {
  await signIn(page, DEMO_ACCOUNTS.staff);
  const referralUrl = await refer(page, PERSON);

  // The link, its QR code (drawn by the server) and the reference code.
  const panel = page.getByRole("region", { name: "The person's slip link", exact: true });
  const slipUrl = (await panel.getByRole("link").first().getAttribute("href"))!;
  expect(slipUrl).toMatch(/\/r\/[A-Za-z0-9_-]{22}$/);
  const qr = panel.getByRole("img", { name: "QR code of the slip link" });
  await expect(qr).toBeVisible();
  expect(await qr.locator("path").getAttribute("d")).toMatch(/^M\d+ \d+h1v1h-1z/);
  const code = (await panel.locator(".reference-code").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
  const facts = page.getByRole("region", { name: "The referral", exact: true });
  await expect(facts).toContainText(code);
  await expectNoSeriousA11yViolations(page);

  // By email (queued in the outbox), then by text message (to the stand-in provider).
  await panel.getByRole("button", { name: "Send by email" }).click();
  await expect(panel.getByText("The link is on its way to the person by email.")).toBeVisible();
  await panel.getByRole("button", { name: "Send by text message" }).click();
  await expect(panel.getByText("The link was sent by text message.")).toBeVisible();
  await expect.poll(() => messages.length).toBe(1);
  expect(messages[0]!.authorization).toBe("Bearer e2e-stand-in");
  expect(messages[0]!.body.to).toBe(PERSON.e164);
  expect(messages[0]!.body.text).toContain(slipUrl);
  expect(messages[0]!.body.text).toContain(code);

  // Both sends are on the timeline, with who sent them, and neither address nor number.
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("Slip link sent by email");
  await expect(timeline).toContainText("Slip link sent by text message");
  await expect(timeline).not.toContainText(PERSON.email);
  await expect(timeline).not.toContainText("555-0163");

  // The slip itself carries the code and a QR code of its own link.
  await page.goto(slipUrl);
  await expect(page.getByRole("heading", { name: "Your reference code" })).toBeVisible();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code of this page's link" })).toBeVisible();

  // The person calls back: by the code they read out, then by their phone number.
  let found = await lookUp(page, code.toLowerCase().replace("-", " "));
  await found.getByRole("link", { name: code }).click();
  await expect(page).toHaveURL(referralUrl);

  found = await lookUp(page, PERSON.e164);
  await expect(found.getByRole("link", { name: code })).toBeVisible();
  found = await lookUp(page, PERSON.email.toUpperCase());
  await expect(found.getByRole("link", { name: code })).toBeVisible();

  // Something that is neither comes back with what was typed and a message at the field.
  await lookUp(page, "asylum in Queens");
  const field = page.getByLabel("Reference code, phone number or email");
  await expect(field).toHaveValue("asylum in Queens");
  await expect(page.getByText("Enter a reference code (8 characters")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sending by email and the call-back lookup work as plain forms", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.staff);
    const email = "no-script.handover@example.org";
    const referralUrl = await refer(page, { callName: "Wen", phone: "(347) 555-0188", email });
    const panel = page.getByRole("region", { name: "The person's slip link", exact: true });
    const code = (await panel.locator(".reference-code").textContent())!.trim();
    await panel.getByRole("button", { name: "Send by email" }).click();
    // The page comes back from the form post with the link still there to hand over.
    await expect(panel.getByText("The link is on its way to the person by email.")).toBeVisible();
    await expect(panel.getByRole("img", { name: "QR code of the slip link" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Timeline" })).toContainText(
      "Slip link sent by email",
    );

    const found = await lookUp(page, email);
    await found.getByRole("link", { name: code }).click();
    await expect(page).toHaveURL(referralUrl);

    const none = await lookUp(page, "ZZZZ-ZZZZ");
    await expect(none).toHaveCount(0);
    await expect(page.getByText("No referral matches.", { exact: false })).toBeVisible();
  });
});
