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

const files = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json", {
  eager: true,
});

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
 * What the browser needs: that locale plus the English fallback, and only the namespaces of
 * the area it is in (the root loader revalidates when the area changes).
 */
export function resourcesFor(locale: Locale, group: NamespaceGroup = "member"): Resource {
  return locale === DEFAULT_LOCALE
    ? { [locale]: pick(locale, group) }
    : { [locale]: pick(locale, group), [DEFAULT_LOCALE]: pick(DEFAULT_LOCALE, group) };
}

/**
 * For text only the server renders (emails): the interface namespaces plus the server-only
 * ones, for the locale and the English fallback. Never sent to a browser.
 */
export function serverResourcesFor(locale: Locale): Resource {
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
