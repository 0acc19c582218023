import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loginAttempts, mailOutbox, sessions } from "#db/schema";
import { getActor, sessionCookieName } from "~/accounts/sessions.server";
import { hashToken } from "~/accounts/tokens.server";
import { action as accountAction, loader as accountLoader } from "~/routes/($lang).account";
import { action as loginAction, loader as loginLoader } from "~/routes/($lang).login";
import { action as logoutAction } from "~/routes/($lang).logout";
import { createAccount, createOrganization } from "../support/factories";
import { useTestEnvironment } from "../support/environment";
import {
  callRoute,
  cookiesFrom,
  getRequest,
  postForm,
  setCookieNamed,
  type RequestOptions,
} from "../support/routes";

const env = useTestEnvironment();

function signIn(
  email: string,
  password: string,
  options: RequestOptions & { clientAddress?: string; redirectTo?: string } = {},
) {
  const fields: Record<string, string> = { email, password };
  if (options.redirectTo !== undefined) fields.redirectTo = options.redirectTo;
  return callRoute(loginAction, postForm("/en/login", fields, options), {
    params: { lang: "en" },
    clientAddress: options.clientAddress,
  });
}

/** Signs in and returns the Cookie header a browser would send afterwards. */
async function sessionFor(email: string, password: string, clientAddress = "192.0.2.10") {
  const outcome = await signIn(email, password, { clientAddress });
  expect(outcome.status).toBe(302);
  return cookiesFrom(outcome.headers);
}

function tokenIn(cookie: string): string {
  const pair = cookie.split("; ").find((part) => part.startsWith(`${sessionCookieName()}=`));
  return pair!.split("=")[1]!;
}

