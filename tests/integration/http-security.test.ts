import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, parseConfig } from "~/config.server";
import { createApp, type PuenteApp } from "../../server/app";
import { sameOriginGuard } from "../../server/same-origin";
import { securityHeaders } from "../../server/security-headers";
import { createAccount } from "../support/factories";
import { useTestEnvironment } from "../support/environment";

const env = useTestEnvironment();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, "127.0.0.1", () => resolve(started));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

describe("security middleware", () => {
  let server: Server | undefined;
  let base = "";

  beforeAll(async () => {
    const settings = parseConfig({
      ...process.env,
      NODE_ENV: "production",
      PUBLIC_URL: "https://puente.example.org",
      MAP_TILE_URL: "https://tiles.example.net/{z}/{x}/{y}.png",
    });
    const app = express();
    app.use(securityHeaders(settings));
    app.use(sameOriginGuard(settings));
    app.all("/echo", (_request, response) => {
      response.type("text/plain").send(`nonce=${response.locals.cspNonce}`);
    });
    ({ server, base } = await listen(app));
  });
  afterAll(() => close(server));

  it("sends the security headers, with a fresh nonce in the CSP every time", async () => {
    const first = await fetch(`${base}/echo`);
    const second = await fetch(`${base}/echo`);
    const policy = first.headers.get("Content-Security-Policy")!;
    const nonce = (await first.text()).replace("nonce=", "");
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("img-src 'self' data: blob: https://tiles.example.net");
    expect(policy).not.toMatch(/https:\/\/(?!tiles\.example\.net)/);
    expect(second.headers.get("Content-Security-Policy")).not.toBe(policy);
    expect(first.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(first.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(first.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
  });

  it("sends no HSTS outside production", async () => {
    const app = express();
    app.use(securityHeaders(parseConfig({ ...process.env, NODE_ENV: "development" })));
    app.get("/", (_request, response) => response.send("ok"));
    const local = await listen(app);
    try {
      const response = await fetch(local.base);
      expect(response.headers.get("Strict-Transport-Security")).toBeNull();
      expect(response.headers.get("Content-Security-Policy")).toContain("'nonce-");
    } finally {
      await close(local.server);
    }
  });

  it("refuses a cross-site POST before it reaches the app", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/echo`, { method: "POST", headers, body: "x=1" });
    expect((await post({ Origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ "Sec-Fetch-Site": "cross-site", Origin: base })).status).toBe(403);
    expect((await post({ "Sec-Fetch-Site": "same-site" })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ Origin: base })).status).toBe(200);
    expect((await post({ "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    // Reading is always allowed: a GET never changes anything.
    expect(
      (await fetch(`${base}/echo`, { headers: { Origin: "https://evil.example" } })).status,
    ).toBe(200);
  });
});

describe("the whole app over HTTP", () => {
  let server: Server | undefined;
  let puente: PuenteApp | undefined;
  let base = "";

  beforeAll(async () => {
    puente = await createApp(config(), { dev: true, root });
    ({ server, base } = await listen(puente.app));
    // Vite compiles the app on the first request: do it here, not inside a test's time limit.
    await fetch(`${base}/en/login`).then((response) => response.text());
  }, 180_000);
  afterAll(async () => {
    await close(server);
    await puente?.close();
  });

  it("gives Remix's inline scripts the nonce of the response's CSP", async () => {
    const response = await fetch(`${base}/en/login`);
    expect(response.status).toBe(200);
    const policy = response.headers.get("Content-Security-Policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\son[a-z]+="/); // no inline event handlers
  });

  it("sends a visitor of a members-only page to sign in first", async () => {
    const response = await fetch(`${base}/dev/mail`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/en/login?redirectTo=${encodeURIComponent("/dev/mail")}`,
    );
  });

  it("signs in through a real form post and refuses the same post from another site", async () => {
    const account = await createAccount(env().db);
    const body = new URLSearchParams({ email: account.email, password: account.password });

    const crossSite = await fetch(`${base}/en/login`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { Origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);

    const response = await fetch(`${base}/en/login`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { Origin: base, "Sec-Fetch-Site": "same-origin" },
    });
    expect(response.status).toBe(302);
    const cookie = response.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const account_page = await fetch(`${base}/en/account`, { headers: { Cookie: cookie } });
    expect(account_page.status).toBe(200);
    const html = await account_page.text();
    expect(html).toContain(account.email);
    expect(html).toContain("You are signed in.");
  });

  it("accepts a form posted without JavaScript under the no-referrer policy (Origin: null)", async () => {
    const account = await createAccount(env().db);
    const response = await fetch(`${base}/en/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "null", "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams({ email: account.email, password: account.password }),
    });
    expect(response.status).toBe(302);
    const refused = await fetch(`${base}/en/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "null" },
      body: new URLSearchParams({ email: account.email, password: account.password }),
    });
    expect(refused.status).toBe(403);
  });

  it("answers 429 with Retry-After on the page itself when sign-in is throttled", async () => {
    const account = await createAccount(env().db);
    const attempt = () =>
      fetch(`${base}/en/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: base },
        body: new URLSearchParams({ email: account.email, password: "wrong-password-here" }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(400);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    const html = await blocked.text();
    expect(html).toContain("Too many attempts");
    expect(html).toContain(`value="${account.email}"`);
    expect(html).not.toContain("wrong-password-here");
  });
});
