/**
 * The one list of Puente's languages: everything that varies by language is derived from
 * here (the switcher, <html dir>, Intl formatting, the category names the seed writes, the
 * Meilisearch tokenizer rules, self-hosted fonts, emails). Adding a language is one entry here
 * plus its translation files (app/i18n/locales/<code>/): see docs/adding-a-language.md.
 *
 * - `nativeName`: how the switcher names the language, in itself.
 * - `dir`: drives <html dir>.
 * - `intl`: BCP-47 tag for Intl (dates, numbers); Arabic and Urdu keep Latin digits.
 * - `script`: the writing system, so a query typed in another script is tokenized right.
 * - `meilisearch`: Meilisearch's tokenizer locale (ISO 639-3), or null when it has no rules
 *   for the language (it then detects).
 * - `font`: a self-hosted font family (app/i18n/fonts.ts) for scripts phones often lack, or
 *   null for system fonts.
 */
export const LOCALES = {
  en: {
    nativeName: "English",
    dir: "ltr",
    intl: "en-US",
    script: "latin",
    meilisearch: "eng",
    font: null,
  },
  es: {
    nativeName: "Español",
    dir: "ltr",
    intl: "es-US",
    script: "latin",
    meilisearch: "spa",
    font: null,
  },
  "zh-Hans": {
    nativeName: "简体中文",
    dir: "ltr",
    intl: "zh-Hans-US",
    script: "han",
    meilisearch: "cmn",
    font: null,
  },
  "zh-Hant": {
    nativeName: "繁體中文",
    dir: "ltr",
    intl: "zh-Hant-US",
    script: "han",
    meilisearch: "cmn",
    font: null,
  },
  ru: {
    nativeName: "Русский",
    dir: "ltr",
    intl: "ru",
    script: "cyrillic",
    meilisearch: "rus",
    font: null,
  },
  bn: {
    nativeName: "বাংলা",
    dir: "ltr",
    intl: "bn",
    script: "bengali",
    meilisearch: "ben",
    font: "bengali",
  },
  ht: {
    nativeName: "Kreyòl ayisyen",
    dir: "ltr",
    intl: "ht",
    script: "latin",
    meilisearch: null,
    font: null,
  },
  ko: {
    nativeName: "한국어",
    dir: "ltr",
    intl: "ko",
    script: "hangul",
    meilisearch: "kor",
    font: null,
  },
  ar: {
    nativeName: "العربية",
    dir: "rtl",
    intl: "ar-u-nu-latn",
    script: "arabic",
    meilisearch: "ara",
    font: "arabic",
  },
  ur: {
    nativeName: "اردو",
    dir: "rtl",
    intl: "ur-u-nu-latn",
    script: "arabic",
    meilisearch: "urd",
    font: "urdu",
  },
  fr: {
    nativeName: "Français",
    dir: "ltr",
    intl: "fr",
    script: "latin",
    meilisearch: "fra",
    font: null,
  },
  pl: {
    nativeName: "Polski",
    dir: "ltr",
    intl: "pl",
    script: "latin",
    meilisearch: "pol",
    font: null,
  },
} as const satisfies Record<string, LocaleFacts>;

export type Script =
  "latin" | "han" | "hangul" | "kana" | "cyrillic" | "arabic" | "bengali" | "devanagari";
export type Font = "bengali" | "arabic" | "urdu";

export interface LocaleFacts {
  nativeName: string;
  dir: "ltr" | "rtl";
  intl: string;
  script: Script;
  meilisearch: string | null;
  font: Font | null;
}

export type Locale = keyof typeof LOCALES;
export const SUPPORTED_LOCALES = Object.keys(LOCALES) as Locale[];
export const DEFAULT_LOCALE: Locale = "en";

/** Namespaces of the interface; one JSON file per namespace per locale. */
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
 * Namespaces only the server reads (emails), never sent to a browser. Same rules: one file
 * per locale, every key in every locale.
 */
export const SERVER_NAMESPACES = ["emails"] as const;
export type ServerNamespace = (typeof SERVER_NAMESPACES)[number];
export const ALL_NAMESPACES = [...NAMESPACES, ...SERVER_NAMESPACES] as const;

/**
 * Which namespaces a page's browser loads (app/i18n/bundles.ts), by area: the home page only
 * shows common words and the kinds of help, the search page adds its own, other public pages
 * (organization pages, help) add the directory's; the member and staff areas (and the
 * referral slip) get every namespace. Keeps staff-only text out of what a visitor's phone
 * downloads, and the pages a visitor opens first the lightest.
 */
const GROUP_NAMESPACES = {
  home: ["common", "vocabulary"],
  search: ["common", "vocabulary", "search"],
  public: ["common", "vocabulary", "search", "directory"],
  member: NAMESPACES,
} as const satisfies Record<string, readonly Namespace[]>;
export type NamespaceGroup = keyof typeof GROUP_NAMESPACES;
/** Every namespace a public page may load (the browser's eager chunks, app/i18n/bundles.ts). */
export const PUBLIC_NAMESPACES: readonly Namespace[] = GROUP_NAMESPACES.public;

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

export function namespaceGroupOf(pathname: string): NamespaceGroup {
  const segments = pathname.split("/").filter(Boolean);
  const first = isLocale(segments[0]) ? segments[1] : segments[0];
  if (!first) return "home";
  if (first === "search") return "search";
  return MEMBER_AREAS.has(first) ? "member" : "public";
}

export function isNamespaceGroup(value: unknown): value is NamespaceGroup {
  return typeof value === "string" && Object.hasOwn(GROUP_NAMESPACES, value);
}

export function namespacesOf(group: NamespaceGroup): readonly Namespace[] {
  return GROUP_NAMESPACES[group];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(LOCALES, value);
}

export function directionOf(locale: Locale): "ltr" | "rtl" {
  return LOCALES[locale].dir;
}

/** A stored language tag (a user's, an organization's) as an interface locale, else English. */
export function localeOrDefault(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
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
