import { iso6393 } from "iso-639-3";
import { isLanguageTag } from "#db/codes/directory";
import { americasNames, cldrName, knownName, pickerLanguageCodes } from "./language-names";
import { joinLanguageList, splitLanguageList } from "./language-list";
import { LOCALES, SUPPORTED_LOCALES } from "./locales";

export { splitLanguageList };

/*
 * From a language's name to its code, for editors who pick languages by name (issue 12
 * item 8). Every ISO 639-3 language is known by:
 *   0. its name in the editor's interface language (what the forms show),
 *   1. its English name and its ISO 639-3 reference name,
 *   2. its own name ("español", "kreyòl ayisyen", "русский"), where CLDR has one,
 *   3. its name in Puente's other interface languages ("espagnol" for a Spanish speaker).
 * Codes are stored as today: the ISO 639-1 code where there is one ("es"), else ISO 639-3
 * ("mam"), and the picker's own tags ("zh-Hans", "nah").
 * Matching ignores case, accents and the kind of apostrophe ("kiche" finds K'iche').
 */

export interface LanguageSuggestion {
  code: string;
  /** In the editor's language, as the form shows it. */
  name: string;
  /** The name that matched, when it is not `name` ("Spanish", "español"). */
  matched?: string;
}

interface Entry {
  code: string;
  label: string;
  /** Which kind of name (see above): lower wins when two languages share a name. */
  rank: number;
  /** Picker languages first, then those with an ISO 639-1 code, then the rest. */
  priority: number;
}

interface Lookup {
  byName: Map<string, Entry>;
  entries: Array<Entry & { key: string }>;
}

