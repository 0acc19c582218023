import i18next, { type i18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, NAMESPACES, type Locale } from "./locales";

/**
 * Creates an i18next instance synchronously from resources already in memory: on the server
 * from the bundled JSON, in the browser from the root loader's data. No HTTP backend, no
 * flash of untranslated text.
 */
function createI18n(locale: Locale, resources: Resource): i18n {
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

const instances = new WeakMap<Resource, Map<Locale, i18n>>();

/**
 * The i18next instance for these resources in this language, made once and then reused. On
 * the server the resources are the same objects for every request in a language
 * (`resourcesFor` memoizes them), so a page costs no instance at all after the first; sharing
 * is safe because an instance's language is fixed at creation and nothing calls
 * `changeLanguage` or adds resources.
 */
export function i18nFor(locale: Locale, resources: Resource): i18n {
  let byLocale = instances.get(resources);
  if (!byLocale) instances.set(resources, (byLocale = new Map()));
  let instance = byLocale.get(locale);
  if (!instance) byLocale.set(locale, (instance = createI18n(locale, resources)));
  return instance;
}
