import { describe, expect, it } from "vitest";
import { parseConfig, publicOrigin } from "~/config.server";

const EXTERNAL_DATABASE = "postgres://puente@db.internal:5432/puente";

describe("where absolute links point (PUBLIC_URL)", () => {
  it("refuses to start in production on its own database without PUBLIC_URL, naming it", () => {
    expect(() => parseConfig({ NODE_ENV: "production", DATABASE_URL: EXTERNAL_DATABASE })).toThrow(
      /PUBLIC_URL: is required in production/,
    );
  });

  it("uses PUBLIC_URL as given, without a trailing slash", () => {
    const settings = parseConfig({
      NODE_ENV: "production",
      DATABASE_URL: EXTERNAL_DATABASE,
      PUBLIC_URL: "https://puente.example.org/",
    });
    expect(publicOrigin(settings)).toBe("https://puente.example.org");
  });

  it("refuses a PUBLIC_URL that is not http(s)", () => {
    expect(() => parseConfig({ NODE_ENV: "test", PUBLIC_URL: "javascript://x" })).toThrow(
      /PUBLIC_URL/,
    );
  });

  it("lets `npm start` with the embedded database fall back to localhost", () => {
    const settings = parseConfig({
      NODE_ENV: "production",
      DATABASE_URL: EXTERNAL_DATABASE,
      PUENTE_EMBEDDED_DATABASE: "true",
      PORT: "3000",
    });
    expect(publicOrigin(settings)).toBe("http://localhost:3000");
  });

  it("falls back to the listening address in development and tests, never a header", () => {
    expect(publicOrigin(parseConfig({ NODE_ENV: "development", PORT: "4123" }))).toBe(
      "http://localhost:4123",
    );
    expect(publicOrigin(parseConfig({ NODE_ENV: "test", HOST: "puente.lan", PORT: "8080" }))).toBe(
      "http://puente.lan:8080",
    );
    expect(publicOrigin(parseConfig({ NODE_ENV: "development", HOST: "0.0.0.0" }))).toBe(
      "http://localhost:3000",
    );
  });
});
