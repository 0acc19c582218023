import { createHmac, hkdfSync, randomInt } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { config, type AppConfig } from "~/config.server";
import { embeddedKeyFile, generateKey, keyRingFromConfig } from "./crypto.server";

/**
 * Finding a referral when the person calls back, without making personal data searchable:
 *
 * - a **reference code** per referral, printed on the slip and read out on the phone;
 * - a **keyed blind index** of the person's phone and email: HMAC-SHA256 under its own key
 *   (REFERRAL_LOOKUP_KEY) over a normalised value. The same number always gives the same
 *   index, so an exact match finds the referral; without the key the index reveals nothing
 *   and cannot be tested against guesses. Purged with the personal data.
 *
 * See docs/decisions/018-referral-handover.md.
 */

// ---------------------------------------------------------------------------------------------
// Reference codes

/** 30 characters without look-alikes (no 0/O, 1/I/L, U): easy to read out and to type. */
export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const REFERENCE_LENGTH = 8;

/** A random code ("K7MQ3XTP"; 30^8 ≈ 6.6·10^11 of them), stored without the dash. */
export function newReferenceCode(): string {
  let code = "";
  for (let index = 0; index < REFERENCE_LENGTH; index++) {
    code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  }
  return code;
}

/** "K7MQ3XTP" → "K7MQ-3XTP": how the code is printed and shown. */
export function formatReferenceCode(code: string | null): string | null {
  return code ? `${code.slice(0, 4)}-${code.slice(4)}` : null;
}

/** What was typed or read out, as a stored code (case, spaces, dashes ignored); else null. */
export function parseReferenceCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "");
  if (cleaned.length !== REFERENCE_LENGTH) return null;
  return [...cleaned].every((char) => REFERENCE_ALPHABET.includes(char)) ? cleaned : null;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** The coalition's country, for numbers typed without a country code. */
const DEFAULT_COUNTRY = "US";

/**
 * A phone number as E.164 ("+17185550147"), however it was typed; an unparseable one as its
 * digits (still an exact match against itself). Null without any digit.
 */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), DEFAULT_COUNTRY);
  if (parsed?.isValid()) return parsed.number;
  const digits = input.replace(/[^0-9]/g, "");
  return digits.length >= 7 ? digits : null;
}

export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return email.includes("@") ? email : null;
}

// ---------------------------------------------------------------------------------------------
// The key and the index

export type LookupKind = "phone" | "email";

/** HMAC-SHA256 of the normalised value, with the kind as domain separation; hex. */
export function blindIndex(key: Buffer, kind: LookupKind, value: string): string | null {
  const normalized = kind === "phone" ? normalizePhone(value) : normalizeEmail(value);
  if (!normalized) return null;
  return createHmac("sha256", key)
    .update(`puente/referral-lookup/${kind}\0${normalized}`)
    .digest("hex");
}

const LOOKUP_KEY_BYTES = 32;

/** The embedded setup's generated lookup key: next to its encryption key, never in the data dir. */
export function embeddedLookupKeyFile(settings: AppConfig): string {
  const encryptionKeyFile = embeddedKeyFile(settings);
  const name = path.basename(encryptionKeyFile).replace(/^encryption-key/, "lookup-key");
  return path.join(path.dirname(encryptionKeyFile), name);
}

function embeddedLookupKey(settings: AppConfig): Buffer {
  const file = embeddedLookupKeyFile(settings);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // O_EXCL: concurrent processes agree on the first one written.
    writeFileSync(file, `${generateKey().toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== LOOKUP_KEY_BYTES) throw new Error(`${file}: must hold 32 bytes in base64`);
  return key;
}

/**
 * REFERRAL_LOOKUP_KEY; else, with the embedded database, a key generated once beside the
 * encryption key; else, outside production, a key derived (HKDF) from DATA_ENCRYPTION_KEY; else
 * none: lookup by phone or email is off and no index is written. Never throws.
 */
export function lookupKeyFromConfig(settings: AppConfig): Buffer | { problem: string } {
  try {
    if (settings.REFERRAL_LOOKUP_KEY) return Buffer.from(settings.REFERRAL_LOOKUP_KEY, "base64");
    if (settings.PUENTE_EMBEDDED_DATABASE) return embeddedLookupKey(settings);
    if (settings.NODE_ENV !== "production") {
      const ring = keyRingFromConfig(settings);
      if (!("problem" in ring)) {
        const master = ring.keys.get(ring.currentKeyId)!;
        return Buffer.from(
          hkdfSync("sha256", master, Buffer.alloc(0), "puente/referral-lookup", LOOKUP_KEY_BYTES),
        );
      }
    }
    return {
      problem:
        "Finding referrals by phone or email is off: set REFERRAL_LOOKUP_KEY to 32 random bytes " +
        "in base64 (`openssl rand -base64 32`), apart from DATA_ENCRYPTION_KEY.",
    };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

let cached: Buffer | null | undefined;

/** The process's lookup key, or null when lookup by phone or email is off. */
export function lookupKey(): Buffer | null {
  if (cached !== undefined) return cached;
  const key = lookupKeyFromConfig(config());
  cached = key instanceof Buffer ? key : null;
  return cached;
}

/** The index columns of a referral for this person (null where there is nothing to index). */
export function lookupColumns(
  key: Buffer | null,
  contact: { phone?: string; email?: string },
): { phoneLookup: string | null; emailLookup: string | null } {
  return {
    phoneLookup: key && contact.phone ? blindIndex(key, "phone", contact.phone) : null,
    emailLookup: key && contact.email ? blindIndex(key, "email", contact.email) : null,
  };
}
