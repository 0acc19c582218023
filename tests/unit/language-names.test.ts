import { describe, expect, it } from "vitest";
import { LOCALES, SUPPORTED_LOCALES } from "~/i18n/locales";
import {
  pickerLanguageCodes,
  languageName,
  languageNames,
  languageOptions,
} from "~/i18n/language-names";

/** Codes the demo directory offers that CLDR does not name (issue 11, item 5). */
const INDIGENOUS = ["mam", "quc", "kjb", "mix", "nah", "cab", "mnk", "cdo"];

describe("language names (issue 11 item 5)", () => {
  it("names every language in every interface language, never as a raw code", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const names = languageNames(INDIGENOUS, LOCALES[locale].intl);
      for (const code of INDIGENOUS) {
        expect(names[code], `${code} in ${locale}`).toBeTruthy();
        expect(names[code], `${code} in ${locale}`).not.toBe(code);
      }
    }
  });

  it("names indigenous languages of the Americas, in Spanish for Spanish speakers", () => {
    const es = languageNames(["mix", "nah", "kjb", "quc", "mam"], "es-US");
    expect(es).toMatchObject({
      mix: "Mixteco",
      nah: "Náhuatl",
      kjb: "Q'anjob'al",
      mam: "Mam",
    });
    expect(es.quc).toMatch(/^(K.iche.|Quiché)$/);
    expect(languageName("mix", "en-US")).toBe("Mixtec");
    expect(languageName("nah", "en-US")).toBe("Nahuatl");
  });

  it("uses CLDR where it knows the language, the ISO 639-3 list else", () => {
    expect(languageName("ht", "es-US")).toBe("criollo haitiano");
    expect(languageName("zh-Hant", "fr-FR")).toMatch(/chinois/);
    expect(languageName("mnk", "en-US")).toBe("Mandinka");
    expect(languageName("cdo", "en-US")).toBe("Min Dong Chinese");
    expect(languageName("zzz-not-a-code", "en-US")).toBe("zzz-not-a-code");
  });

  it("sorts names in the visitor's order and offers a picker list", () => {
    const names = Object.values(languageNames(["es", "en", "ar"], "en-US"));
    expect(names).toEqual(["Arabic", "English", "Spanish"]);
    const options = languageOptions("es-US");
    expect(options.length).toBe(pickerLanguageCodes().length);
    expect(options.map((option) => option.value)).toEqual(
      expect.arrayContaining(["mam", "quc", "kjb", "mix", "nah", "es", "en"]),
    );
    expect(options.every((option) => option.label !== option.value)).toBe(true);
  });
});
