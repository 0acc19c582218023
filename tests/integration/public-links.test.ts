import { randomBytes, randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, organizationMemberships, users } from "#db/schema";
import { resetConfigCache } from "~/config.server";
import { sendFreshnessReminders } from "~/directory/freshness.server";
import { createReferral } from "~/referrals/referrals.server";
import { action as forgotAction } from "~/routes/($lang).forgot-password";
import * as referralPageRoute from "~/routes/($lang).staff.referrals.$id";
import * as newReferralRoute from "~/routes/($lang).staff.referrals.new";
import { action as peopleAction } from "~/routes/($lang).staff.people";
import { createAccount } from "../support/factories";
import { useTestEnvironment } from "../support/environment";
import {
  formBody,
  insertOrganizationWithService,
  referralInput,
  requestAs,
  staffActor,
} from "../support/referral-fixtures";
import { callRoute, cookiesFrom, postForm } from "../support/routes";
import { action as loginAction } from "~/routes/($lang).login";

/**
 * Every absolute link (slips, reset and invitation emails, referral notices, reminders) is
 * built from PUBLIC_URL, or in development and tests from the listening address, and never
 * from the request's Host header.
 */
process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const env = useTestEnvironment();
const CONFIGURED = "https://puente.example.org";
/** The test process listens (by configuration) on the defaults: 127.0.0.1:3000. */
const LISTENING = "http://localhost:3000";

function usePublicUrl(value: string | undefined) {
  if (value === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = value;
  resetConfigCache();
}

afterEach(() => usePublicUrl(undefined));

let org: Awaited<ReturnType<typeof insertOrganizationWithService>>;
beforeAll(async () => {
  org = await insertOrganizationWithService(env().db, { name: "Astoria Legal Clinic" });
});

async function lastMailTo(to: string) {
  const [message] = await env()
    .db.select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, to))
    .orderBy(desc(mailOutbox.id))
    .limit(1);
  return message;
}

