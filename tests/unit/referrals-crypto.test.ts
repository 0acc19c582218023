import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "~/config.server";
import {
  embeddedKeyFile,
  keyRingFromConfig,
  LEGACY_EMBEDDED_KEY_FILE,
  open,
  parseKeyRing,
  personalDataContext,
  seal,
  type KeyRing,
} from "~/referrals/crypto.server";
import { DomainError } from "~/http/errors";

const key = () => randomBytes(32).toString("base64");

describe("AES-256-GCM sealing", () => {
  const ring = parseKeyRing({ key: key() });
  const context = personalDataContext("9b0c4c1e-0000-4000-8000-000000000001");

  it("round-trips, with a fresh IV every time", () => {
    const plaintext = Buffer.from('{"callName":"Ana"}');
    const first = seal(ring, plaintext, context);
    const second = seal(ring, plaintext, context);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(first.ciphertext.subarray(1, 13).equals(second.ciphertext.subarray(1, 13))).toBe(false);
    expect(open(ring, first, context).toString()).toBe('{"callName":"Ana"}');
    expect(first.ciphertext.includes(Buffer.from("Ana"))).toBe(false);
  });

  it("refuses a ciphertext under another row's associated data, or tampered with", () => {
    const sealed = seal(ring, Buffer.from("secret"), context);
    expect(() =>
      open(ring, sealed, personalDataContext("9b0c4c1e-0000-4000-8000-000000000002")),
    ).toThrow(DomainError);
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => open(ring, { ...sealed, ciphertext: tampered }, context)).toThrow(DomainError);
  });

  it("decrypts with the key a row names, and encrypts with the current one", () => {
    const oldKey = key();
    const old: KeyRing = parseKeyRing({ keys: `2024:${oldKey}` });
    const sealed = seal(old, Buffer.from("kept"), context);
    const rotated = parseKeyRing({ keys: `2024:${oldKey},2025:${key()}`, currentKeyId: "2025" });
    expect(open(rotated, sealed, context).toString()).toBe("kept");
    expect(seal(rotated, Buffer.from("new"), context).keyId).toBe("2025");
    expect(() => open(parseKeyRing({ key: key() }), sealed, context)).toThrow(DomainError);
  });
});

describe("key configuration", () => {
  it("parses a single key, a ring, and refuses ambiguous or broken settings", () => {
    expect(parseKeyRing({ key: key() }).currentKeyId).toBe("default");
    expect(parseKeyRing({ key: key(), currentKeyId: "k2" }).currentKeyId).toBe("k2");
    expect(() => parseKeyRing({ keys: `a:${key()},b:${key()}` })).toThrow(/DATA_ENCRYPTION_KEY_ID/);
    expect(() => parseKeyRing({ keys: `a:${key()}`, currentKeyId: "b" })).toThrow(
      /not in the key ring/,
    );
    expect(() => parseConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: "too-short" })).toThrow(
      /DATA_ENCRYPTION_KEY/,
    );
    expect(() => parseConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEYS: "nocolon" })).toThrow(
      /DATA_ENCRYPTION_KEYS/,
    );
  });

  it("refuses to run referrals without a key outside the embedded setup", () => {
    const ring = keyRingFromConfig(parseConfig({ NODE_ENV: "production" }));
    expect(ring).toEqual({ problem: expect.stringMatching(/DATA_ENCRYPTION_KEY is not set/) });
  });

  describe("with the embedded database", () => {
    let warn: ReturnType<typeof vi.spyOn>;
    beforeEach(() => {
      warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    });
    afterEach(() => warn.mockRestore());

    function embeddedSettings() {
      const root = mkdtempSync(path.join(os.tmpdir(), "puente-key-"));
      const dataDir = path.join(root, "data");
      return parseConfig({
        NODE_ENV: "production",
        PUENTE_EMBEDDED_DATABASE: "true",
        PUENTE_DATA_DIR: dataDir,
        XDG_CONFIG_HOME: path.join(root, "config"),
      });
    }

    it("generates a key outside the data directory (mode 600) once, warns, and reuses it", () => {
      const settings = embeddedSettings();
      const first = keyRingFromConfig(settings);
      const second = keyRingFromConfig(settings);
      if ("problem" in first || "problem" in second) throw new Error("no key ring");
      const file = embeddedKeyFile(settings);
      expect(file.startsWith(path.join(settings.XDG_CONFIG_HOME!, "puente") + path.sep)).toBe(true);
      expect(path.relative(path.resolve(settings.PUENTE_DATA_DIR), file).startsWith("..")).toBe(
        true,
      );
      expect(existsSync(path.join(settings.PUENTE_DATA_DIR, LEGACY_EMBEDDED_KEY_FILE))).toBe(false);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
      expect(
        first.keys.get(first.currentKeyId)!.equals(second.keys.get(second.currentKeyId)!),
      ).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain(file);
    });

    it("moves a key left in the data directory by an older version out of it, loudly", () => {
      const settings = embeddedSettings();
      const legacy = path.join(settings.PUENTE_DATA_DIR, LEGACY_EMBEDDED_KEY_FILE);
      const legacyKey = randomBytes(32);
      mkdirSync(settings.PUENTE_DATA_DIR, { recursive: true });
      writeFileSync(legacy, `${legacyKey.toString("base64")}\n`, { mode: 0o600 });

      const ring = keyRingFromConfig(settings);
      if ("problem" in ring) throw new Error(ring.problem);
      expect(ring.keys.get("embedded")!.equals(legacyKey)).toBe(true);
      expect(existsSync(legacy)).toBe(false);
      const file = embeddedKeyFile(settings);
      expect(readFileSync(file, "utf8").trim()).toBe(legacyKey.toString("base64"));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(String(warn.mock.calls[0]![0])).toMatch(/moved .* from .* to .*backups/s);
    });

    it("refuses two different keys rather than guess which one encrypted the database", () => {
      const settings = embeddedSettings();
      mkdirSync(settings.PUENTE_DATA_DIR, { recursive: true });
      writeFileSync(path.join(settings.PUENTE_DATA_DIR, LEGACY_EMBEDDED_KEY_FILE), key());
      const file = embeddedKeyFile(settings);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, key());
      expect(keyRingFromConfig(settings)).toEqual({
        problem: expect.stringMatching(/Two different referral encryption keys/),
      });
    });
  });
});
