import type { Resource, ResourceLanguage } from "i18next";
import {
  DEFAULT_LOCALE,
  NAMESPACES,
  namespacesOf,
  SUPPORTED_LOCALES,
  type Locale,
  type NamespaceGroup,
} from "./locales";

const files = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json", {
  eager: true,
});

function load(locale: Locale): ResourceLanguage {
  const language: ResourceLanguage = {};
  for (const namespace of NAMESPACES) {
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