describe("signing in", () => {
  let editor: { id: string; email: string; password: string };
  let organizationId: string;

  beforeAll(async () => {
    organizationId = (await createOrganization(env().db, { name: "Queens Legal Aid" })).id;
    editor = await createAccount(env().db, {
      email: "Elena.Editor@example.org",
      name: "Elena",
      organizationIds: [organizationId],
    });
  });

  it("signs in with the right password, whatever the email's capitalization", async () => {
    const outcome = await signIn("  elena.editor@EXAMPLE.org ", editor.password);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/en/portal");
    const sessionCookie = setCookieNamed(outcome.headers, "puente_session");
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    expect(sessionCookie).toMatch(/Path=\//);
    expect(setCookieNamed(outcome.headers, "puente_flash")).toBeDefined();

    const cookie = cookiesFrom(outcome.headers);
    const actor = await getActor(getRequest("/en/account", { cookie }));
    expect(actor).toMatchObject({
      userId: editor.id,
      email: "elena.editor@example.org",
      role: "org_editor",
      organizationIds: [organizationId],
    });
  });

  it("stores only the hash of the session token", async () => {
    const cookie = await sessionFor(editor.email, editor.password);
    const token = tokenIn(cookie);
    const rows = await env().db.select().from(sessions).where(eq(sessions.userId, editor.id));
    expect(rows.map((row) => row.id)).toContain(hashToken(token));
    expect(rows.map((row) => row.id)).not.toContain(token);
  });

  it("goes back to the page that asked for sign-in, but never to another site", async () => {
    const back = await signIn(editor.email, editor.password, { redirectTo: "/es/account?x=1" });
    expect(back.location).toBe("/es/account?x=1");
    for (const redirectTo of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const outcome = await signIn(editor.email, editor.password, { redirectTo });
      expect(outcome.location, redirectTo).toBe("/en/portal");
    }
  });

  const OFF_SITE = [
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example/x",
    "/%2f%2fevil.example",
    "/%5c%5cevil.example",
    "/.\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
  ];

  it("never sends a fresh sign-in to another origin, whatever the dot segments or encodings", async () => {
    for (const redirectTo of OFF_SITE) {
      const outcome = await signIn(editor.email, editor.password, { redirectTo });
      expect(outcome.status, redirectTo).toBe(302);
      expect(outcome.location, redirectTo).toBe("/en/portal");
    }
  });

  it("never sends a signed-in visitor of the login page to another origin", async () => {
    const cookie = await sessionFor(editor.email, editor.password);
    for (const redirectTo of OFF_SITE) {
      const url = `/en/login?redirectTo=${encodeURIComponent(redirectTo)}`;
      const outcome = await callRoute(loginLoader, getRequest(url, { cookie }), {
        params: { lang: "en" },
      });
      expect(outcome.status, redirectTo).toBe(302);
      expect(outcome.location, redirectTo).toBe("/en/portal");
    }
    // The raw query string as an attacker would write it (dot segment unencoded).
    const raw = await callRoute(
      loginLoader,
      getRequest("/en/login?redirectTo=/.//evil.example", { cookie }),
      {
        params: { lang: "en" },
      },
    );
    expect(raw.location).toBe("/en/portal");
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const wrong = await signIn(editor.email, "not-the-right-password", {
      clientAddress: "192.0.2.20",
    });
    const unknown = await signIn("nobody@example.org", "not-the-right-password", {
      clientAddress: "192.0.2.21",
    });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.data.result.error).toEqual({ "": ["errors.invalidCredentials"] });
    expect(unknown.data.result.error).toEqual(wrong.data.result.error);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it("re-renders a rejected form with the email typed, never the password", async () => {
    const outcome = await signIn("elena.editor@example.org", "wrong-password-typed", {
      clientAddress: "192.0.2.22",
    });
    expect(outcome.data.result.initialValue.email).toBe("elena.editor@example.org");
    expect(outcome.data.result.initialValue).not.toHaveProperty("password");

    const invalid = await signIn("not-an-email", "whatever", { clientAddress: "192.0.2.23" });
    expect(invalid.status).toBe(400);
    expect(invalid.data.result.error.email).toEqual(["errors.emailInvalid"]);
    expect(invalid.data.result.initialValue.email).toBe("not-an-email");
    expect(invalid.data.result.initialValue).not.toHaveProperty("password");
  });

  it("refuses a disabled account with the same message", async () => {
    const disabled = await createAccount(env().db);
    await env().db.execute(sql`UPDATE users SET disabled_at = now() WHERE id = ${disabled.id}`);
    const outcome = await signIn(disabled.email, disabled.password, {
      clientAddress: "192.0.2.24",
    });
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error).toEqual({ "": ["errors.invalidCredentials"] });
  });

  it("sends someone already signed in from the login page to their workspace", async () => {
    const cookie = await sessionFor(editor.email, editor.password);
    const outcome = await callRoute(loginLoader, getRequest("/es/login", { cookie }), {
      params: { lang: "es" },
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/es/portal");
  });
});

describe("throttling", () => {
  /** Moves an account's recorded attempts (and its warning) `seconds` into the past. */
  async function age(email: string, seconds: number) {
    const by = sql.raw(`interval '${seconds} seconds'`);
    await env().db.execute(
      sql`UPDATE login_attempts SET attempted_at = attempted_at - ${by} WHERE email = ${email}`,
    );
    await env().db.execute(
      sql`UPDATE users SET password_changed_at = password_changed_at - ${by},
            sign_in_warning_sent_at = sign_in_warning_sent_at - ${by}
          WHERE email = ${email}`,
    );
  }

  async function mailsTo(email: string) {
    return env().db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
  }

  it("never locks the owner out: five failures from anywhere only ask for a short wait", async () => {
    const account = await createAccount(env().db);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const outcome = await signIn(account.email, "wrong-password-again", {
        clientAddress: `203.0.113.${attempt}`,
      });
      expect(outcome.status).toBe(400);
    }
    // Right away, even the right password waits, from an address that never failed.
    const waiting = await signIn(account.email, account.password, {
      clientAddress: "203.0.113.99",
    });
    expect(waiting.status).toBe(429);
    const retryAfter = Number(waiting.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(waiting.data.result.error).toEqual({ "": ["errors.throttled"] });
    expect(waiting.data.retryAfterMinutes).toBe(1);
    expect(waiting.headers.getSetCookie()).toEqual([]);

    // Half a minute later (not fifteen), the right password gets in.
    await age(account.email, 31);
    const after = await signIn(account.email, account.password, { clientAddress: "203.0.113.99" });
    expect(after.status).toBe(302);
  });

  it("makes each further failure wait longer, up to five minutes, and does not count refusals", async () => {
    const account = await createAccount(env().db);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(
        (
          await signIn(account.email, "wrong-password-again", {
            clientAddress: `203.0.114.${attempt}`,
          })
        ).status,
      ).toBe(400);
      if (attempt < 5) continue;
      const refused = await signIn(account.email, "wrong-password-again", {
        clientAddress: "203.0.114.200",
      });
      expect(refused.status).toBe(429);
      waits.push(Number(refused.headers.get("Retry-After")));
      await age(account.email, 300);
    }
    expect(waits).toEqual([30, 60, 120, 240, 300, 300]);
    const rows = await env()
      .db.select()
      .from(loginAttempts)
      .where(eq(loginAttempts.email, account.email));
    expect(rows).toHaveLength(10);
  });

  it("blocks the (account, address) pair that failed five times, and only that pair", async () => {
    const account = await createAccount(env().db);
    const address = "203.0.115.7";
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(account.email, "wrong-password-again", { clientAddress: address });
    }
    await age(account.email, 60); // past the account's delay, well within the pair's window
    const blocked = await signIn(account.email, account.password, { clientAddress: address });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(13 * 60);

    const other = await createAccount(env().db);
    expect((await signIn(other.email, other.password, { clientAddress: address })).status).toBe(
      302,
    );
    const elsewhere = await signIn(account.email, account.password, {
      clientAddress: "203.0.115.8",
    });
    expect(elsewhere.status).toBe(302);
  });

  it("delays an unknown email exactly like a real one", async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn("ghost@example.org", "some-password-here", {
        clientAddress: `203.0.113.${100 + attempt}`,
      });
    }
    const outcome = await signIn("ghost@example.org", "some-password-here", {
      clientAddress: "203.0.113.200",
    });
    expect(outcome.status).toBe(429);
    expect(Number(outcome.headers.get("Retry-After"))).toBeLessThanOrEqual(30);
  });

  it("blocks an address after 10 failures on any accounts, but not other addresses", async () => {
    const address = "198.51.100.77";
    for (let attempt = 1; attempt <= 10; attempt++) {
      await signIn(`guess-${attempt}@example.org`, "password-guess-x", { clientAddress: address });
    }
    const account = await createAccount(env().db);
    const blocked = await signIn(account.email, account.password, { clientAddress: address });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);

    const elsewhere = await signIn(account.email, account.password, {
      clientAddress: "198.51.100.78",
    });
    expect(elsewhere.status).toBe(302);
  });

  it("tells the owner by email once when their account is attacked, not at every attempt", async () => {
    const account = await createAccount(env().db);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(account.email, "wrong-password-again", {
        clientAddress: `203.0.116.${attempt}`,
      });
    }
    expect(await mailsTo(account.email)).toHaveLength(0);
    await signIn(account.email, "wrong-password-again", { clientAddress: "203.0.116.5" });
    for (let attempt = 6; attempt <= 9; attempt++) {
      await age(account.email, 300);
      await signIn(account.email, "wrong-password-again", {
        clientAddress: `203.0.116.${attempt}`,
      });
    }
    const warnings = await mailsTo(account.email);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.subject).toBe("Someone is trying to sign in to your Puente account");
    expect(warnings[0]!.text).toContain("5 attempts");
    expect(warnings[0]!.text).toContain("http://localhost:3000/en/forgot-password");
    expect(warnings[0]!.text).not.toContain("wrong-password-again");

    // A day later, an attack that goes on is reported again.
    await env().db.execute(
      sql`UPDATE users SET sign_in_warning_sent_at = now() - interval '25 hours' WHERE id = ${account.id}`,
    );
    await age(account.email, 300);
    await signIn(account.email, "wrong-password-again", { clientAddress: "203.0.116.20" });
    expect(await mailsTo(account.email)).toHaveLength(2);

    // Nobody is emailed for an email without an account.
    for (let attempt = 1; attempt <= 6; attempt++) {
      await signIn("nobody-here@example.org", "wrong-password-again", {
        clientAddress: `203.0.117.${attempt}`,
      });
    }
    expect(await mailsTo("nobody-here@example.org")).toHaveLength(0);
  });

  it("keeps the count in Postgres, one row per attempt", async () => {
    const account = await createAccount(env().db);
    await signIn(account.email, "wrong-password-once", { clientAddress: "198.51.100.90" });
    const rows = await env()
      .db.select()
      .from(loginAttempts)
      .where(eq(loginAttempts.email, account.email));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ipAddress: "198.51.100.90", succeeded: false, kind: "login" });
  });
});

