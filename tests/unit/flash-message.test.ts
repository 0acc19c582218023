import { describe, expect, it } from "vitest";
import { consumeFlash, flashCookie } from "~/flash.server";

function requestWith(cookie: string): Request {
  return new Request("http://x/es", { headers: { Cookie: cookie.split(";")[0]! } });
}

describe("a one-time message after a redirect", () => {
  it("arrives in the visitor's language even on a page without its namespace", () => {
    // A sign-out lands on a public page, whose browser translations hold no `accounts`.
    const cookie = flashCookie({ kind: "success", message: "accounts:flash.signedOut" });
    const { flash, setCookie } = consumeFlash(requestWith(cookie), "es");
    expect(flash).toEqual({ kind: "success", text: "Ha cerrado la sesión." });
    expect(setCookie).toMatch(/^puente_flash=;.*Max-Age=0/);
  });

  it("fills in values, and ignores a cookie someone forged", () => {
    const invited = flashCookie({
      kind: "success",
      message: "accounts:flash.invited",
      values: { email: "ana@example.org" },
    });
    expect(consumeFlash(requestWith(invited), "en").flash?.text).toContain("ana@example.org");
    const forged = `puente_flash=${Buffer.from('{"kind":"success","message":"<b>"}').toString("base64url")}`;
    expect(consumeFlash(requestWith(forged), "en").flash).toBeNull();
  });
});
