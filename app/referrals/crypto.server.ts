import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, type AppConfig } from "~/config.server";
import { DomainError } from "~/http/errors";

/**
 * Encryption of personal data at rest: AES-256-GCM, a random 96-bit IV per encryption, the
 * key named by an id stored next to each ciphertext (so keys can rotate), and associated
 * data binding each ciphertext to its row (a ciphertext copied into another row fails).
 *
 * Envelope: version (1 byte) ‖ IV (12) ‖ tag (16) ‖ ciphertext.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const DEFAULT_KEY_ID = "default";
/** Key id of the key generated for the embedded database under PUENTE_DATA_DIR. */
export const EMBEDDED_KEY_ID = "embedded";
export const EMBEDDED_KEY_FILE = "encryption-key";

export interface KeyRing {
  /** New data is encrypted with this key. */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export interface Sealed {
  ciphertext: Buffer;
  keyId: string;
}

function decodeKey(base64: string, name: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== KEY_BYTES) throw new Error(`${name}: the key must be 32 bytes in base64`);
  return key;
}

/** Builds a key ring from "id:base64,id:base64" entries and/or a single key. */
export function parseKeyRing(options: {
  keys?: string;
  key?: string;
  currentKeyId?: string;
}): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const entry of (options.keys ?? "").split(",").map((part) => part.trim())) {
    if (!entry) continue;
    const [keyId = "", key = ""] = entry.split(":");
    if (keys.has(keyId)) throw new Error(`DATA_ENCRYPTION_KEYS: key id "${keyId}" appears twice`);
    keys.set(keyId, decodeKey(key, "DATA_ENCRYPTION_KEYS"));
  }
  let currentKeyId = options.currentKeyId;
  if (options.key) {
    const keyId = currentKeyId ?? DEFAULT_KEY_ID;
    const key = decodeKey(options.key, "DATA_ENCRYPTION_KEY");
    const listed = keys.get(keyId);
    if (listed && !listed.equals(key)) {
      throw new Error(
        `DATA_ENCRYPTION_KEY and DATA_ENCRYPTION_KEYS give different keys for id "${keyId}"`,
      );
    }
    keys.set(keyId, key);
    currentKeyId = keyId;
  }
  if (!currentKeyId && keys.size === 1) currentKeyId = [...keys.keys()][0];
  if (!currentKeyId) {
    throw new Error(
      "DATA_ENCRYPTION_KEY_ID must name the key to encrypt with when DATA_ENCRYPTION_KEYS lists several",
    );
  }
  if (!keys.has(currentKeyId)) {
    throw new Error(`DATA_ENCRYPTION_KEY_ID "${currentKeyId}" is not in the key ring`);
  }
  return { currentKeyId, keys };
}

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function seal(ring: KeyRing, plaintext: Buffer, associatedData: string): Sealed {
  const key = ring.keys.get(ring.currentKeyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const ciphertext = Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), encrypted]);
  return { ciphertext, keyId: ring.currentKeyId };
}

export function open(ring: KeyRing, sealed: Sealed, associatedData: string): Buffer {
  const key = ring.keys.get(sealed.keyId);
  if (!key) {
    throw new DomainError(500, "errors.keyMissing", "referrals", {
      detail: `no key "${sealed.keyId}" in the key ring (DATA_ENCRYPTION_KEYS)`,
    });
  }
  const envelope = sealed.ciphertext;
  if (envelope.length < 1 + IV_BYTES + TAG_BYTES || envelope[0] !== VERSION) {
    throw new DomainError(500, "errors.decryptFailed", "referrals", { detail: "unknown envelope" });
  }
  const iv = envelope.subarray(1, 1 + IV_BYTES);
  const tag = envelope.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(envelope.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // Wrong key, tampered bytes or a ciphertext moved from another row.
    throw new DomainError(500, "errors.decryptFailed", "referrals", {
      detail: "authentication failed",
    });
  }
}

export function sealJson(ring: KeyRing, value: unknown, associatedData: string): Sealed {
  return seal(ring, Buffer.from(JSON.stringify(value), "utf8"), associatedData);
}

export function openJson(ring: KeyRing, sealed: Sealed, associatedData: string): unknown {
  return JSON.parse(open(ring, sealed, associatedData).toString("utf8"));
}

/** Associated data: what a ciphertext belongs to, so it cannot be swapped between rows. */
export const personalDataContext = (referralId: string) => `puente/referral/${referralId}`;
export const eventNoteContext = (referralId: string, eventId: string) =>
  `puente/referral/${referralId}/event/${eventId}`;

let warned = false;

/**
 * The embedded default: a key generated once into <PUENTE_DATA_DIR>/encryption-key (mode 600),
 * next to the embedded database it protects. Created with O_EXCL so concurrent processes agree.
 */
function embeddedKey(dataDir: string): Buffer {
  const file = path.resolve(dataDir, EMBEDDED_KEY_FILE);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${generateKey().toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    if (!warned) {
      console.warn(
        `[puente] generated a data encryption key for referrals into ${file}. ` +
          "Back it up with the database: without it, personal data in referrals cannot be read. " +
          "In production set DATA_ENCRYPTION_KEY instead.",
      );
      warned = true;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return decodeKey(readFileSync(file, "utf8"), file);
}

/** Why referrals cannot run, or the key ring. Never throws. */
export function keyRingFromConfig(settings: AppConfig): KeyRing | { problem: string } {
  try {
    if (settings.DATA_ENCRYPTION_KEY || settings.DATA_ENCRYPTION_KEYS) {
      return parseKeyRing({
        keys: settings.DATA_ENCRYPTION_KEYS,
        key: settings.DATA_ENCRYPTION_KEY,
        currentKeyId: settings.DATA_ENCRYPTION_KEY_ID,
      });
    }
    if (settings.PUENTE_EMBEDDED_DATABASE) {
      return {
        currentKeyId: EMBEDDED_KEY_ID,
        keys: new Map([[EMBEDDED_KEY_ID, embeddedKey(settings.PUENTE_DATA_DIR)]]),
      };
    }
    return {
      problem:
        "Referrals are disabled: DATA_ENCRYPTION_KEY is not set. Referrals hold personal data " +
        "that is encrypted at rest; set DATA_ENCRYPTION_KEY to 32 random bytes in base64 " +
        "(`openssl rand -base64 32`) and keep it apart from database backups.",
    };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

let cached: KeyRing | undefined;

/**
 * The process's key ring. Referrals refuse to work without one (503 with a clear message),
 * rather than store personal data in the clear.
 */
export function dataKeyRing(): KeyRing {
  if (cached) return cached;
  const ring = keyRingFromConfig(config());
  if ("problem" in ring) {
    throw new DomainError(503, "errors.encryptionUnavailable", "referrals", {
      detail: ring.problem,
    });
  }
  cached = ring;
  return ring;
}
