import { describe, expect, it } from "vitest";
import { iso6393 } from "iso-639-3";
import {
  languageListText,
  resolveLanguageName,
  resolveLanguageNames,
  suggestLanguages,
} from "~/i18n/language-lookup.server";
import { splitLanguageList } from "~/i18n/language-list";
import { pickerLanguageCodes } from "~/i18n/language-names";
import { LOCALES, SUPPORTED_LOCALES } from "~/i18n/locales";

describe("language names to codes (issue 12 item 8)", () => {
  it("finds Spanish by its name in English, Spanish and French, in any interface language", () => {
    for (const intl of ["en-US", "es-US", "fr-FR", "zh-Hans-US", "ar"]) {
      for (const name of ["Spanish", "español", "Espagnol", "ESPANOL", " spanish "]) {
        expect(resolveLanguageName(name, intl), `${name} in ${intl}`).toBe("es");
      }
    }
    expect(resolveLanguageName("西班牙语", "zh-Hans-US")).toBe("es");
    expect(resolveLanguageName("испанский", "ru-RU")).toBe("es");
  });

  it("finds indigenous languages of the Americas by their English and Spanish names", () => {
    expect(resolveLanguageName("Mam", "en-US")).toBe("mam");
    expect(resolveLanguageName("mam", "es-US")).toBe("mam");
    expect(resolveLanguageName("Tzeltal", "en-US")).toBe("tzh");
    expect(resolveLanguageName("tseltal", "es-US")).toBe("tzh");
    expect(resolveLanguageName("K’iche’", "en-US")).toBe("quc");
    expect(resolveLanguageName("k'iche'", "es-US")).toBe("quc");
    expect(resolveLanguageName("Mixteco", "es-US")).toBe("mix");
    expect(resolveLanguageName("náhuatl", "en-US")).toBe("nah");
    expect(resolveLanguageName("Popti'", "en-US")).toBe("jac");
  });

  it("knows every ISO 639-3 language by its reference name, and codes typed as codes", () => {
    for (const language of iso6393.filter((l) => l.type === "living").slice(0, 500)) {
      const code = resolveLanguageName(language.name, "en-US");
      expect(code, language.name).toBeTruthy();
    }
    expect(resolveLanguageName("Mandinka", "en-US")).toBe("mnk");
    expect(resolveLanguageName("Min Dong Chinese", "en-US")).toBe("cdo");
    expect(resolveLanguageName("mam", "ko-KR")).toBe("mam");
    expect(resolveLanguageName("Klingonese", "en-US")).toBeUndefined();
  });

  it("gives back what it shows: every picker language's name resolves to its code", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const intl = LOCALES[locale].intl;
      for (const code of pickerLanguageCodes()) {
        // In Urdu, CLDR names Chinese and Simplified Chinese alike: the picker's one wins.
        if (locale === "ur" && code === "zh") continue;
        expect(resolveLanguageName(languageListText([code], intl), intl), `${code} ${locale}`).toBe(
          code,
        );
      }
    }
  });

  it("splits a typed list and names what it does not know", () => {
    expect(splitLanguageList("Mam, tseltal; k'iche'\nWolof，阿拉伯语")).toEqual([
      "Mam",
      "tseltal",
      "k'iche'",
      "Wolof",
      "阿拉伯语",
    ]);
    expect(resolveLanguageNames(["Mam", "Klingonese", "mam", "Tzeltal"], "en-US")).toEqual({
      codes: ["mam", "tzh"],
      unknown: ["Klingonese"],
    });
  });

  it("suggests languages as the editor types, by any of their names", () => {
    expect(suggestLanguages("ma", "en-US").map((s) => s.code)).toContain("mam");
    const spanish = suggestLanguages("espa", "fr-FR");
    expect(spanish[0]).toMatchObject({ code: "es", name: "Espagnol" });
    // By the language's own name, shown in the editor's language.
    expect(suggestLanguages("русск", "en-US")[0]).toMatchObject({
      code: "ru",
      name: "Russian",
      matched: "русский",
    });
    expect(suggestLanguages("tsel", "en-US")[0]).toMatchObject({ code: "tzh", name: "Tzeltal" });
    expect(suggestLanguages("", "en-US")).toEqual([]);
    expect(suggestLanguages("zzzzzz", "en-US")).toEqual([]);
  });
});
