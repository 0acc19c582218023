import { readFileSync } from "node:fs";
import path from "node:path";
import { isCategoryCode, type CategoryCode } from "#db/codes/categories";

/**
 * Which taxonomy terms of an imported directory are which Puente category: config/hsds-mapping.json
 * (staff edit it; `--mapping <file>` or the upload form's default). Keys are a term's code or
 * name, matched without regard to case or surrounding spaces.
 */
export interface TermMapping {
  categories: Map<string, CategoryCode>;
}

export const DEFAULT_MAPPING_FILE = path.join("config", "hsds-mapping.json");

const key = (value: string) => value.trim().toLowerCase().replace(/\s+/g, " ");

export function parseMapping(contents: string, file: string): TermMapping {
  const parsed = JSON.parse(contents) as { categories?: Record<string, unknown> };
  const categories = new Map<string, CategoryCode>();
  for (const [term, code] of Object.entries(parsed.categories ?? {})) {
    if (typeof code !== "string" || !isCategoryCode(code))
      throw new Error(`${file}: "${term}" maps to "${String(code)}", not a Puente category`);
    categories.set(key(term), code);
  }
  return { categories };
}

export function loadMapping(file: string = DEFAULT_MAPPING_FILE): TermMapping {
  return parseMapping(readFileSync(file, "utf8"), file);
}

export function mappedCategory(
  mapping: TermMapping,
  term: { code?: string; name?: string },
): CategoryCode | undefined {
  for (const value of [term.code, term.name])
    if (value) {
      const found = mapping.categories.get(key(value));
      if (found) return found;
    }
  return undefined;
}
