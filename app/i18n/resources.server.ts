import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Resource, ResourceLanguage } from "i18next";
import {
  ALL_NAMESPACES,
  DEFAULT_LOCALE,
  namespacesOf,
  SERVER_NAMESPACES,
  SUPPORTED_LOCALES,
  type Locale,
  type NamespaceGroup,
  type ServerNamespace,
} from "./locales";

type LocaleFiles = Record<string, { default: Record<string, unknown> }>;

/**
 * The same files read from disk, for scripts run by tsx outside Vite (`npm run referrals:purge`
 * sends emails through i18next too); inside Vite and Vitest the glob below bundles them.
 */
function readLocaleFiles(): LocaleFiles {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "locales");
  const files: LocaleFiles = {};
  for (const locale of readdirSync(root)) {
    for (const file of readdirSync(path.join(root, locale))) {
      if (!file.endsWith(".json")) continue;
      const text = readFileSync(path.join(root, locale, file), "utf8");
      files[`./locales/${locale}/${file}`] = {
        default: JSON.parse(text) as Record<string, unknown>,
      };
    }
  }
  return files;
}

const files: LocaleFiles = import.meta.env
  ? import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json", { eager: true })
  : readLocaleFiles();

function load(locale: Locale): ResourceLanguage {
  const language: ResourceLanguage = {};
  for (const namespace of ALL_NAMESPACES) {
    const file = files[`./locales/${locale}/${namespace}.json`];
    if (file) language[namespace] = file.default;
  }
  return language;
}

const allResources: Resource = Object.fromEntries(
  SUPPORTED_LOCALES.map((locale) => [locale, load(locale)]),
);

function pick(locale: Locale, group: NamespaceGroup): ResourceLanguage {
  const language = allResources[locale]!;
  return Object.fromEntries(
    namespacesOf(group).map((namespace) => [namespace, language[namespace]!]),
  );
}

/**
 * What a page renders with on the server, and the same as the browser loads as chunks
 * (app/i18n/bundles.ts): that locale only, and only the namespaces of the area it is in. No
 * English fallback: every locale has every key (tests/unit/i18n-completeness), so the
 * fallback would only double what a phone downloads.
 */
export function resourcesFor(locale: Locale, group: NamespaceGroup = "member"): Resource {
  return memoized(`${locale}:${group}`, () => buildResources(locale, group));
}

/** Built once per key: the same object for every request, so its i18next instance is reused. */
const built = new Map<string, Resource>();
function memoized(key: string, build: () => Resource): Resource {
  let resources = built.get(key);
  if (!resources) built.set(key, (resources = build()));
  return resources;
}

function buildResources(locale: Locale, group: NamespaceGroup): Resource {
  return { [locale]: pick(locale, group) };
}

/**
 * For text only the server renders (emails): the interface namespaces plus the server-only
 * ones, for the locale and the English fallback. Never sent to a browser.
 */
export function serverResourcesFor(locale: Locale): Resource {
  return memoized(`${locale}:server`, () => buildServerResources(locale));
}

function buildServerResources(locale: Locale): Resource {
  const withServerNamespaces = (language: Locale): ResourceLanguage => ({
    ...pick(language, "member"),
    ...Object.fromEntries(
      SERVER_NAMESPACES.map((namespace: ServerNamespace) => [
        namespace,
        allResources[language]![namespace]!,
      ]),
    ),
  });
  return locale === DEFAULT_LOCALE
    ? { [locale]: withServerNamespaces(locale) }
    : {
        [locale]: withServerNamespaces(locale),
        [DEFAULT_LOCALE]: withServerNamespaces(DEFAULT_LOCALE),
      };
}
