import type { Bilingual } from "./services";

export const LIST_EN = new Intl.ListFormat("en", { type: "conjunction" });
export const LIST_ES = new Intl.ListFormat("es", { type: "conjunction" });

/** Names of the languages demo staff speak, for the texts of the demo listings. */
export const LANGUAGE_NAMES: Record<string, Bilingual> = {
  en: { en: "English", es: "inglés" },
  es: { en: "Spanish", es: "español" },
  "zh-Hans": { en: "Mandarin", es: "mandarín" },
  "zh-Hant": { en: "Chinese", es: "chino" },
  yue: { en: "Cantonese", es: "cantonés" },
  cdo: { en: "Fuzhounese", es: "fuzhounés" },
  ht: { en: "Haitian Creole", es: "criollo haitiano" },
  bn: { en: "Bengali", es: "bengalí" },
  ar: { en: "Arabic", es: "árabe" },
  ru: { en: "Russian", es: "ruso" },
  uk: { en: "Ukrainian", es: "ucraniano" },
  uz: { en: "Uzbek", es: "uzbeko" },
  ko: { en: "Korean", es: "coreano" },
  ur: { en: "Urdu", es: "urdu" },
  pa: { en: "Punjabi", es: "panyabí" },
  ps: { en: "Pashto", es: "pastún" },
  hi: { en: "Hindi", es: "hindi" },
  gu: { en: "Gujarati", es: "guyaratí" },
  ml: { en: "Malayalam", es: "malayalam" },
  ne: { en: "Nepali", es: "nepalí" },
  bo: { en: "Tibetan", es: "tibetano" },
  tl: { en: "Tagalog", es: "tagalo" },
  id: { en: "Indonesian", es: "indonesio" },
  si: { en: "Sinhala", es: "cingalés" },
  fr: { en: "French", es: "francés" },
  wo: { en: "Wolof", es: "wólof" },
  ff: { en: "Fula", es: "fula" },
  mnk: { en: "Mandinka", es: "mandinga" },
  snk: { en: "Soninke", es: "soninké" },
  pl: { en: "Polish", es: "polaco" },
  ro: { en: "Romanian", es: "rumano" },
  sq: { en: "Albanian", es: "albanés" },
  pt: { en: "Portuguese", es: "portugués" },
  qu: { en: "Quechua (Kichwa)", es: "quechua (kichwa)" },
  quc: { en: "K'iche'", es: "k'iche'" },
  mam: { en: "Mam", es: "mam" },
  mix: { en: "Mixtec", es: "mixteco" },
  zap: { en: "Zapotec", es: "zapoteco" },
  nah: { en: "Nahuatl", es: "náhuatl" },
  cab: { en: "Garifuna", es: "garífuna" },
};

/** How a phone line in one language is labeled, in that language where we write it. */
export const LANGUAGE_LINE: Record<string, string> = {
  es: "Línea en español",
  "zh-Hans": "中文专线",
  "zh-Hant": "中文專線",
  yue: "廣東話專線",
  ht: "Liy an kreyòl",
  bn: "বাংলা লাইন",
  ar: "خط باللغة العربية",
  ru: "Линия на русском языке",
  ko: "한국어 상담 전화",
  ur: "اردو لائن",
  fr: "Ligne en français",
  pl: "Linia w języku polskim",
};

/**
 * The languages people hear, for a sentence like "Staff speak ...": Chinese scripts are
 * written forms, so "Chinese" is only named when neither Mandarin nor Cantonese is.
 */
export function spokenLanguages(codes: readonly string[]): string[] {
  const spoken = codes.includes("zh-Hans") || codes.includes("yue");
  return codes.filter((code) => !(code === "zh-Hant" && spoken));
}

export function languageList(codes: readonly string[]): Bilingual {
  const names = spokenLanguages(codes).map(
    (code) => LANGUAGE_NAMES[code] ?? { en: code, es: code },
  );
  return {
    en: LIST_EN.format(names.map((name) => name.en)),
    es: LIST_ES.format(names.map((name) => name.es)),
  };
}
