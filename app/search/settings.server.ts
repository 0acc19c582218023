import type { Index, Settings } from "meilisearch";
import { EXTRA_FACETS, SEARCH_FILTERS } from "~/search/filters";
import { LOCALES, SUPPORTED_LOCALES, type Script } from "~/i18n/locales";
import { taskSucceeded } from "~/search/tasks.server";
import type { ServiceDocument } from "~/search/documents.server";

function primary(locale: string): string {
  return locale.split("-")[0]!.toLowerCase();
}

/*
 * Meilisearch settings of the services index, kept in code and applied on start (and on every
 * rebuild), so the index always behaves as this file says.
 */

/**
 * Language (primary BCP-47 subtag) -> Meilisearch tokenizer locale and script. The interface
 * languages come from the locale registry; the others are languages services are offered in
 * (translations may be written in them). A language Meilisearch has no tokenizer rules for
 * (Haitian Creole) is left to auto-detection.
 */
type LanguageFacts = { meilisearch: string | null; script: Script | null };

const OTHER_SERVICE_LANGUAGES: Record<string, LanguageFacts> = {
  yue: { meilisearch: "cmn", script: "han" },
  uk: { meilisearch: "ukr", script: "cyrillic" },
  pt: { meilisearch: "por", script: "latin" },
  hi: { meilisearch: "hin", script: "devanagari" },
  pa: { meilisearch: "pan", script: null },
  ne: { meilisearch: "nep", script: "devanagari" },
  tl: { meilisearch: "tgl", script: "latin" },
  ja: { meilisearch: "jpn", script: "kana" },
};

const LANGUAGES: Record<string, LanguageFacts> = {
  ...Object.fromEntries(
    SUPPORTED_LOCALES.map((locale) => [primary(locale), LOCALES[locale]] as const),
  ),
  ...OTHER_SERVICE_LANGUAGES,
};

export const MEILI_LOCALES: Record<string, string> = Object.fromEntries(
  Object.entries(LANGUAGES).flatMap(([language, { meilisearch }]) =>
    meilisearch ? [[language, meilisearch]] : [],
  ),
);

const SCRIPT_OF_LOCALE: Record<string, Script> = Object.fromEntries(
  Object.entries(LANGUAGES).flatMap(([language, { script }]) =>
    script ? [[language, script]] : [],
  ),
);