describe("sessions", () => {
  it("gives a new session id on every sign-in and ends the one the browser had", async () => {
    const account = await createAccount(env().db);
    const first = await sessionFor(account.email, account.password);
    const again = await signIn(account.email, account.password, { cookie: first });
    const second = cookiesFrom(again.headers);
    expect(tokenIn(second)).not.toBe(tokenIn(first));
    expect(await getActor(getRequest("/", { cookie: first }))).toBeNull();
    expect(await getActor(getRequest("/", { cookie: second }))).not.toBeNull();
  });

  it("ends after 2 hours without a request", async () => {
    const account = await createAccount(env().db);
    const cookie = await sessionFor(account.email, account.password);
    const id = hashToken(tokenIn(cookie));
    await env().db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '119 minutes' WHERE id = ${id}`,
    );
    // Still alive just inside the idle timeout, and the request extends it.
    expect(await getActor(getRequest("/", { cookie }))).not.toBeNull();
    const [touched] = await env().db.select().from(sessions).where(eq(sessions.id, id));
    expect(Date.now() - touched!.lastSeenAt.getTime()).toBeLessThan(60_000);

    await env().db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '121 minutes' WHERE id = ${id}`,
    );
    expect(await getActor(getRequest("/", { cookie }))).toBeNull();
    expect(await env().db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
  });

  it("ends 12 hours after sign-in however active it is", async () => {
    const account = await createAccount(env().db);
    const cookie = await sessionFor(account.email, account.password);
    const id = hashToken(tokenIn(cookie));
    const [row] = await env().db.select().from(sessions).where(eq(sessions.id, id));
    const lifetimeHours = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 3_600_000;
    expect(lifetimeHours).toBeCloseTo(12, 1);

    await env().db.execute(
      sql`UPDATE sessions SET created_at = now() - interval '12 hours',
          expires_at = now() - interval '1 second', last_seen_at = now() WHERE id = ${id}`,
    );
    expect(await getActor(getRequest("/", { cookie }))).toBeNull();
  });

  it("ignores cookies that are not one of our tokens", async () => {
    for (const value of ["", "abc", "x".repeat(43), "'; DROP TABLE sessions; --"]) {
      const cookie = `${sessionCookieName()}=${value}`;
      expect(await getActor(getRequest("/", { cookie }))).toBeNull();
    }
  });

  it("logout (POST) ends the session and clears the cookie", async () => {
    const account = await createAccount(env().db);
    const cookie = await sessionFor(account.email, account.password);
    const outcome = await callRoute(logoutAction, postForm("/en/logout", {}, { cookie }), {
      params: { lang: "en" },
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/en");
    expect(setCookieNamed(outcome.headers, "puente_session")).toMatch(/Max-Age=0/);
    expect(await getActor(getRequest("/", { cookie }))).toBeNull();
    const left = await env().db.select().from(sessions).where(eq(sessions.userId, account.id));
    expect(left).toEqual([]);
  });

  it("signs out everywhere", async () => {
    const account = await createAccount(env().db);
    const laptop = await sessionFor(account.email, account.password);
    const phone = await sessionFor(account.email, account.password);
    const outcome = await callRoute(
      accountAction,
      postForm("/en/account", { intent: "signOutEverywhere" }, { cookie: phone }),
      { params: { lang: "en" } },
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/en/login");
    expect(await getActor(getRequest("/", { cookie: laptop }))).toBeNull();
    expect(await getActor(getRequest("/", { cookie: phone }))).toBeNull();
  });

  it("sends a visitor without a session to the login page, and back afterwards", async () => {
    const outcome = await callRoute(accountLoader, getRequest("/es/account?tab=1"), {
      params: { lang: "es" },
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(
      `/es/login?redirectTo=${encodeURIComponent("/es/account?tab=1")}`,
    );
  });
});

describe("changing the password", () => {
  it("checks the current password, ends other sessions and keeps this browser signed in", async () => {
    const account = await createAccount(env().db);
    const other = await sessionFor(account.email, account.password);
    const here = await sessionFor(account.email, account.password);

    const wrong = await callRoute(
      accountAction,
      postForm(
        "/en/account",
        {
          intent: "changePassword",
          currentPassword: "not-my-password",
          password: "violet-ferry-mosaic-31",
          confirmPassword: "violet-ferry-mosaic-31",
        },
        { cookie: here },
      ),
      { params: { lang: "en" } },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.result.error.currentPassword).toEqual(["errors.currentPasswordWrong"]);
    expect(wrong.data.result.initialValue).not.toHaveProperty("password");
    expect(wrong.data.result.initialValue).not.toHaveProperty("currentPassword");

    const common = await callRoute(
      accountAction,
      postForm(
        "/en/account",
        {
          intent: "changePassword",
          currentPassword: account.password,
          password: "Password1234",
          confirmPassword: "Password1234",
        },
        { cookie: here },
      ),
      { params: { lang: "en" } },
    );
    expect(common.status).toBe(400);
    expect(common.data.result.error.password).toEqual(["errors.password.tooCommon"]);

    const changed = await callRoute(
      accountAction,
      postForm(
        "/en/account",
        {
          intent: "changePassword",
          currentPassword: account.password,
          password: "violet-ferry-mosaic-31",
          confirmPassword: "violet-ferry-mosaic-31",
        },
        { cookie: here },
      ),
      { params: { lang: "en" } },
    );
    expect(changed.status).toBe(302);
    const renewed = cookiesFrom(changed.headers);
    expect(await getActor(getRequest("/", { cookie: other }))).toBeNull();
    expect(await getActor(getRequest("/", { cookie: here }))).toBeNull();
    expect(await getActor(getRequest("/", { cookie: renewed }))).not.toBeNull();
    expect((await signIn(account.email, "violet-ferry-mosaic-31")).status).toBe(302);
  });
});
