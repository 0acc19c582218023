import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "~/config.server";
import { embeddedLookupKeyFile, lookupKeyFromConfig } from "~/referrals/lookup.server";

const root = mkdtempSync(path.join(os.tmpdir(), "puente-lookup-key-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the blind index's key (REFERRAL_LOOKUP_KEY)", () => {
  it("is the configured key, and a bad one stops the start naming the variable", () => {
    const key = randomBytes(32);
    const settings = parseConfig({
      NODE_ENV: "production",
      REFERRAL_LOOKUP_KEY: key.toString("base64"),
    });
    expect(lookupKeyFromConfig(settings)).toEqual(key);
    expect(() => parseConfig({ NODE_ENV: "production", REFERRAL_LOOKUP_KEY: "short" })).toThrow(
      /REFERRAL_LOOKUP_KEY/,
    );
  });

  it("is generated once beside the embedded encryption key, never in the data directory", () => {
    const settings = parseConfig({
      NODE_ENV: "production",
      PUENTE_EMBEDDED_DATABASE: "true",
      PUENTE_DATA_DIR: path.join(root, "data"),
      XDG_CONFIG_HOME: path.join(root, "config"),
    });
    const first = lookupKeyFromConfig(settings) as Buffer;
    expect(first).toBeInstanceOf(Buffer);
    expect(first.length).toBe(32);
    const file = embeddedLookupKeyFile(settings);
    expect(file.startsWith(path.join(root, "config", "puente") + path.sep)).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lookupKeyFromConfig(settings)).toEqual(first);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toEqual(first);
  });

  it("is derived from the encryption key in development, and is not that key", () => {
    const encryption = randomBytes(32);
    const settings = parseConfig({
      NODE_ENV: "development",
      DATA_ENCRYPTION_KEY: encryption.toString("base64"),
    });
    const derived = lookupKeyFromConfig(settings) as Buffer;
    expect(derived).toBeInstanceOf(Buffer);
    expect(derived.equals(encryption)).toBe(false);
    expect(lookupKeyFromConfig(settings)).toEqual(derived);
  });

  it("is absent in production with an external database: lookup by phone or email is off", () => {
    const settings = parseConfig({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db.example/puente",
      PUBLIC_URL: "https://puente.example.org",
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    });
    expect(lookupKeyFromConfig(settings)).toEqual({
      problem: expect.stringContaining("REFERRAL_LOOKUP_KEY"),
    });
  });
});