const SCRIPT_PATTERNS: Array<[Script, RegExp]> = [
  ["kana", /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["han", /\p{Script=Han}/u],
  ["hangul", /\p{Script=Hangul}/u],
  ["cyrillic", /\p{Script=Cyrillic}/u],
  ["arabic", /\p{Script=Arabic}/u],
  ["bengali", /\p{Script=Bengali}/u],
  ["devanagari", /\p{Script=Devanagari}/u],
  ["latin", /\p{Script=Latin}/u],
];

/** When a query is written in a script other than the visitor's, the likeliest language. */
const DEFAULT_LOCALE_OF_SCRIPT: Partial<Record<Script, string>> = {
  han: "cmn",
  kana: "jpn",
  hangul: "kor",
  cyrillic: "rus",
  arabic: "ara",
  bengali: "ben",
  devanagari: "hin",
};

/**
 * The `locales` to send with a query. The visitor's locale tells Meilisearch how to cut the
 * query into words, but only when the query is written in that language's script: an English
 * visitor typing "庇护" must be tokenized as Chinese, or it matches nothing. Mixed or unknown
 * scripts are left to Meilisearch's detection.
 */
export function queryLocales(q: string, visitorLocale: string): string[] | undefined {
  const scripts = new Set(
    SCRIPT_PATTERNS.filter(([, pattern]) => pattern.test(q)).map(([script]) => script),
  );
  if (scripts.has("kana")) scripts.delete("han");
  if (scripts.size !== 1) return undefined;
  const [script] = [...scripts] as [Script];
  const visitor = primary(visitorLocale);
  if (SCRIPT_OF_LOCALE[visitor] === script && MEILI_LOCALES[visitor])
    return [MEILI_LOCALES[visitor]];
  const fallback = DEFAULT_LOCALE_OF_SCRIPT[script];
  return fallback ? [fallback] : undefined;
}

/**
 * Localized document fields are objects keyed by BCP-47 locale ("serviceNames.zh-Hans"):
 * each key is tokenized with its language's rules, whatever else the document holds.
 */
export function localizedAttributeRules(): NonNullable<Settings["localizedAttributes"]> {
  const byMeiliLocale = new Map<string, string[]>();
  for (const [language, meiliLocale] of Object.entries(MEILI_LOCALES)) {
    const patterns = byMeiliLocale.get(meiliLocale) ?? [];
    patterns.push(`*.${language}`, `*.${language}-*`);
    byMeiliLocale.set(meiliLocale, patterns);
  }
  return [...byMeiliLocale].map(([locale, attributePatterns]) => ({
    attributePatterns,
    locales: [locale],
  }));
}

/**
 * Ways people ask for the same thing, across the languages of New York. Each group is
 * symmetric: any phrase finds documents that use any other. Category names and search words
 * in every language live in taxonomy_term_translations (indexed with each service); these
 * groups cover what people type that is not a category name: "green card", "lawyer", "free".
 */
export const SYNONYM_GROUPS: string[][] = [
  [
    "green card",
    "adjustment of status",
    "permanent residence",
    "permanent resident",
    "residencia",
    "residencia permanente",
    "tarjeta verde",
    "mica",
    "绿卡",
    "綠卡",
    "грин карта",
    "грин-карта",
    "البطاقة الخضراء",
    "গ্রিন কার্ড",
    "영주권",
    "گرین کارڈ",
    "carte verte",
    "zielona karta",
    "kat vèt",
  ],
  [
    "deportation",
    "removal",
    "removal defense",
    "deportación",
    "deportacion",
    "驱逐出境",
    "遣返",
    "депортация",
    "ترحيل",
    "নির্বাসন",
    "추방",
    "ملک بدری",
    "expulsion",
    "deportacja",
    "depòtasyon",
  ],
  [
    "asylum",
    "asilo",
    "庇护",
    "庇護",
    "убежище",
    "لجوء",
    "اللجوء",
    "আশ্রয়",
    "망명",
    "پناہ",
    "asile",
    "azyl",
    "azil",
  ],
  [
    "citizenship",
    "naturalization",
    "naturalisation",
    "ciudadanía",
    "ciudadania",
    "naturalización",
    "入籍",
    "公民身份",
    "гражданство",
    "الجنسية",
    "নাগরিকত্ব",
    "시민권",
    "شہریت",
    "citoyenneté",
    "obywatelstwo",
    "sitwayènte",
  ],
  [
    "lawyer",
    "attorney",
    "abogado",
    "abogada",
    "律师",
    "律師",
    "адвокат",
    "юрист",
    "محامي",
    "আইনজীবী",
    "변호사",
    "وکیل",
    "avocat",
    "adwokat",
    "prawnik",
    "avoka",
  ],
  [
    "work permit",
    "ead",
    "employment authorization",
    "permiso de trabajo",
    "工作许可",
    "工卡",
    "разрешение на работу",
    "تصريح عمل",
    "ওয়ার্ক পারমিট",
    "취업허가",
    "ورک پرمٹ",
    "permis de travail",
    "pozwolenie na pracę",
    "pèmi travay",
  ],
  [
    "ice detention",
    "detention",
    "detained",
    "detenido",
    "detenida",
    "detención",
    "detencion",
    "拘留",
    "задержан",
    "содержание под стражей",
    "احتجاز",
    "আটক",
    "구금",
    "حراست",
    "détention",
    "zatrzymany",
    "detansyon",
  ],
  ["daca", "dreamer", "dreamers", "soñador", "soñadores", "deferred action"],
  [
    "tps",
    "temporary protected status",
    "estatus de protección temporal",
    "estatus de proteccion temporal",
  ],
  ["sijs", "special immigrant juvenile", "juvenil especial"],
  ["vawa", "violence against women act"],
  ["foia", "freedom of information", "records request"],
  ["know your rights", "conozca sus derechos", "conoce tus derechos", "kyr"],
  ["bond", "bond hearing", "fianza", "audiencia de fianza"],
  ["interpreter", "interpretation", "intérprete", "interprete", "translation", "traducción"],
  ["free", "no cost", "gratis", "gratuito", "gratuita", "免费", "бесплатно", "مجاني", "무료"],
  ["sliding scale", "low cost", "bajo costo", "escala móvil"],
  ["phone", "telephone", "por teléfono", "teléfono", "telefono"],
  ["remote", "online", "video", "virtual", "en línea"],
  ["children", "child", "kids", "minors", "youth", "niños", "menores", "jóvenes"],
  ["survivors", "domestic violence", "violencia doméstica", "sobrevivientes"],
  ["workers", "labor", "trabajadores"],
  ["family", "families", "familia", "familias", "family petition", "petición familiar"],
  ["public benefits", "benefits", "beneficios públicos", "beneficios"],
];

export function synonymsFromGroups(groups: string[][]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const phrase of group) {
      const others = group.filter((other) => other !== phrase);
      synonyms[phrase] = [...new Set([...(synonyms[phrase] ?? []), ...others])];
    }
  }
  return synonyms;
}

