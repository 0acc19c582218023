import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { config, type AppConfig } from "~/config.server";
import { DomainError } from "~/http/errors";

/**
 * Encryption of personal data at rest: AES-256-GCM, a random 96-bit IV per encryption, the
 * key named by an id stored next to each ciphertext (so keys can rotate), and associated
 * data binding each ciphertext to its row (a ciphertext copied into another row fails).
 * Personal data is sealed under per-period data keys (data-keys.server.ts), which are in turn
 * wrapped by the DATA_ENCRYPTION_KEY ring parsed here.
 *
 * Envelope: version (1 byte) ‖ IV (12) ‖ tag (16) ‖ ciphertext.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const DEFAULT_KEY_ID = "default";
/** Key id of the key generated for the embedded database. */
export const EMBEDDED_KEY_ID = "embedded";
/** Where versions before 0005 kept it: inside PUENTE_DATA_DIR, next to the database. */
export const LEGACY_EMBEDDED_KEY_FILE = "encryption-key";

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

/** Version 1: sealed directly under a ring key (rows written before data keys, and wrapped data keys). */
const RING_ENVELOPE = 1;
/** Version 2: sealed under a period's data key (app/referrals/data-keys.server.ts). */
export const DATA_KEY_ENVELOPE = 2;

/** Which kind of key a stored envelope names in its key id column. */
export function envelopeVersion(ciphertext: Buffer): number {
  return ciphertext[0] ?? 0;
}

/** AES-256-GCM under `key`, in the envelope format above. */
export function encrypt(
  key: Buffer,
  version: number,
  plaintext: Buffer,
  associatedData: string,
): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), encrypted]);
}

export function decrypt(key: Buffer, envelope: Buffer, associatedData: string): Buffer {
  if (
    envelope.length < 1 + IV_BYTES + TAG_BYTES ||
    ![RING_ENVELOPE, DATA_KEY_ENVELOPE].includes(envelopeVersion(envelope))
  ) {
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

/** Seals under the ring's current key (used to wrap data keys). */
export function seal(ring: KeyRing, plaintext: Buffer, associatedData: string): Sealed {
  const key = ring.keys.get(ring.currentKeyId)!;
  return {
    ciphertext: encrypt(key, RING_ENVELOPE, plaintext, associatedData),
    keyId: ring.currentKeyId,
  };
}

/** Opens a version-1 envelope with the ring key it names. */
export function open(ring: KeyRing, sealed: Sealed, associatedData: string): Buffer {
  const key = ring.keys.get(sealed.keyId);
  if (!key) {
    throw new DomainError(500, "errors.keyMissing", "referrals", {
      detail: `no key "${sealed.keyId}" in the key ring (DATA_ENCRYPTION_KEYS)`,
    });
  }
  if (envelopeVersion(sealed.ciphertext) !== RING_ENVELOPE) {
    throw new DomainError(500, "errors.decryptFailed", "referrals", {
      detail: "not a ring envelope",
    });
  }
  return decrypt(key, sealed.ciphertext, associatedData);
}

/** Associated data: what a ciphertext belongs to, so it cannot be swapped between rows. */
export const personalDataContext = (referralId: string) => `puente/referral/${referralId}`;
export const eventNoteContext = (referralId: string, eventId: string) =>
  `puente/referral/${referralId}/event/${eventId}`;
export const dataKeyContext = (dataKeyId: string) => `puente/data-key/${dataKeyId}`;

/**
 * Where the embedded setup keeps its generated key: DATA_ENCRYPTION_KEY_FILE, else
 * `$XDG_CONFIG_HOME/puente/` (`~/.config/puente/`), one file per data directory. Never inside
 * PUENTE_DATA_DIR: a copy of the data directory is the natural backup, and a backup that
 * carries the key that opens it protects nothing, and erases nothing.
 */
export function embeddedKeyFile(settings: AppConfig): string {
  if (settings.DATA_ENCRYPTION_KEY_FILE) return path.resolve(settings.DATA_ENCRYPTION_KEY_FILE);
  const dataDir = path.resolve(settings.PUENTE_DATA_DIR);
  const configHome = settings.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  const tag = createHash("sha256").update(dataDir).digest("hex").slice(0, 12);
  return path.join(configHome, "puente", `encryption-key-${tag}`);
}

function readKeyFile(file: string): Buffer {
  return decodeKey(readFileSync(file, "utf8"), file);
}

/** Writes a key file only if none exists (O_EXCL), so concurrent processes agree. */
function createKeyFile(file: string, key: Buffer): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

/**
 * The embedded default: a key generated once (mode 600) outside the data directory. A key
 * left by an older version in `<PUENTE_DATA_DIR>/encryption-key` is moved there, loudly.
 */
function embeddedKey(settings: AppConfig): Buffer {
  const file = embeddedKeyFile(settings);
  const legacy = path.resolve(settings.PUENTE_DATA_DIR, LEGACY_EMBEDDED_KEY_FILE);
  const hasLegacy = existsSync(legacy) && legacy !== file;
  if (hasLegacy && createKeyFile(file, readKeyFile(legacy))) {
    console.warn(
      `[puente] moved the referrals' data encryption key from ${legacy} to ${file}: a key kept ` +
        "inside PUENTE_DATA_DIR travels with every copy of the database, so backups could always " +
        `be decrypted. Back up ${file} apart from the database backups.`,
    );
  } else if (!hasLegacy && createKeyFile(file, generateKey())) {
    console.warn(
      `[puente] generated a data encryption key for referrals into ${file}, outside ` +
        "PUENTE_DATA_DIR so that copies of the database do not carry it. Back it up apart from " +
        "the database: without it, personal data in referrals cannot be read. " +
        "In production set DATA_ENCRYPTION_KEY instead.",
    );
  }
  const key = readKeyFile(file);
  if (hasLegacy) {
    if (!readKeyFile(legacy).equals(key)) {
      throw new Error(
        `Two different referral encryption keys: ${legacy} and ${file}. Keep the one the ` +
          "database was encrypted with at the second path and delete the other.",
      );
    }
    unlinkSync(legacy);
  }
  return key;
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
        keys: new Map([[EMBEDDED_KEY_ID, embeddedKey(settings)]]),
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
