import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_NAMESPACES as NAMESPACES, DEFAULT_LOCALE, SUPPORTED_LOCALES } from "~/i18n/locales";

const localesDir = path.resolve(__dirname, "../../app/i18n/locales");

function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) entries.set(k, v);
    }
  } else {
    entries.set(prefix, value);
  }
  return entries;
}

function load(locale: string, namespace: string): Map<string, unknown> {
  const file = path.join(localesDir, locale, `${namespace}.json`);
  return flatten(JSON.parse(readFileSync(file, "utf8")));
}

/** i18next plural suffixes differ by language (Arabic has six forms, Chinese one). */
const withoutPluralSuffix = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe("translations", () => {
  it("has a folder for every supported locale and a file for every namespace", () => {
    const folders = readdirSync(localesDir);
    for (const locale of SUPPORTED_LOCALES) {
      expect(folders).toContain(locale);
      for (const namespace of NAMESPACES) {
        expect(() => load(locale, namespace), `${locale}/${namespace}.json`).not.toThrow();
      }
    }
  });

  for (const locale of SUPPORTED_LOCALES) {
    for (const namespace of NAMESPACES) {
      it(`${locale}/${namespace} has every key of ${DEFAULT_LOCALE}, none empty`, () => {
        const reference = load(DEFAULT_LOCALE, namespace);
        const translated = load(locale, namespace);
        const translatedBases = new Set([...translated.keys()].map(withoutPluralSuffix));
        const missing = [...reference.keys()].filter(
          (key) => !translated.has(key) && !translatedBases.has(withoutPluralSuffix(key)),
        );
        const empty = [...translated.entries()]
          .filter(([, value]) => typeof value !== "string" || value.trim() === "")
          .map(([key]) => key);
        const extra = [...translated.keys()].filter(
          (key) =>
            !reference.has(key) &&
            ![...reference.keys()].some((r) => withoutPluralSuffix(r) === withoutPluralSuffix(key)),
        );
        expect({ missing, empty, extra }).toEqual({ missing: [], empty: [], extra: [] });
      });
    }
  }
});
