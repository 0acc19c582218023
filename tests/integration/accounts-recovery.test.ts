import { desc, eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { authTokens, mailOutbox, organizationMemberships, users } from "#db/schema";
import { getActor } from "~/accounts/sessions.server";
import { resetConfigCache } from "~/config.server";
import { runAccountHousekeeping } from "~/accounts/housekeeping.server";
import { deliverPendingMail, queueMail } from "~/mail/mail.server";
import { loader as rootLoader } from "~/root";
import { loader as devMailLoader } from "~/routes/($lang).dev.mail";
import { action as forgotAction } from "~/routes/($lang).forgot-password";
import {
  action as invitationAction,
  loader as invitationLoader,
} from "~/routes/($lang).invitations.$token";
import { action as loginAction } from "~/routes/($lang).login";
import {
  action as resetAction,
  loader as resetLoader,
} from "~/routes/($lang).reset-password.$token";
import { action as peopleAction, loader as peopleLoader } from "~/routes/($lang).staff.people";
import { createAccount, createOrganization } from "../support/factories";
import { useTestEnvironment } from "../support/environment";
import { callRoute, cookiesFrom, getRequest, postForm } from "../support/routes";

const env = useTestEnvironment();

async function signedIn(email: string, password: string) {
  const outcome = await callRoute(loginAction, postForm("/en/login", { email, password }), {
    params: { lang: "en" },
    clientAddress: "192.0.2.50",
  });
  expect(outcome.status).toBe(302);
  return cookiesFrom(outcome.headers);
}

async function lastMailTo(to: string) {
  const [message] = await env()
    .db.select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, to))
    .orderBy(desc(mailOutbox.id))
    .limit(1);
  return message;
}

function linkToken(text: string, path: string): string {
  const match = new RegExp(`${path}/([A-Za-z0-9_-]{43})`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1]!;
}

function requestReset(email: string, clientAddress = "192.0.2.60", lang = "en") {
  return callRoute(forgotAction, postForm(`/${lang}/forgot-password`, { email }), {
    params: { lang },
    clientAddress,
  });
}

function submitNewPassword(token: string, password: string, confirmPassword = password) {
  return callRoute(
    resetAction,
    postForm(`/en/reset-password/${token}`, { password, confirmPassword }),
    { params: { lang: "en", token } },
  );
}

