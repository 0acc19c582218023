import { describe, expect, it } from "vitest";
import enVocabulary from "~/i18n/locales/en/vocabulary.json";
import esVocabulary from "~/i18n/locales/es/vocabulary.json";
import { COMMON_SERVICE_LANGUAGES, WEEKDAYS } from "#db/codes/directory";

/** The portal's own vocabulary groups (the others are checked by vocabulary-i18n.test.ts). */
describe("portal vocabulary", () => {
  it.each([
    ["en", enVocabulary],
    ["es", esVocabulary],
  ])("names every language the forms offer and every weekday in %s", (_locale, vocabulary) => {
    expect(Object.keys(vocabulary.language).sort()).toEqual([...COMMON_SERVICE_LANGUAGES].sort());
    expect(Object.keys(vocabulary.weekday)).toEqual(WEEKDAYS.map(String));
    expect(
      Object.values({ ...vocabulary.language, ...vocabulary.weekday }).every((v) => v.trim()),
    ).toBe(true);
  });
});
