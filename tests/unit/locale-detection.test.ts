import { describe, expect, it } from "vitest";
import { detectLocale, matchAcceptLanguage } from "~/i18n/i18n.server";
import { namespaceGroupOf, switchLocalePath } from "~/i18n/locales";

describe("language detection", () => {
  it("prefers the URL, then the cookie, then Accept-Language", async () => {
    const request = new Request("http://x/es/search", {
      headers: { Cookie: "lng=ImVuIg%3D%3D", "Accept-Language": "en-US" },
    });
    expect(await detectLocale(request, "es")).toBe("es");
    expect(await detectLocale(request, undefined)).toBe("en");
    const noCookie = new Request("http://x/search", {
      headers: { "Accept-Language": "es-MX,en;q=0.5" },
    });
    expect(await detectLocale(noCookie, undefined)).toBe("es");
  });

  it("falls back to English for unsupported languages", () => {
    expect(matchAcceptLanguage("de-DE,de;q=0.9")).toBeUndefined();
    expect(matchAcceptLanguage("de;q=0.9, es;q=0.8")).toBe("es");
  });

  it("keeps path and query when switching language", () => {
    expect(switchLocalePath("/es/search", "?q=asilo", "en")).toBe("/en/search?q=asilo");
    expect(switchLocalePath("/search", "", "es")).toBe("/es/search");
    expect(switchLocalePath("/", "", "es")).toBe("/es");
    expect(switchLocalePath("/en", "", "es")).toBe("/es");
  });

  it("sends staff-only translations only to member pages, and the home page the fewest", () => {
    expect(namespaceGroupOf("/es/search")).toBe("search");
    expect(namespaceGroupOf("/search")).toBe("search");
    expect(namespaceGroupOf("/help")).toBe("public");
    expect(namespaceGroupOf("/")).toBe("home");
    expect(namespaceGroupOf("/es")).toBe("home");
    expect(namespaceGroupOf("/es/")).toBe("home");
    expect(namespaceGroupOf("/es/orgs/a")).toBe("public");
    expect(namespaceGroupOf("/orgs/staff")).toBe("public");
    expect(namespaceGroupOf("/es/staff/referrals")).toBe("member");
    expect(namespaceGroupOf("/portal")).toBe("member");
    expect(namespaceGroupOf("/r/abc")).toBe("member");
  });
});
