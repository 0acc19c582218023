import { describe, expect, it } from "vitest";
import en from "~/i18n/locales/en/vocabulary.json";
import es from "~/i18n/locales/es/vocabulary.json";
import { CATEGORY_CODES, CATEGORY_PARENTS } from "#db/codes/categories";
import { COUNTY_CODES } from "#db/codes/counties";
import {
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  LISTING_STATUSES,
  PHONE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
  SERVICE_STATUSES,
} from "#db/codes/directory";
import { REGIONS } from "~/geo/counties";

/** Every code people can meet on a page, by the i18n group that names it. */
const GROUPS: Record<string, readonly string[]> = {
  category: [...CATEGORY_CODES, ...new Set(Object.values(CATEGORY_PARENTS))],
  categoryDescription: [...CATEGORY_CODES, ...new Set(Object.values(CATEGORY_PARENTS))],
  fees: FEE_TYPES,
  delivery: DELIVERY_METHODS,
  population: POPULATIONS,
  court: COURTS,
  provider: PROVIDER_TYPES,
  county: COUNTY_CODES,
  region: REGIONS,
  phoneType: PHONE_TYPES,
  serviceStatus: SERVICE_STATUSES,
  listingStatus: LISTING_STATUSES,
};

const LOCALES = { en, es } as Record<string, Record<string, Record<string, unknown>>>;

describe("vocabulary labels", () => {
  for (const [locale, resources] of Object.entries(LOCALES)) {
    for (const [group, codes] of Object.entries(GROUPS)) {
      it(`names every ${group} code in ${locale}`, () => {
        const labels = resources[group] ?? {};
        const missing = codes.filter((code) => {
          const label = labels[code];
          return typeof label !== "string" || label.trim() === "";
        });
        expect(missing).toEqual([]);
      });
    }
  }

  it("has no Spanish label left in English", () => {
    const untranslated = Object.entries(GROUPS).flatMap(([group, codes]) =>
      codes
        .filter((code) => {
          const english = (en as Record<string, Record<string, string>>)[group]?.[code];
          const spanish = (es as Record<string, Record<string, string>>)[group]?.[code];
          // Acronyms, proper names and words that are the same in both languages.
          return (
            english !== undefined &&
            english === spanish &&
            english.length > 12 &&
            group !== "county"
          );
        })
        .map((code) => `${group}.${code}`),
    );
    expect(untranslated).toEqual([]);
  });
});