/** "K’iche’ " → "k'iche'": lowercase, without accents, one kind of apostrophe and space. */
export function normalizeLanguageName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[’‘`´ʼ]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Adds names to a lookup; where two languages share a name, the lower rank, then priority, wins. */
function adder(lookup: Lookup) {
  return (code: string, label: string | undefined, rank: number, priority: number) => {
    if (!label) return;
    const entry = { code, label, rank, priority };
    for (const key of new Set([
      normalizeLanguageName(label),
      // "Popti' (Jakaltek)" is also found as "popti'".
      normalizeLanguageName(label.replace(/\s*\([^)]*\)/g, "")),
    ])) {
      if (!key) continue;
      const taken = lookup.byName.get(key);
      if (
        !taken ||
        entry.rank < taken.rank ||
        (entry.rank === taken.rank && entry.priority < taken.priority)
      ) {
        lookup.byName.set(key, entry);
      }
      lookup.entries.push({ ...entry, key });
    }
  };
}

interface Language {
  code: string;
  priority: number;
  referenceName?: string;
}

let allLanguages: Language[] | undefined;
/** The picker's languages, then every ISO 639-3 language, each once under its stored code. */
function languages(): Language[] {
  if (allLanguages) return allLanguages;
  const picker = pickerLanguageCodes();
  const pickerSet = new Set(picker);
  const list: Language[] = picker.map((code) => ({ code, priority: 0 }));
  for (const language of iso6393) {
    if (language.type === "special") continue;
    const code = language.iso6391 ?? language.iso6393;
    const priority = pickerSet.has(code)
      ? 0
      : language.iso6391
        ? 1
        : language.type === "living"
          ? 2
          : 3;
    list.push({ code, priority, referenceName: language.name });
  }
  return (allLanguages = list);
}

let shared: Lookup | undefined;
/** The names that do not depend on the editor's language (ranks 1 to 3), built once. */
function sharedLookup(): Lookup {
  if (shared) return shared;
  const lookup: Lookup = { byName: new Map(), entries: [] };
  const add = adder(lookup);
  const interfaceLanguages = SUPPORTED_LOCALES.map((locale) => LOCALES[locale].intl);
  const named = new Set<string>();
  for (const { code, priority, referenceName } of languages()) {
    add(code, referenceName, 1, priority);
    if (named.has(code)) continue;
    named.add(code);
    add(code, knownName(code, "en-US"), 1, priority);
    const americas = americasNames(code);
    if (americas) {
      add(code, americas.en, 1, priority);
      add(code, americas.es, 3, priority);
    }
    // Only languages CLDR knows have an own name or names in other languages.
    if (!cldrName(code, "en-US")) continue;
    if (Intl.DisplayNames.supportedLocalesOf([code]).length > 0) {
      add(code, cldrName(code, code), 2, priority);
    }
    for (const other of interfaceLanguages) add(code, cldrName(code, other), 3, priority);
  }
  return (shared = lookup);
}

const lookups = new Map<string, Lookup>();

/** The shared names plus each language's name in the editor's language (rank 0). */
function lookupFor(intl: string): Lookup {
  const cached = lookups.get(intl);
  if (cached) return cached;
  const base = sharedLookup();
  const lookup: Lookup = { byName: new Map(base.byName), entries: [...base.entries] };
  const add = adder(lookup);
  const named = new Set<string>();
  for (const { code, priority } of languages()) {
    if (named.has(code)) continue;
    named.add(code);
    add(code, knownName(code, intl), 0, priority);
  }
  lookups.set(intl, lookup);
  return lookup;
}

/** The code of one typed name (or of a code typed as such), else undefined. */
export function resolveLanguageName(text: string, intl: string): string | undefined {
  const found = lookupFor(intl).byName.get(normalizeLanguageName(text));
  if (found) return found.code;
  const tag = text.trim();
  if (isLanguageTag(tag) && knownName(tag, "en-US")) return tag;
  if (isLanguageTag(tag.toLowerCase()) && knownName(tag.toLowerCase(), "en-US"))
    return tag.toLowerCase();
  return undefined;
}

/** Codes of the typed names, in order without repeats, and the names no language has. */
export function resolveLanguageNames(
  names: readonly string[],
  intl: string,
): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const code = resolveLanguageName(name, intl);
    if (!code) unknown.push(name);
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, unknown };
}

/** A language's name in the editor's language, capitalized as in a list. */
function displayName(code: string, intl: string): string {
  const name = knownName(code, intl) ?? code;
  return name.charAt(0).toLocaleUpperCase(intl) + name.slice(1);
}

/**
 * Type-ahead: languages whose name in any of the ways above begins with the query (then whose
 * any word begins with it, then, from three letters, that contain it), most spoken first.
 */
export function suggestLanguages(query: string, intl: string, limit = 8): LanguageSuggestion[] {
  const q = normalizeLanguageName(query);
  if (!q) return [];
  const best = new Map<string, { score: number; entry: Entry }>();
  for (const entry of lookupFor(intl).entries) {
    const score = entry.key.startsWith(q)
      ? 0
      : entry.key.split(/[\s'(-]+/).some((word) => word.startsWith(q))
        ? 1
        : q.length >= 3 && entry.key.includes(q)
          ? 2
          : -1;
    if (score < 0) continue;
    const seen = best.get(entry.code);
    if (!seen || score < seen.score || (score === seen.score && entry.rank < seen.entry.rank)) {
      best.set(entry.code, { score, entry });
    }
  }
  const collator = new Intl.Collator(intl);
  return [...best.values()]
    .sort(
      (a, b) =>
        a.score - b.score ||
        a.entry.priority - b.entry.priority ||
        a.entry.rank - b.entry.rank ||
        collator.compare(a.entry.label, b.entry.label),
    )
    .slice(0, limit)
    .map(({ entry }) => {
      const name = displayName(entry.code, intl);
      return normalizeLanguageName(name) === normalizeLanguageName(entry.label)
        ? { code: entry.code, name }
        : { code: entry.code, name, matched: entry.label };
    });
}

/** The names the forms show for stored codes, in the editor's language, as one list. */
export function languageListText(codes: readonly string[], intl: string): string {
  return joinLanguageList(codes.map((code) => displayName(code, intl)));
}
