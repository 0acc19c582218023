import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "~/directory/seed/demo";
import { PARENT_TERM_CODES, TAXONOMY, TAXONOMY_LOCALES } from "~/directory/seed/taxonomy";
import { CATEGORY_CODES } from "#db/codes/categories";
import { COUNTIES } from "~/geo/counties";
import { isLanguageTag } from "#db/codes/directory";

describe("taxonomy seed", () => {
  it("covers every category and parent with a name and search words in every locale", () => {
    expect(TAXONOMY.map((term) => term.code).sort()).toEqual(
      [...CATEGORY_CODES, ...PARENT_TERM_CODES].sort(),
    );
    for (const term of TAXONOMY) {
      expect(term.description.length, term.code).toBeGreaterThan(40);
      for (const locale of TAXONOMY_LOCALES) {
        const [name, ...keywords] = term.translations[locale];
        expect(name.trim(), `${term.code} ${locale}`).not.toBe("");
        expect(keywords.length, `${term.code} ${locale}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("knows the words people type for asylum and citizenship", () => {
    const words = (code: string) => {
      const term = TAXONOMY.find((candidate) => candidate.code === code)!;
      return Object.values(term.translations).flat();
    };
    for (const word of ["asilo", "庇护", "убежище", "azil", "আশ্রয়", "لجوء", "庇護"]) {
      expect(words("asylum")).toContain(word);
    }
    for (const word of ["ciudadanía", "入籍", "公民", "sitwayènte", "гражданство"]) {
      expect(words("naturalization")).toContain(word);
    }
    for (const word of ["residencia", "tarjeta verde", "绿卡", "綠卡", "грин-карта"]) {
      expect(words("adjustment_of_status")).toContain(word);
    }
  });
});

describe("demo directory", () => {
  const today = new Date("2026-11-23T12:00:00Z");
  const directory = buildDemoDirectory({ today });

  it("is the same on every build", () => {
    expect(buildDemoDirectory({ today })).toEqual(directory);
  });

  it("uses only fictional phone numbers and reserved web domains", () => {
    for (const phone of directory.phones) {
      expect(phone.number).toMatch(/^\(\d{3}\) 555-01\d{2}$/);
    }
    for (const org of directory.organizations) {
      if (org.website) expect(org.website).toMatch(/^https:\/\/[a-z0-9-]+\.example\.org$/);
      if (org.email) expect(org.email).toMatch(/@[a-z0-9-]+\.example\.org$/);
    }
    const numbers = directory.phones.map((phone) => phone.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("tags languages with valid BCP-47 codes and places offices in known counties", () => {
    for (const language of directory.serviceLanguages) {
      expect(isLanguageTag(language.code), language.code).toBe(true);
    }
    for (const location of directory.locations) {
      expect(Object.keys(COUNTIES)).toContain(location.county);
      expect(location.postalCode).toMatch(/^\d{5}$/);
    }
  });

  it("has about 15% of listings unverified for more than 180 days, and a few never verified", () => {
    const ages = directory.organizations.map((org) =>
      org.assuredDate ? (today.getTime() - Date.parse(org.assuredDate)) / 86_400_000 : null,
    );
    const stale = ages.filter((age) => age !== null && age > 180).length / ages.length;
    expect(stale).toBeGreaterThan(0.1);
    expect(stale).toBeLessThan(0.2);
    expect(ages.filter((age) => age === null).length).toBeGreaterThanOrEqual(2);
  });
});