describe("password reset", () => {
  it("emails a single-use link, and the new password replaces the old one", async () => {
    const account = await createAccount(env().db, { name: "Rosa" });
    const staleSession = await signedIn(account.email, account.password);

    const requested = await requestReset(account.email.toUpperCase(), "192.0.2.60", "es");
    expect(requested.status).toBe(302);
    expect(requested.location).toBe("/es/login");

    const mail = await lastMailTo(account.email);
    expect(mail?.subject).toBe("Elija una contraseña nueva para Puente");
    expect(mail?.text).toContain("http://localhost:3000/es/reset-password/");
    const token = linkToken(mail!.text, "/reset-password");

    // Only the hash of the token is stored.
    const stored = await env()
      .db.select()
      .from(authTokens)
      .where(eq(authTokens.userId, account.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toBe(token);

    const page = await callRoute(resetLoader, getRequest(`/en/reset-password/${token}`), {
      params: { lang: "en", token },
    });
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ usable: true });

    const mismatch = await submitNewPassword(token, "lighthouse-garnet-77", "lighthouse-garnet-78");
    expect(mismatch.status).toBe(400);
    expect(mismatch.data.result.error.confirmPassword).toEqual(["errors.passwordMismatch"]);
    expect(mismatch.data.result.initialValue ?? {}).not.toHaveProperty("password");

    const tooShort = await submitNewPassword(token, "short-pass");
    expect(tooShort.data.result.error.password).toEqual(["errors.passwordTooShort"]);

    const common = await submitNewPassword(token, "qwertyuiop12");
    expect(common.status).toBe(400);
    expect(common.data.result.error.password).toEqual(["errors.password.tooCommon"]);

    const done = await submitNewPassword(token, "lighthouse-garnet-77");
    expect(done.status).toBe(302);
    expect(done.location).toBe("/en/login");

    // Single use.
    const again = await submitNewPassword(token, "another-garnet-lighthouse-1");
    expect(again.status).toBe(410);
    expect(again.data.result.error).toEqual({ "": ["errors.linkInvalid"] });
    const reopened = await callRoute(resetLoader, getRequest(`/en/reset-password/${token}`), {
      params: { lang: "en", token },
    });
    expect(reopened.status).toBe(410);

    // Sessions opened with the old password are over; the new password works, the old does not.
    expect(await getActor(getRequest("/", { cookie: staleSession }))).toBeNull();
    const oldPassword = await callRoute(
      loginAction,
      postForm("/en/login", { email: account.email, password: account.password }),
      { params: { lang: "en" }, clientAddress: "192.0.2.61" },
    );
    expect(oldPassword.status).toBe(400);
    await signedIn(account.email, "lighthouse-garnet-77");
  });

  it("lifts a sign-in lockout once the password has been reset", async () => {
    const account = await createAccount(env().db);
    const attempt = (password: string, clientAddress: string) =>
      callRoute(loginAction, postForm("/en/login", { email: account.email, password }), {
        params: { lang: "en" },
        clientAddress,
      });
    for (let i = 0; i < 5; i++) await attempt("forgotten-password-guess", `192.0.2.${110 + i}`);
    expect((await attempt(account.password, "192.0.2.120")).status).toBe(429);

    await requestReset(account.email, "192.0.2.66");
    const token = linkToken((await lastMailTo(account.email))!.text, "/reset-password");
    expect((await submitNewPassword(token, "lighthouse-garnet-77")).status).toBe(302);
    expect((await attempt("lighthouse-garnet-77", "192.0.2.120")).status).toBe(302);
  });

  it("refuses an expired link", async () => {
    const account = await createAccount(env().db);
    await requestReset(account.email, "192.0.2.62");
    const token = linkToken((await lastMailTo(account.email))!.text, "/reset-password");
    await env().db.execute(
      sql`UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ${account.id}`,
    );
    const page = await callRoute(resetLoader, getRequest(`/en/reset-password/${token}`), {
      params: { lang: "en", token },
    });
    expect(page.status).toBe(410);
    const submitted = await submitNewPassword(token, "lighthouse-garnet-77");
    expect(submitted.status).toBe(410);
  });

  it("keeps earlier links working when another is requested; using one spends them all", async () => {
    const account = await createAccount(env().db);
    await requestReset(account.email, "192.0.2.63");
    const first = linkToken((await lastMailTo(account.email))!.text, "/reset-password");
    await requestReset(account.email, "192.0.2.67");
    const second = linkToken((await lastMailTo(account.email))!.text, "/reset-password");
    expect((await submitNewPassword(first, "lighthouse-garnet-77")).status).toBe(302);
    expect((await submitNewPassword(second, "another-garnet-lighthouse-1")).status).toBe(410);
  });

  it("does not let someone else's reset requests keep the owner from recovering", async () => {
    const account = await createAccount(env().db);
    await requestReset(account.email, "192.0.2.140");
    const owners = linkToken((await lastMailTo(account.email))!.text, "/reset-password");
    // Someone requests links for the same email from many addresses.
    for (let request = 1; request <= 8; request++) {
      expect((await requestReset(account.email, `192.0.2.${150 + request}`)).status).toBe(302);
    }
    // At most five messages an hour reach the inbox; the answer never changes.
    const messages = await env()
      .db.select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, account.email));
    expect(messages).toHaveLength(5);
    expect((await requestReset(account.email, "192.0.2.141")).status).toBe(302);
    // The owner's link still works.
    expect((await submitNewPassword(owners, "lighthouse-garnet-77")).status).toBe(302);
  });

  it("answers an unknown email exactly like a known one, and sends nothing", async () => {
    const before = await env().db.select().from(mailOutbox);
    const outcome = await requestReset("nobody-here@example.org", "192.0.2.64");
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/en/login");
    expect(await env().db.select().from(mailOutbox)).toHaveLength(before.length);
  });

  it("throttles reset requests per address", async () => {
    for (let request = 1; request <= 5; request++) {
      expect((await requestReset(`someone${request}@example.org`, "192.0.2.65")).status).toBe(302);
    }
    const blocked = await requestReset("someone6@example.org", "192.0.2.65");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("invitations and the staff people page", () => {
  let organizationId: string;
  let otherOrganizationId: string;
  let staffCookie: string;
  let adminCookie: string;
  let staff: { id: string; email: string; password: string };

  beforeAll(async () => {
    organizationId = (await createOrganization(env().db, { name: "Bronx Defenders of Rights" })).id;
    otherOrganizationId = (await createOrganization(env().db, { name: "Harlem Help" })).id;
    staff = await createAccount(env().db, { role: "staff", name: "Sam Staff" });
    const admin = await createAccount(env().db, { role: "admin", name: "Ada Admin" });
    staffCookie = await signedIn(staff.email, staff.password);
    adminCookie = await signedIn(admin.email, admin.password);
  });

  function people(fields: Record<string, string>, cookie: string) {
    return callRoute(peopleAction, postForm("/en/staff/people", fields, { cookie }), {
      params: { lang: "en" },
    });
  }

  it("invites an editor, who chooses a name and password and edits that organization", async () => {
    const invited = await people(
      { intent: "invite", email: "New.Editor@Example.org", organizationId, language: "es" },
      staffCookie,
    );
    expect(invited.status).toBe(302);
    expect(invited.location).toBe("/en/staff/people");

    const mail = await lastMailTo("new.editor@example.org");
    expect(mail?.subject).toBe(
      "Invitación para editar la ficha de Bronx Defenders of Rights en Puente",
    );
    expect(mail?.text).toContain("Sam Staff");
    const token = linkToken(mail!.text, "/es/invitations");

    const listed = await callRoute(
      peopleLoader,
      getRequest("/en/staff/people", { cookie: staffCookie }),
    );
    expect(listed.data.invitations.map((row: { email: string }) => row.email)).toContain(
      "new.editor@example.org",
    );

    const page = await callRoute(invitationLoader, getRequest(`/es/invitations/${token}`), {
      params: { lang: "es", token },
    });
    expect(page.data.invitation).toEqual({
      email: "new.editor@example.org",
      organizationName: "Bronx Defenders of Rights",
    });

    const rejected = await callRoute(
      invitationAction,
      postForm(`/es/invitations/${token}`, {
        name: "Nadia",
        password: "password12345",
        confirmPassword: "password12345",
      }),
      { params: { lang: "es", token } },
    );
    expect(rejected.status).toBe(400);
    expect(rejected.data.result.error.password).toEqual(["errors.password.tooCommon"]);
    expect(rejected.data.result.initialValue.name).toBe("Nadia");
    expect(rejected.data.result.initialValue).not.toHaveProperty("password");

    const accepted = await callRoute(
      invitationAction,
      postForm(`/es/invitations/${token}`, {
        name: "Nadia",
        password: "saffron-glacier-tulip-9",
        confirmPassword: "saffron-glacier-tulip-9",
      }),
      { params: { lang: "es", token } },
    );
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/es/portal");
    const actor = await getActor(
      getRequest("/es/portal", { cookie: cookiesFrom(accepted.headers) }),
    );
    expect(actor).toMatchObject({
      email: "new.editor@example.org",
      name: "Nadia",
      role: "org_editor",
      organizationIds: [organizationId],
    });

    const reused = await callRoute(
      invitationAction,
      postForm(`/es/invitations/${token}`, {
        name: "Mallory",
        password: "saffron-glacier-tulip-9",
        confirmPassword: "saffron-glacier-tulip-9",
      }),
      { params: { lang: "es", token } },
    );
    expect(reused.status).toBe(410);
    const accounts = await env()
      .db.select()
      .from(users)
      .where(eq(users.email, "new.editor@example.org"));
    expect(accounts).toHaveLength(1);
  });

  it("refuses an expired invitation", async () => {
    await people(
      { intent: "invite", email: "late@example.org", organizationId, language: "en" },
      staffCookie,
    );
    const token = linkToken((await lastMailTo("late@example.org"))!.text, "/en/invitations");
    await env().db.execute(
      sql`UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE email = 'late@example.org'`,
    );
    const page = await callRoute(invitationLoader, getRequest(`/en/invitations/${token}`), {
      params: { lang: "en", token },
    });
    expect(page.status).toBe(410);
    expect(page.data.invitation).toBeNull();
  });

  it("adds an existing account to another organization at once", async () => {
    const editor = await createAccount(env().db, { organizationIds: [organizationId] });
    const outcome = await people(
      {
        intent: "invite",
        email: editor.email,
        organizationId: otherOrganizationId,
        language: "en",
      },
      staffCookie,
    );
    expect(outcome.status).toBe(302);
    const memberships = await env()
      .db.select()
      .from(organizationMemberships)
      .where(eq(organizationMemberships.userId, editor.id));
    expect(memberships.map((row) => row.organizationId).sort()).toEqual(
      [organizationId, otherOrganizationId].sort(),
    );
    expect((await lastMailTo(editor.email))?.subject).toBe(
      "You can now edit the listing of Harlem Help on Puente",
    );
  });

  it("re-renders a rejected invitation with what was typed and a message at each field", async () => {
    const outcome = await people(
      { intent: "invite", email: "not an email", organizationId: "", language: "en" },
      staffCookie,
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.form).toBe("invite");
    expect(outcome.data.result.error.email).toEqual(["errors.emailInvalid"]);
    expect(outcome.data.result.error.organizationId).toEqual(["errors.organizationRequired"]);
    expect(outcome.data.result.initialValue.email).toBe("not an email");
  });

  it("does not let editors see or use the people page", async () => {
    const editor = await createAccount(env().db, { organizationIds: [organizationId] });
    const cookie = await signedIn(editor.email, editor.password);
    const page = await callRoute(peopleLoader, getRequest("/en/staff/people", { cookie }));
    expect(page.status).toBe(403);
    const invite = await people(
      { intent: "invite", email: "x@example.org", organizationId, language: "en" },
      cookie,
    );
    expect(invite.status).toBe(403);
  });

  it("disabling an account ends its sessions at once; enabling lets it sign in again", async () => {
    const editor = await createAccount(env().db, { organizationIds: [organizationId] });
    const editorCookie = await signedIn(editor.email, editor.password);
    const disabled = await people({ intent: "disable", userId: editor.id }, staffCookie);
    expect(disabled.status).toBe(302);
    expect(await getActor(getRequest("/", { cookie: editorCookie }))).toBeNull();
    const refused = await callRoute(
      loginAction,
      postForm("/en/login", { email: editor.email, password: editor.password }),
      { params: { lang: "en" }, clientAddress: "192.0.2.70" },
    );
    expect(refused.status).toBe(400);

    expect((await people({ intent: "enable", userId: editor.id }, staffCookie)).status).toBe(302);
    await signedIn(editor.email, editor.password);
  });

  it("lets only admins change roles, and staff only disable editors", async () => {
    const editor = await createAccount(env().db);
    const otherStaff = await createAccount(env().db, { role: "staff" });

    const byStaff = await people(
      { intent: "changeRole", userId: editor.id, role: "admin" },
      staffCookie,
    );
    expect(byStaff.status).toBe(403);
    const staffDisablesStaff = await people(
      { intent: "disable", userId: otherStaff.id },
      staffCookie,
    );
    expect(staffDisablesStaff.status).toBe(403);

    const byAdmin = await people(
      { intent: "changeRole", userId: editor.id, role: "staff" },
      adminCookie,
    );
    expect(byAdmin.status).toBe(302);
    const [changed] = await env().db.select().from(users).where(eq(users.id, editor.id));
    expect(changed!.role).toBe("staff");
  });

  it("never lets an admin lock themselves out", async () => {
    const admin = await createAccount(env().db, { role: "admin" });
    const cookie = await signedIn(admin.email, admin.password);
    const demote = await people(
      { intent: "changeRole", userId: admin.id, role: "org_editor" },
      cookie,
    );
    expect(demote.status).toBe(400);
    expect(demote.data).toMatchObject({ form: "account", message: "errors.notOnYourself" });
    const disable = await people({ intent: "disable", userId: admin.id }, cookie);
    expect(disable.status).toBe(400);
  });

  it("answers 404 for an account that does not exist", async () => {
    const outcome = await people(
      { intent: "disable", userId: "00000000-0000-4000-8000-000000000000" },
      adminCookie,
    );
    expect(outcome.status).toBe(404);
  });
});

describe("links at rest in the mail outbox", () => {
  const transport = () => nodemailer.createTransport({ jsonTransport: true });
  const FROM = { from: "Puente <no-reply@puente.invalid>" };
  /** Every outbox row that still holds a reset or invitation link. */
  const liveLinks = async () =>
    (await env().db.select().from(mailOutbox)).filter((row) =>
      /\/(reset-password|invitations)\/[A-Za-z0-9_-]{43}/.test(`${row.text}${row.html ?? ""}`),
    );

  it("blanks a reset link's body as soon as it is sent, keeping who, what and when", async () => {
    const account = await createAccount(env().db);
    await requestReset(account.email, "192.0.2.170");
    expect((await lastMailTo(account.email))?.text).toMatch(/reset-password\//);
    const delivered = await deliverPendingMail(env().db, transport(), FROM);
    expect(delivered.sent).toBeGreaterThanOrEqual(1);
    const row = await lastMailTo(account.email);
    expect(row?.sentAt).not.toBeNull();
    expect(row?.subject).toBe("Choose a new password for Puente");
    expect(row?.text).not.toMatch(/reset-password/);
    expect(await liveLinks()).toEqual([]);
  });

  it("deletes an unsent reset or invitation once its link has expired", async () => {
    const account = await createAccount(env().db);
    await requestReset(account.email, "192.0.2.171");
    await env().db.insert(mailOutbox).values({
      to: "someone@example.org",
      subject: "Not a credential",
      text: "Stays",
    });
    expect((await liveLinks()).length).toBeGreaterThan(0);
    await env().db.execute(
      sql`UPDATE auth_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = ${account.id}`,
    );
    await env().db.execute(
      sql`UPDATE mail_outbox SET credential_expires_at = now() - interval '1 minute'
          WHERE credential_expires_at IS NOT NULL`,
    );
    await runAccountHousekeeping(env().db);
    expect(await liveLinks()).toEqual([]);
    expect(await lastMailTo(account.email)).toBeUndefined();
    expect((await lastMailTo("someone@example.org"))?.text).toBe("Stays");
  });

  it("gives an invitation's message the token's lifetime", async () => {
    const admin = await createAccount(env().db, { role: "admin" });
    const cookie = await signedIn(admin.email, admin.password);
    const organization = await createOrganization(env().db, { name: "Outbox Test Org" });
    const invited = await callRoute(
      peopleAction,
      postForm(
        "/en/staff/people",
        {
          intent: "invite",
          email: "outbox.invitee@example.org",
          organizationId: organization.id,
          language: "en",
        },
        { cookie },
      ),
      { params: { lang: "en" } },
    );
    expect(invited.status).toBe(302);
    const message = await lastMailTo("outbox.invitee@example.org");
    const [token] = await env()
      .db.select()
      .from(authTokens)
      .where(eq(authTokens.email, "outbox.invitee@example.org"));
    expect(message?.credentialExpiresAt?.getTime()).toBe(token!.expiresAt.getTime());
  });
});

describe("mail", () => {
  it("delivers pending mail over a transport and records failures for a retry", async () => {
    await queueMail(env().db, { to: "out@example.org", subject: "Hello", text: "Body" });
    const delivered = await deliverPendingMail(
      env().db,
      nodemailer.createTransport({ jsonTransport: true }),
      { from: "Puente <no-reply@puente.invalid>" },
    );
    expect(delivered.sent).toBeGreaterThanOrEqual(1);
    const sent = await lastMailTo("out@example.org");
    expect(sent?.sentAt).not.toBeNull();
    expect(sent?.attempts).toBe(1);

    await queueMail(env().db, { to: "down@example.org", subject: "Hello", text: "Body" });
    const failed = await deliverPendingMail(
      env().db,
      nodemailer.createTransport("smtp://127.0.0.1:1"),
      { from: "Puente <no-reply@puente.invalid>" },
    );
    expect(failed.failed).toBe(1);
    const pending = await lastMailTo("down@example.org");
    expect(pending?.sentAt).toBeNull();
    expect(pending?.lastError).toBeTruthy();
    expect(pending!.availableAt.getTime()).toBeGreaterThan(Date.now());
  });

  describe("the development outbox page", () => {
    afterEach(() => {
      process.env.NODE_ENV = "test";
      delete process.env.PUBLIC_URL;
      resetConfigCache();
    });

    it("shows the outbox to staff in development, and does not exist in production", async () => {
      const staffMember = await createAccount(env().db, { role: "staff" });
      const cookie = await signedIn(staffMember.email, staffMember.password);
      const editor = await createAccount(env().db);
      const editorCookie = await signedIn(editor.email, editor.password);

      const page = await callRoute(devMailLoader, getRequest("/dev/mail", { cookie }));
      expect(page.status).toBe(200);
      expect(Array.isArray(page.data.messages)).toBe(true);
      const forEditor = await callRoute(
        devMailLoader,
        getRequest("/dev/mail", { cookie: editorCookie }),
      );
      expect(forEditor.status).toBe(403);
      const anonymous = await callRoute(devMailLoader, getRequest("/dev/mail"));
      expect(anonymous.status).toBe(302);

      process.env.NODE_ENV = "production";
      process.env.PUBLIC_URL = "https://puente.example.org";
      resetConfigCache();
      const production = await callRoute(devMailLoader, getRequest("/dev/mail", { cookie }));
      expect(production.status).toBe(404);
    });
  });
});

describe("flash messages", () => {
  it("shows a message once on the page a redirect leads to", async () => {
    const account = await createAccount(env().db);
    const outcome = await callRoute(
      loginAction,
      postForm("/es/login", { email: account.email, password: account.password }),
      { params: { lang: "es" }, clientAddress: "192.0.2.80" },
    );
    const cookie = cookiesFrom(outcome.headers);
    const page = await callRoute(rootLoader, getRequest("/es/portal", { cookie }), {
      params: { lang: "es" },
    });
    // In the page's language, translated on the server (the browser may not hold `accounts`).
    expect(page.data.flash).toEqual({ kind: "success", text: "Ha iniciado sesión." });
    expect(page.data.user).toMatchObject({ email: account.email, role: "org_editor" });
    expect(page.data.user).not.toHaveProperty("userId");
    expect(page.headers.getSetCookie().some((c) => /^puente_flash=;.*Max-Age=0/.test(c))).toBe(
      true,
    );

    const withoutFlash = cookie
      .split("; ")
      .filter((part) => !part.startsWith("puente_flash="))
      .join("; ");
    const next = await callRoute(rootLoader, getRequest("/es/portal", { cookie: withoutFlash }), {
      params: { lang: "es" },
    });
    expect(next.data.flash).toBeNull();
  });
});
