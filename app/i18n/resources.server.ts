import type { Resource, ResourceLanguage } from "i18next";
import { DEFAULT_LOCALE, NAMESPACES, SUPPORTED_LOCALES, type Locale } from "./locales";

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

/** What the browser needs for one locale: that locale plus the fallback, nothing else. */
export function resourcesFor(locale: Locale): Resource {
  return locale === DEFAULT_LOCALE
    ? { [locale]: allResources[locale]! }
    : { [locale]: allResources[locale]!, [DEFAULT_LOCALE]: allResources[DEFAULT_LOCALE]! };
}
