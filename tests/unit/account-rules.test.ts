import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, isCommonPassword } from "~/accounts/passwords.server";
import { safeRedirectPath } from "~/accounts/redirect";
import { summarizeUserAgent } from "~/accounts/session-store.server";
import enAccounts from "~/i18n/locales/en/accounts.json";
import esAccounts from "~/i18n/locales/es/accounts.json";
import { contentSecurityPolicy, tileOrigin } from "~/security/csp";
import { checkSameOrigin } from "~/security/same-origin";

describe("password policy", () => {
  it.each([
    ["short", "tooShort"],
    ["eleven-char", "tooShort"],
    ["password1234", "tooCommon"],
    ["Password1234", "tooCommon"],
    ["QWERTYUIOP12", "tooCommon"],
    ["123456789012", "tooCommon"],
    ["iloveyou1234", "tooCommon"],
    ["x".repeat(201), "tooLong"],
    ["maria.lopez-rocks-99", "personal"],
    ["orchard-kettle-nimbus-54", null],
    ["ünïcödé-pässwörd", null],
  ])("%s → %s", (password, problem) => {
    expect(checkPasswordPolicy(password, { email: "maria.lopez@example.org" })).toBe(problem);
  });

  it("ships a list of a few thousand common passwords, most of them 12+ characters", () => {
    expect(isCommonPassword("123456")).toBe(true);
    expect(isCommonPassword("qwertyuiop123")).toBe(true);
    expect(isCommonPassword("orchard-kettle-nimbus-54")).toBe(false);
  });

  it("counts characters, not bytes, after Unicode normalization", () => {
    // 12 letters, some of them decomposed (e + combining accent): long enough.
    const decomposed = "cafe\u0301-cafe\u0301-xy";
    expect(checkPasswordPolicy(decomposed)).toBeNull();
  });
});

describe("redirect after sign-in", () => {
  it.each([
    ["/es/portal", "/es/portal"],
    ["/en/account?tab=2#pw", "/en/account?tab=2#pw"],
    ["//evil.example", "/fallback"],
    ["/\\evil.example", "/fallback"],
    ["https://evil.example/", "/fallback"],
    ["javascript:alert(1)", "/fallback"],
    ["/ok\r\nSet-Cookie: x", "/fallback"],
    ["", "/fallback"],
    [undefined, "/fallback"],
    // Dot segments that normalise into a protocol-relative path.
    ["/.//evil.example", "/fallback"],
    ["/..//evil.example", "/fallback"],
    ["/./..//evil.example/x", "/fallback"],
    ["/%2e//evil.example", "/fallback"],
    ["/%2E%2E//evil.example", "/fallback"],
    ["/a/../..//evil.example", "/fallback"],
    // Encoded slashes and backslashes.
    ["/%2f%2fevil.example", "/fallback"],
    ["/%2F/evil.example", "/fallback"],
    ["/%5cevil.example", "/fallback"],
    ["/%5C%5Cevil.example", "/fallback"],
    ["/.\\evil.example", "/fallback"],
    ["\\evil.example", "/fallback"],
    // Whitespace the URL parser would strip.
    ["/\t/evil.example", "/fallback"],
    ["/\n/evil.example", "/fallback"],
    ["/ /evil.example", "/fallback"],
    // Dot segments that stay on this site are fine, normalised.
    ["/es/./portal", "/es/portal"],
    ["/es/portal/../account", "/es/account"],
    ["/search?q=a%2Fb", "/search?q=a%2Fb"],
  ])("%s → %s", (value, expected) => {
    expect(safeRedirectPath(value, "/fallback")).toBe(expected);
  });

  it("never returns anything a browser could read as another origin", () => {
    const pieces = [
      "/",
      "//",
      "\\",
      ".",
      "..",
      "%2e",
      "%2f",
      "%5c",
      "%09",
      "evil.example",
      "@",
      ":",
    ];
    const candidates: string[] = [];
    for (const a of pieces)
      for (const b of pieces) for (const c of pieces) candidates.push(`/${a}${b}${c}`);
    for (const candidate of candidates) {
      const result = safeRedirectPath(candidate, "/fallback");
      const resolved = new URL(result, "https://puente.example.org");
      expect(resolved.origin, candidate).toBe("https://puente.example.org");
      expect(result.startsWith("/"), candidate).toBe(true);
      expect(/^\/[/\\]/.test(result), candidate).toBe(false);
      expect(/^\/[/\\]/.test(decodeURIComponent(result.split(/[?#]/)[0]!)), candidate).toBe(false);
    }
  });
});

describe("same-origin check (CSRF)", () => {
  const site = ["https://puente.example.org"];
  it.each([
    [{ method: "GET", origin: "https://evil.example", secFetchSite: "cross-site" }, true],
    [{ method: "POST", origin: "https://puente.example.org", secFetchSite: undefined }, true],
    [{ method: "POST", origin: undefined, secFetchSite: "same-origin" }, true],
    [{ method: "POST", origin: undefined, secFetchSite: "none" }, true],
    // A form posted under `Referrer-Policy: no-referrer` carries `Origin: null`.
    [{ method: "POST", origin: "null", secFetchSite: "same-origin" }, true],
    [{ method: "POST", origin: "https://evil.example", secFetchSite: undefined }, false],
    [{ method: "POST", origin: "https://puente.example.org", secFetchSite: "cross-site" }, false],
    [{ method: "POST", origin: undefined, secFetchSite: "same-site" }, false],
    [{ method: "DELETE", origin: "null", secFetchSite: undefined }, false],
    [{ method: "PUT", origin: undefined, secFetchSite: undefined }, false],
  ])("%o → %s", (request, allowed) => {
    expect(checkSameOrigin(request, site).allowed).toBe(allowed);
  });
});

describe("content security policy", () => {
  it("allows scripts only from this site and with the nonce", () => {
    const policy = contentSecurityPolicy({
      nonce: "abc123",
      mapTileUrl: "https://{s}.tile.example.org/{z}/{x}/{y}.png",
      development: false,
    });
    const directives = Object.fromEntries(
      policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1)]),
    );
    expect(directives["script-src"]).toEqual(["'self'", "'nonce-abc123'"]);
    expect(policy).not.toContain("unsafe-eval");
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives["img-src"]).toContain("https://*.tile.example.org");
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["connect-src"]).toEqual(["'self'"]);
  });

  it.each([
    ["https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"],
    ["https://{s}.basemaps.example.com/{z}/{x}/{y}.png", "https://*.basemaps.example.com"],
    ["http://localhost:8080/tiles/{z}/{x}/{y}.png", "http://localhost:8080"],
    ["/tiles/{z}/{x}/{y}.png", undefined],
  ])("tile origin of %s is %s", (url, origin) => {
    expect(tileOrigin(url)).toBe(origin);
  });
});

describe("device names", () => {
  it.each([
    [
      "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
      "Chrome (Android)",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      "Safari (iOS)",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
      "Firefox (Windows)",
    ],
    [null, null],
  ])("%s → %s", (header, summary) => {
    expect(summarizeUserAgent(header)).toBe(summary);
  });
});

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe("accounts translations", () => {
  it("has every English key in Spanish, and nothing else", () => {
    expect(keysOf(esAccounts).sort()).toEqual(keysOf(enAccounts).sort());
  });
  it("has no empty text", () => {
    for (const [language, file] of [
      ["en", enAccounts],
      ["es", esAccounts],
    ] as const) {
      const flat = keysOf(file);
      for (const key of flat) {
        const text = key
          .split(".")
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], file);
        expect(String(text).trim(), `${language}:${key}`).not.toBe("");
      }
    }
  });
});
