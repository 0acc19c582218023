/**
 * Rules for showing a listing that every reader of it shares (the search documents, the
 * organization page, the HSDS API): which translation a visitor sees and how a number is
 * dialled. Pure functions, usable in the browser too.
 */

/** A listing's free text in the visitor's language, or in the original with `fallback` set. */
export interface LocalizedText {
  text: string;
  /** BCP-47 tag of the language `text` is written in (for the element's `lang`). */
  lang: string;
  /** True when no text in the visitor's language exists: the page says "(in English)". */
  fallback: boolean;
}

const primary = (tag: string) => tag.split("-")[0]!.toLowerCase();

/**
 * The text to show a visitor, from texts keyed by BCP-47 tag (the original included, under
 * its language): the exact language, then any text of the same primary language ("es-MX" for
 * "es", "zh-Hans" for "zh-Hant"), then the original, marked as a fallback.
 */
export function pickLocalized(
  texts: Readonly<Record<string, string | null | undefined>>,
  originalLanguage: string,
  locale: string,
): LocalizedText | null {
  const usable = (tag: string) => !!texts[tag]?.trim();
  if (usable(locale)) return { text: texts[locale]!, lang: locale, fallback: false };
  const base = primary(locale);
  const sameLanguage = Object.keys(texts)
    .sort()
    .find((tag) => primary(tag) === base && usable(tag));
  if (sameLanguage) return { text: texts[sameLanguage]!, lang: sameLanguage, fallback: false };
  if (!usable(originalLanguage)) return null;
  return {
    text: texts[originalLanguage]!,
    lang: originalLanguage,
    fallback: primary(originalLanguage) !== base,
  };
}

/** A number for a `tel:` link: "+12125551234", with ";ext=12" when there is an extension. */
export function telOf(number: string, extension: string | null): string {
  let digits = number.replace(/[^0-9+]/g, "");
  if (!digits.startsWith("+")) {
    if (digits.length === 10) digits = `+1${digits}`;
    else if (digits.length === 11 && digits.startsWith("1")) digits = `+${digits}`;
  }
  const extensionDigits = extension?.replace(/[^0-9]/g, "");
  return extensionDigits ? `${digits};ext=${extensionDigits}` : digits;
}

/** A number as people read it: "(718) 555-0101 ext. 12". */
export function displayNumber(number: string, extension: string | null): string {
  return extension ? `${number} ext. ${extension}` : number;
}
