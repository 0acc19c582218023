/**
 * Languages of the interface. `nativeName` is how the switcher names each language (in
 * itself); `dir` drives <html dir>. A locale is offered once its translation files exist
 * (app/i18n/locales/<code>/) and pass the completeness test.
 */
export const LOCALES = {
  en: { nativeName: "English", dir: "ltr", intl: "en-US" },
  es: { nativeName: "Español", dir: "ltr", intl: "es-US" },
  "zh-Hans": { nativeName: "简体中文", dir: "ltr", intl: "zh-Hans-US" },
  "zh-Hant": { nativeName: "繁體中文", dir: "ltr", intl: "zh-Hant-US" },
  ru: { nativeName: "Русский", dir: "ltr", intl: "ru" },
  bn: { nativeName: "বাংলা", dir: "ltr", intl: "bn" },
  ht: { nativeName: "Kreyòl ayisyen", dir: "ltr", intl: "ht" },
  ko: { nativeName: "한국어", dir: "ltr", intl: "ko" },
  ar: { nativeName: "العربية", dir: "rtl", intl: "ar-u-nu-latn" },
  ur: { nativeName: "اردو", dir: "rtl", intl: "ur-u-nu-latn" },
  fr: { nativeName: "Français", dir: "ltr", intl: "fr" },
  pl: { nativeName: "Polski", dir: "ltr", intl: "pl" },
} as const satisfies Record<string, { nativeName: string; dir: "ltr" | "rtl"; intl: string }>;

export type Locale = keyof typeof LOCALES;
export const SUPPORTED_LOCALES = Object.keys(LOCALES) as Locale[];
export const DEFAULT_LOCALE: Locale = "en";

/** Namespaces; one JSON file per namespace per locale. */
export const NAMESPACES = [
  "common",
  "vocabulary",
  "search",
  "directory",
  "accounts",
  "portal",
  "staff",
  "referrals",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/**
 * Public pages only need the public namespaces; the member and staff areas (and the referral
 * slip) get every namespace. Keeps staff-only text out of what a visitor's phone downloads.
 */
export const PUBLIC_NAMESPACES: readonly Namespace[] = [
  "common",
  "vocabulary",
  "search",
  "directory",
  "accounts",
];
const MEMBER_AREAS = new Set([
  "portal",
  "staff",
  "account",
  "login",
  "logout",
  "forgot-password",
  "reset-password",
  "invitations",
  "dev",
  "r",
]);
export type NamespaceGroup = "public" | "member";

export function namespaceGroupOf(pathname: string): NamespaceGroup {
  const segments = pathname.split("/").filter(Boolean);
  const first = isLocale(segments[0]) ? segments[1] : segments[0];
  return first && MEMBER_AREAS.has(first) ? "member" : "public";
}

export function namespacesOf(group: NamespaceGroup): readonly Namespace[] {
  return group === "member" ? NAMESPACES : PUBLIC_NAMESPACES;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(LOCALES, value);
}

export function directionOf(locale: Locale): "ltr" | "rtl" {
  return LOCALES[locale].dir;
}

/** Internal links always carry the locale, so a shared link keeps its language. */
export function localePath(locale: Locale, path: string): string {
  const clean = path.startsWith("/") ? path : `/${path}`;
  return clean === "/" ? `/${locale}` : `/${locale}${clean}`;
}

/** The same page in another language: swaps or adds the locale prefix of a pathname. */
export function switchLocalePath(pathname: string, search: string, target: Locale): string {
  const segments = pathname.split("/");
  const rest = isLocale(segments[1]) ? `/${segments.slice(2).join("/")}` : pathname;
  return `${localePath(target, rest === "/" ? "/" : rest.replace(/\/$/, ""))}${search}`;
}