/**
 * Small words that only connect others ("lawyer for asylum in Queens"). Left in, the default
 * matching strategy would drop the meaningful last word before the connecting one.
 */
export const STOP_WORDS = [
  // English
  "a",
  "an",
  "the",
  "for",
  "in",
  "on",
  "at",
  "to",
  "with",
  "and",
  "or",
  "near",
  "me",
  "my",
  "i",
  "need",
  // Spanish
  "el",
  "la",
  "los",
  "las",
  "del",
  "para",
  "en",
  "con",
  "y",
  "un",
  "una",
  "cerca",
  "mi",
  "necesito",
  // French
  "le",
  "les",
  "pour",
  "avec",
];

export const SEARCHABLE_ATTRIBUTES: Array<keyof ServiceDocument> = [
  "serviceNames",
  "alternateNames",
  "organizationName",
  "categoryNames",
  "categoryKeywords",
  "attributeTerms",
  "serviceDescriptions",
  "organizationDescriptions",
  "placeTerms",
];

/** Every attribute a filter of SEARCH_FILTERS (or an extra facet) reads. */
function filterableAttributes(): string[] {
  return [
    ...SEARCH_FILTERS.flatMap((definition) =>
      "bases" in definition
        ? [definition.attribute, definition.bases.attribute]
        : [definition.attribute],
    ),
    ...EXTRA_FACETS.map((extra) => extra.attribute),
  ];
}

export function servicesIndexSettings(): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    filterableAttributes: [
      "id",
      "serviceId",
      "organizationId",
      "locationId",
      ...filterableAttributes(),
      "counties",
      "hasGeo",
      "timeZone",
      "stale",
      "buildVersion",
      "_geo",
    ],
    sortableAttributes: ["_geo", "sortName", "lastVerified", "rankAccepting", "rankSpeaks"],
    // Best matches first (issue 11): results matching more words, with fewer typos, closer
    // together and in a more important field (a name or category before a description) come
    // first; "sort" (accepting new clients, speaks the visitor's language, distance: see
    // search.server.ts) only orders results that are equal so far; exactness comes after it,
    // or distance would almost never count. The "Closest" order re-sorts by distance in
    // search.server.ts.
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
    synonyms: synonymsFromGroups(SYNONYM_GROUPS),
    stopWords: STOP_WORDS,
    typoTolerance: {
      enabled: true,
      // ZIP codes and phone numbers are either right or wrong.
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { "*": "count" } },
    // Facet values are fixed vocabularies shown in full: no search inside them, less to index.
    facetSearch: false,
    // Word proximity by attribute, not by word distance: indexing 10k documents went from
    // 17 s to 10 s of Meilisearch time (bench/reindex), and every relevance test still passes
    // (names are short; what matters is that the words are in the same field).
    proximityPrecision: "byAttribute",
    pagination: { maxTotalHits: 100_000 },
    localizedAttributes: localizedAttributeRules(),
  };
}

/** Applies the settings; resolves once Meilisearch has finished applying them. */
export async function applyServicesIndexSettings(index: Index): Promise<void> {
  await taskSucceeded(
    index,
    index.updateSettings(servicesIndexSettings()),
    120_000,
    "Settings update",
  );
}