/** A staff member's Refer form, posted to a forged Host (the URL a server builds from it). */
async function referFromForgedHost(): Promise<string> {
  const signedIn = await requestAs(env().db, staffActor(), "/en/staff/referrals/new");
  const request = new Request(
    `http://evil.example/en/staff/referrals/new?service=${org.serviceId}`,
    {
      method: "POST",
      headers: {
        Cookie: signedIn.headers.get("Cookie")!,
        Origin: "http://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: formBody({
        serviceId: org.serviceId,
        mode: "sent",
        callName: "Ana",
        preferredLanguage: "en",
        needs: ["asylum"],
      }),
    },
  );
  const outcome = await callRoute(newReferralRoute.action, request, { params: { lang: "en" } });
  expect(outcome.status).toBeLessThan(400);
  // The slip link is shown once, in the body of the referral's page the action leads to
  // (never in a cookie), to the person who made it: that page is asked with the forged Host too.
  const location = outcome.headers.get("Location")!;
  const page = await callRoute(
    referralPageRoute.loader,
    new Request(`http://evil.example${location}`, {
      headers: { Cookie: signedIn.headers.get("Cookie")! },
    }),
    { params: { lang: "en", id: location.split("/").at(-1)! } },
  );
  const haystack = JSON.stringify(page.data ?? "");
  const link = /(https?:\/\/[^"\s]+\/r\/[A-Za-z0-9_-]+)/.exec(haystack)?.[1];
  if (!link) throw new Error(`no slip link in the answer:\n${haystack}`);
  return link;
}

describe("the slip link", () => {
  it("points to PUBLIC_URL even when the request came with Host: evil.example", async () => {
    usePublicUrl(CONFIGURED);
    const link = await referFromForgedHost();
    expect(link).toMatch(new RegExp(`^${CONFIGURED}/r/[A-Za-z0-9_-]+$`));
  });

  it("without PUBLIC_URL (development, tests) points to the listening address, not the Host", async () => {
    const link = await referFromForgedHost();
    expect(link.startsWith(`${LISTENING}/r/`)).toBe(true);
    expect(link).not.toContain("evil.example");
  });
});

describe("links in emails", () => {
  const SETTINGS = [
    { PUBLIC_URL: CONFIGURED, origin: CONFIGURED },
    { PUBLIC_URL: undefined, origin: LISTENING },
  ];

  it.each(SETTINGS)(
    "a referral notice carries an absolute link (PUBLIC_URL=$PUBLIC_URL)",
    async (setting) => {
      usePublicUrl(setting.PUBLIC_URL);
      const editorId = randomUUID();
      const email = `editor-${editorId.slice(0, 8)}@astoria.example`;
      await env()
        .db.insert(users)
        .values({ id: editorId, email, name: "Editor", role: "org_editor", passwordHash: "x" });
      await env()
        .db.insert(organizationMemberships)
        .values({ userId: editorId, organizationId: org.organizationId });
      const staff = staffActor();
      await requestAs(env().db, staff, "/en/staff");
      const created = await createReferral(env().db, {
        actor: staff,
        serviceId: org.serviceId,
        referral: referralInput(),
      });
      const mail = await lastMailTo(email);
      expect(mail?.text).toContain(`${setting.origin}/en/portal/referrals/${created.referralId}`);
    },
  );

  it.each(SETTINGS)(
    "a referral notice to an intake email carries an absolute link (PUBLIC_URL=$PUBLIC_URL)",
    async (setting) => {
      usePublicUrl(setting.PUBLIC_URL);
      const suffix = randomUUID().slice(0, 8);
      const intakeEmail = `intake-${suffix}@harbor.example`;
      const intakeOnly = await insertOrganizationWithService(env().db, {
        name: `Harbor Clinic ${suffix}`,
        editor: false,
        intakeEmail,
      });
      const staff = staffActor();
      await requestAs(env().db, staff, "/en/staff");
      await createReferral(env().db, {
        actor: staff,
        serviceId: intakeOnly.serviceId,
        referral: referralInput(),
      });
      const mail = await lastMailTo(intakeEmail);
      expect(mail?.text).toContain(`${setting.origin}/en/orgs/harbor-clinic-${suffix}`);
    },
  );

  it.each(SETTINGS)(
    "a password reset email ignores the Host (PUBLIC_URL=$PUBLIC_URL)",
    async (setting) => {
      usePublicUrl(setting.PUBLIC_URL);
      const account = await createAccount(env().db);
      const request = new Request("http://evil.example/es/forgot-password", {
        method: "POST",
        headers: {
          Origin: "http://evil.example",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ email: account.email }),
      });
      const outcome = await callRoute(forgotAction, request, {
        params: { lang: "es" },
        clientAddress: "192.0.2.201",
      });
      expect(outcome.status).toBe(302);
      const mail = await lastMailTo(account.email);
      expect(mail?.text).toMatch(
        new RegExp(`${setting.origin}/es/reset-password/[A-Za-z0-9_-]{43}`),
      );
      expect(mail?.text).not.toContain("evil.example");
    },
  );

  it.each(SETTINGS)("an invitation ignores the Host (PUBLIC_URL=$PUBLIC_URL)", async (setting) => {
    usePublicUrl(setting.PUBLIC_URL);
    const admin = await createAccount(env().db, { role: "admin" });
    const login = await callRoute(
      loginAction,
      postForm("/en/login", { email: admin.email, password: admin.password }),
      { params: { lang: "en" }, clientAddress: "192.0.2.202" },
    );
    const invitee = `invitee-${randomUUID().slice(0, 8)}@example.org`;
    const outcome = await callRoute(
      peopleAction,
      postForm(
        "/en/staff/people",
        {
          intent: "invite",
          email: invitee,
          organizationId: org.organizationId,
          language: "en",
        },
        { cookie: cookiesFrom(login.headers) },
      ),
      { params: { lang: "en" } },
    );
    expect(outcome.status).toBe(302);
    const mail = await lastMailTo(invitee);
    expect(mail?.text).toMatch(new RegExp(`${setting.origin}/en/invitations/[A-Za-z0-9_-]{43}`));
  });

  it.each(SETTINGS)("a freshness reminder (PUBLIC_URL=$PUBLIC_URL)", async (setting) => {
    usePublicUrl(setting.PUBLIC_URL);
    const stale = await insertOrganizationWithService(env().db, {
      name: `Stale Legal Aid ${randomUUID().slice(0, 6)}`,
    });
    const editor = await createAccount(env().db, { organizationIds: [stale.organizationId] });
    await sendFreshnessReminders(env().db, new Date("2031-01-01T12:00:00Z"));
    const mail = await lastMailTo(editor.email);
    // Written in the editor's own language (English here), with a link in that language.
    expect(mail?.text).toContain(`${setting.origin}/en/portal`);
    expect(mail?.text).not.toContain("/es/portal");
  });
});
