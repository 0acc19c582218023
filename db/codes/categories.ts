/**
 * Codes of the immigration legal-service categories (taxonomy_terms.code). Names, descriptions
 * and search words in every language are seeded into taxonomy_term_translations; interface
 * labels come from i18n (`vocabulary:category.<code>`).
 */
export const CATEGORY_CODES = [
  "asylum",
  "removal_defense_detained",
  "removal_defense_non_detained",
  "daca",
  "tps",
  "naturalization",
  "family_petitions",
  "adjustment_of_status",
  "u_visa",
  "t_visa",
  "vawa",
  "sijs",
  "work_permits",
  "waivers",
  "appeals",
  "bond_hearings",
  "foia",
  "know_your_rights",
  "public_benefits",
  "consultations",
  "interpretation",
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

/** Parent groupings: "removal defense" covers its detained and non-detained children. */
export const CATEGORY_PARENTS: Partial<Record<CategoryCode, string>> = {
  removal_defense_detained: "removal_defense",
  removal_defense_non_detained: "removal_defense",
};

export function isCategoryCode(value: string): value is CategoryCode {
  return (CATEGORY_CODES as readonly string[]).includes(value);
}
