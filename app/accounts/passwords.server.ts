import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hash, verify } from "@node-rs/argon2";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./forms";

/**
 * Password hashing and policy (NIST SP 800-63B style): a minimum length, a maximum that bounds
 * hashing work, no composition rules, and a refusal of passwords that appear on a list of
 * common ones or that contain the person's own email name.
 */
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum the compiler cannot inline across modules)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** The same password typed on different keyboards (composed or decomposed accents) matches. */
function normalize(password: string): string {
  return password.normalize("NFKC");
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalize(password));
  } catch {
    // A malformed stored hash never lets anyone in.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real check when there is no account to check against, so the
 * response time does not tell whether an email is registered.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password used only to spend time");
  await verifyPassword(await dummyHash, password);
  return false;
}

export type PasswordProblem = "tooShort" | "tooLong" | "tooCommon" | "personal";

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  // Under Vite (the app server and the tests) the list is bundled into the server build; scripts
  // run by plain Node (tsx) read it next to this file instead.
  const bundled = import.meta.env
    ? import.meta.glob<string>("./common-passwords.txt", {
        query: "?raw",
        import: "default",
        eager: true,
      })["./common-passwords.txt"]
    : undefined;
  const text =
    bundled ??
    readFileSync(fileURLToPath(new URL("./common-passwords.txt", import.meta.url)), "utf8");
  return new Set(
    text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#")),
  );
}

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(normalize(password).toLowerCase());
}

/** Why a new password is refused, or null when it is acceptable. */
export function checkPasswordPolicy(
  password: string,
  person: { email?: string; name?: string } = {},
): PasswordProblem | null {
  const normalized = normalize(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) return "tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "tooLong";
  if (isCommonPassword(normalized)) return "tooCommon";
  const lower = normalized.toLowerCase();
  const localPart = person.email?.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= 4 && lower.includes(localPart)) return "personal";
  if (person.email && lower.includes(person.email.toLowerCase())) return "personal";
  return null;
}
