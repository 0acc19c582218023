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

/** The browser's chunks: every namespace pages use (emails stay on the server). */
const chunks = import.meta.glob<{ default: ResourceLanguage[string] }>([
  "./locales/*/*.json",
  "!./locales/*/emails.json",
]);

/** Loads what `translationsAtHand` will then give; each chunk is fetched once. */
export async function loadTranslations(locale: Locale, group: NamespaceGroup): Promise<Resource> {
  const key = `${locale}:${group}`;
  const atHand = translationsAtHand(locale, group);
  if (atHand) return atHand;
  const namespaces = namespacesOf(group);
  const files = await Promise.all(
    namespaces.map((namespace) => {
      const chunk = chunks[`./locales/${locale}/${namespace}.json`];
      if (!chunk) throw new Error(`No translations for ${locale}/${namespace}`);
      return chunk();
    }),
  );
  const language: ResourceLanguage = Object.fromEntries(
    namespaces.map((namespace, index) => [namespace, files[index]!.default]),
  );
  // Another call may have finished first: keep one object, so one i18next instance.
  if (!loaded.has(key)) loaded.set(key, { [locale]: language });
  return loaded.get(key)!;
}
