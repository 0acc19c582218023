import i18next, { type i18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, NAMESPACES, type Locale } from "./locales";

/**
 * Creates an i18next instance synchronously from resources already in memory: on the server
 * from the bundled JSON, in the browser from the root loader's data. No HTTP backend, no
 * flash of untranslated text, and one instance per request (no shared mutable language).
 */
export function createI18n(locale: Locale, resources: Resource): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: Object.keys(resources),
    ns: [...NAMESPACES],
    defaultNS: "common",
    resources,
    initImmediate: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    returnNull: false,
  });
  return instance;
}
