import { describe, expect, it } from "vitest";
import enPortal from "~/i18n/locales/en/portal.json";
import esPortal from "~/i18n/locales/es/portal.json";
import enStaff from "~/i18n/locales/en/staff.json";
import esStaff from "~/i18n/locales/es/staff.json";
import enVocabulary from "~/i18n/locales/en/vocabulary.json";
import esVocabulary from "~/i18n/locales/es/vocabulary.json";
import { CATEGORY_CODES } from "~/directory/taxonomy";
import {
  COMMON_SERVICE_LANGUAGES,
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  PHONE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
} from "~/directory/vocabulary";

/** Every key path, with plural suffixes folded ("count_one" → "count"). */
function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return [
    ...new Set(
      Object.entries(value).flatMap(([key, child]) =>
        keys(
          child,
          prefix
            ? `${prefix}.${key.replace(/_(zero|one|two|few|many|other)$/, "")}`
            : key.replace(/_(zero|one|two|few|many|other)$/, ""),
        ),
      ),
    ),
  ].sort();
}

describe("portal, staff and vocabulary translations", () => {
  it.each([
    ["portal", enPortal, esPortal],
    ["staff", enStaff, esStaff],
    ["vocabulary", enVocabulary, esVocabulary],
  ])("%s has the same keys in English and Spanish", (_namespace, en, es) => {
    expect(keys(es)).toEqual(keys(en));
  });

  it("names every code the forms offer", () => {
    const groups: Array<[keyof typeof enVocabulary, readonly string[]]> = [
      ["category", CATEGORY_CODES],
      ["feeType", FEE_TYPES],
      ["deliveryMethod", DELIVERY_METHODS],
      ["providerType", PROVIDER_TYPES],
      ["population", POPULATIONS],
      ["court", COURTS],
      ["phoneType", PHONE_TYPES],
      ["language", COMMON_SERVICE_LANGUAGES],
    ];
    for (const [group, codes] of groups) {
      expect(Object.keys(enVocabulary[group]).sort(), group).toEqual([...codes].sort());
    }
  });
});
