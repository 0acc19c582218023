import type { Resource, ResourceLanguage } from "i18next";
import { namespacesOf, type Locale, type NamespaceGroup } from "./locales";

/*
 * Where the pages' translations come from, the same way on both sides:
 * - on the server, from memory (app/i18n/resources.server.ts registers itself in
 *   entry.server.tsx);
 * - in the browser, from one static, immutable chunk per language and namespace, loaded before
 *   hydration (entry.client.tsx) and when the root loader moves to another language or area
 *   (the root's clientLoader). Not in the loader data: they were a fifth of every page's HTML,
 *   sent again on every page, where a chunk is downloaded once and then cached.
 */

type Source = (locale: Locale, group: NamespaceGroup) => Resource;

let serverSource: Source | undefined;
const loaded = new Map<string, Resource>();

/** For entry.server.tsx: the server's translations, all in memory. */
export function registerServerTranslations(source: Source): void {
  serverSource = source;
}

/** The translations of a language and area when they are at hand (always, on the server). */
export function translationsAtHand(locale: Locale, group: NamespaceGroup): Resource | undefined {
  return serverSource ? serverSource(locale, group) : loaded.get(`${locale}:${group}`);
}

type Chunks = Record<string, () => Promise<{ default: ResourceLanguage[string] }>>;

/**
 * The browser's chunks of the public pages' namespaces (PUBLIC_NAMESPACES); the map of the
 * others is itself a chunk (member-bundles.ts), fetched only in the member area, so a
 * visitor's phone does not download the addresses of translations it never needs.
 */
const publicChunks: Chunks = import.meta.glob<{ default: ResourceLanguage[string] }>([
  "./locales/*/common.json",
  "./locales/*/vocabulary.json",
  "./locales/*/search.json",
  "./locales/*/directory.json",
]);

async function chunkOf(locale: Locale, namespace: string) {
  const key = `./locales/${locale}/${namespace}.json`;
  const chunk = publicChunks[key] ?? (await import("./member-bundles")).memberChunks[key];
  if (!chunk) throw new Error(`No translations for ${locale}/${namespace}`);
  return chunk();
}

/** Loads what `translationsAtHand` will then give; each chunk is fetched once. */
export async function loadTranslations(locale: Locale, group: NamespaceGroup): Promise<Resource> {
  const key = `${locale}:${group}`;
  const atHand = translationsAtHand(locale, group);
  if (atHand) return atHand;
  const namespaces = namespacesOf(group);
  const files = await Promise.all(namespaces.map((namespace) => chunkOf(locale, namespace)));
  const language: ResourceLanguage = Object.fromEntries(
    namespaces.map((namespace, index) => [namespace, files[index]!.default]),
  );
  // Another call may have finished first: keep one object, so one i18next instance.
  if (!loaded.has(key)) loaded.set(key, { [locale]: language });
  return loaded.get(key)!;
}
