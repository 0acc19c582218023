/**
 * "Mam, Tzeltal; k'iche'" → ["Mam", "Tzeltal", "k'iche'"]: the languages typed in one field,
 * separated by commas or semicolons (also the Arabic and CJK ones) or lines. Shared by the
 * server, which resolves the names to codes, and the language picker in the browser.
 */
export function splitLanguageList(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[,;،，、؛\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The reverse: names joined as the field shows them. */
export function joinLanguageList(names: readonly string[]): string {
  return names.join(", ");
}
