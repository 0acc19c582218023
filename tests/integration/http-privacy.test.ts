import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig, resetConfigCache } from "~/config.server";
import { createReferral } from "~/referrals/referrals.server";
import { reindexAll } from "~/search/reindex.server";
import { loader as rootLoader } from "~/root";
import { useTestEnvironment } from "../support/environment";
import { useHttpApp } from "../support/http-app";
import {
  editorOf,
  insertOrganizationWithService,
  referralInput,
  requestAs,
  staffActor,
} from "../support/referral-fixtures";

process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const env = useTestEnvironment();
// Behind a proxy on this machine: X-Forwarded-Proto says whether the visitor used HTTPS.
const app = useHttpApp(() => parseConfig({ ...process.env, TRUST_PROXY: "loopback" }));

const staff = staffActor();
let org: Awaited<ReturnType<typeof insertOrganizationWithService>>;
let slipToken = "";
let referralId = "";

beforeAll(async () => {
  org = await insertOrganizationWithService(env().db, {
    name: "Flushing Asylum Help",
    slug: "flushing-asylum-help",
  });
  ({ slipToken, referralId } = await createReferral(env().db, {
    actor: staff,
    serviceId: org.serviceId,
    referral: referralInput({ preferredLanguage: "en" }),
  }));
  await reindexAll(env().db);
});

async function cookieOf(actor: Parameters<typeof requestAs>[1]): Promise<string> {
  const request = await requestAs(env().db, actor, "/");
  return request.headers.get("Cookie") ?? "";
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(`${app().base}${path}`, { headers, redirect: "manual" });
  await response.arrayBuffer();
  return response;
}

describe("pages that hold a search or show a referral are never stored by a cache", () => {
  it("sends private, no-store on search results, their data requests and organization pages", async () => {
    for (const path of [
      "/en/search?q=asylum&near=11368",
      "/search?q=asile",
      "/es/search.data?q=asilo",
      "/en/orgs/flushing-asylum-help",
      "/en/orgs/flushing-asylum-help.data",
      "/api/search?q=asylum",
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
  });

  it("sends private, no-store on the slip and on staff and member referral pages", async () => {
    const staffCookie = await cookieOf(staff);
    const editorCookie = await cookieOf(editorOf(org.organizationId));
    const pages: Array<[string, string | undefined]> = [
      [`/en/r/${slipToken}`, undefined],
      ["/en/staff/referrals", staffCookie],
      [`/en/staff/referrals/${referralId}`, staffCookie],
      [`/en/staff/referrals/new?serviceId=${org.serviceId}`, staffCookie],
      ["/en/portal/referrals", editorCookie],
      [`/en/portal/referrals/${referralId}`, editorCookie],
    ];
    for (const [path, cookie] of pages) {
      const response = await get(path, cookie ? { Cookie: cookie } : {});
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
  });
});

describe("the language cookie", () => {
  const languageCookie = (response: Response) =>
    response.headers.getSetCookie().find((cookie) => cookie.startsWith("lng="));

  it("lasts for the browser session only: HttpOnly, SameSite=Lax, not Secure over HTTP", async () => {
    const cookie = languageCookie(await get("/es/help"));
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/max-age|expires/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("is Secure when the visitor came over HTTPS (through a trusted proxy)", async () => {
    const cookie = languageCookie(await get("/fr/help", { "X-Forwarded-Proto": "https" }));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).not.toMatch(/max-age|expires/i);
  });

  it("is Secure when PUBLIC_URL is https, whatever the request says", async () => {
    const previous = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://puente.example.org";
    resetConfigCache();
    try {
      const response = (await rootLoader({
        request: new Request("http://localhost/ko/help"),
        params: { lang: "ko" },
        context: {},
      })) as Response;
      const cookie = languageCookie(response);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).not.toMatch(/max-age|expires/i);
    } finally {
      if (previous === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = previous;
      resetConfigCache();
    }
  });
});
