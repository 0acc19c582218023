import { createHash } from "node:crypto";

/** Puente's UUID namespace (random, fixed forever): every derived HSDS id is a UUIDv5 in it. */
const PUENTE_NAMESPACE = "5e1f7a52-0b8e-4c1d-9f3a-6d2b8c4e7a90";

/**
 * A stable RFC 4122 version-5 UUID for an HSDS object Puente does not store with an id of its
 * own (a taxonomy, a population term, a language row, an address): the same name gives the same
 * id on every install and in every export, so consumers and re-imports can rely on it.
 */
export function derivedId(name: string): string {
  const namespace = Buffer.from(PUENTE_NAMESPACE.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(namespace).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
