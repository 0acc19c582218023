import { iso6393 } from "iso-639-3";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";

/*
 * THE names of languages (BCP-47 tags of the languages services are offered in), in the
 * visitor's language: used by the search filter, result cards, organization pages, referral
 * views and any language picker (languageOptions). Call it from loaders only: the ISO 639-3
 * list (~8,000 names) must stay on the server; pages receive the names they need.
 *
 * Where a name comes from, first that knows it:
 * 1. CLDR through Intl.DisplayNames in the visitor's language ("criollo haitiano", "基切语");
 * 2. the names of AMERICAS below, for the indigenous languages of the Americas that CLDR does
 *    not name (Mam, Q'anjob'al, Mixteco, Náhuatl...), in Spanish for Spanish-speaking visitors;
 * 3. the ISO 639-3 reference name (npm `iso-639-3`, SIL's code tables), in English;
 * 4. the code itself.
 */

/** Indigenous languages of the Americas that many asylum seekers speak: names CLDR lacks. */
const AMERICAS: Record<string, { en: string; es: string }> = {
  mam: { en: "Mam", es: "mam" },
  quc: { en: "K'iche'", es: "k'iche'" },
  kjb: { en: "Q'anjob'al", es: "q'anjob'al" },
  cak: { en: "Kaqchikel", es: "kaqchikel" },
  kek: { en: "Q'eqchi'", es: "q'eqchi'" },
  ixl: { en: "Ixil", es: "ixil" },
  jac: { en: "Popti' (Jakaltek)", es: "popti' (jakalteko)" },
  acr: { en: "Achi", es: "achí" },
  agu: { en: "Awakateko", es: "awakateko" },
  poh: { en: "Poqomchi'", es: "poqomchi'" },
  tzo: { en: "Tzotzil", es: "tsotsil" },
  tzh: { en: "Tzeltal", es: "tseltal" },
  ctu: { en: "Ch'ol", es: "ch'ol" },
  yua: { en: "Yucatec Maya", es: "maya yucateco" },
  // ISO 639-3 "mix" is Mixtepec Mixtec; directories use it for Mixtec as a whole.
  mix: { en: "Mixtec", es: "mixteco" },
  // ISO 639-5 collective code for the Nahuatl languages (not in ISO 639-3).
  nah: { en: "Nahuatl", es: "náhuatl" },
  zap: { en: "Zapotec", es: "zapoteco" },
  trq: { en: "Triqui", es: "triqui" },
  maz: { en: "Mazahua", es: "mazahua" },
  oto: { en: "Otomi", es: "otomí" },
  myn: { en: "Mayan languages", es: "lenguas mayas" },
  cab: { en: "Garifuna", es: "garífuna" },
  miq: { en: "Miskito", es: "misquito" },
  qu: { en: "Quechua", es: "quechua" },
  ay: { en: "Aymara", es: "aimara" },
  gn: { en: "Guarani", es: "guaraní" },
};

/**
 * The codes a language picker offers: the common service languages and those above. A
 * function, not a constant: a top-level expression would ship this module to browsers with
 * any page whose bundle merely imports it.
 */
/** The English and Spanish names this module adds for a language of the Americas. */
export function americasNames(code: string): { en: string; es: string } | undefined {
  return AMERICAS[code];
}

export function pickerLanguageCodes(): string[] {
  return [...new Set<string>([...COMMON_SERVICE_LANGUAGES, ...Object.keys(AMERICAS)])];
}

let isoNames: Map<string, string> | undefined;
/** ISO 639-3 code, and ISO 639-1 code where there is one -> reference name. Built on first use. */
function isoName(code: string): string | undefined {
  if (!isoNames) {
    isoNames = new Map();
    for (const language of iso6393) {
      isoNames.set(language.iso6393, language.name);
      if (language.iso6391) isoNames.set(language.iso6391, language.name);
    }
  }
  return isoNames.get(code);
}

const displayNames = new Map<string, Intl.DisplayNames | null>();
/** CLDR's name of `code` in `intl`, when CLDR knows the language. */
export function cldrName(code: string, intl: string): string | undefined {
  let display = displayNames.get(intl);
  if (display === undefined) {
    try {
      display = new Intl.DisplayNames([intl], { type: "language", fallback: "none" });
    } catch {
      display = null;
    }
    displayNames.set(intl, display);
  }
  try {
    const name = display?.of(code);
    // Some ICU versions answer the code itself for a language they do not know.
    return name && name.toLowerCase() !== code.toLowerCase() ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Primary language subtag of a BCP-47 tag, lowercased ("zh-Hant" -> "zh"). */
const primary = (tag: string) => tag.split("-")[0]!.toLowerCase();

/** One language's name in the visitor's language (`intl` is a BCP-47 tag, e.g. "es-US"). */
export function languageName(code: string, intl: string): string {
  return knownName(code, intl) ?? code;
}

/** The name of `code` in `intl` from the first source that knows it, else undefined. */
export function knownName(code: string, intl: string): string | undefined {
  const cldr = cldrName(code, intl);
  if (cldr) return cldr;
  const americas = AMERICAS[code];
  if (americas) return primary(intl) === "es" ? americas.es : americas.en;
  return isoName(primary(code));
}

const collators = new Map<string, Intl.Collator>();

/**
 * Names of languages in the visitor's language ("Chino simplificado" for zh-Hans in Spanish),
 * in the visitor's alphabetical order (the object keeps that order through JSON).
 * Capitalized for lists and checkboxes ("inglés" -> "Inglés"); `capitalize: false` for use
 * inside a sentence.
 */
export function languageNames(
  codes: Iterable<string>,
  intl: string,
  options: { capitalize?: boolean } = {},
): Record<string, string> {
  const capitalize = options.capitalize ?? true;
  const names: Record<string, string> = {};
  for (const code of codes) {
    const name = knownName(code, intl);
    names[code] = !name
      ? code
      : capitalize
        ? name.charAt(0).toLocaleUpperCase(intl) + name.slice(1)
        : name;
  }
  let collator = collators.get(intl);
  if (!collator) collators.set(intl, (collator = new Intl.Collator(intl)));
  return Object.fromEntries(Object.entries(names).sort(([, a], [, b]) => collator.compare(a, b)));
}

/** Options of a language picker ({ value, label }), named and sorted for the visitor. */
export function languageOptions(
  intl: string,
  codes: Iterable<string> = pickerLanguageCodes(),
): Array<{ value: string; label: string }> {
  return Object.entries(languageNames(codes, intl)).map(([value, label]) => ({ value, label }));
}
