import type { DbOrTx } from "~/db.server";
import { pickLocalized } from "~/directory/service-view";
import {
  loadTaxonomyTermTexts,
  type PublicService,
  type TaxonomyTermText,
} from "~/directory/service-view.server";
import { COURTS, FEE_TYPES, POPULATIONS, PROVIDER_TYPES } from "#db/codes/directory";
import { serverT } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import { derivedId } from "./ids";
import type { HsdsAttribute, HsdsTaxonomy, HsdsTaxonomyTerm } from "./types";

/*
 * Puente's vocabularies as HSDS taxonomies. The legal-service categories live in the database
 * (taxonomy_terms, with their own ids and translated names); populations, courts and detention
 * facilities, fees and provider types are fixed code lists, named through the interface
 * translations (vocabulary:<group>.<code>). Codes never change; ids of the code-list terms are
 * derived from taxonomy and code, so they are the same on every install.
 */

interface CodeListTaxonomy {
  name: string;
  description: string;
  /** i18n group under the vocabulary namespace. */
  group: string;
  codes: readonly string[];
  /** Which services carry a term of this taxonomy. */
  codesOf: (service: PublicService["service"]) => readonly string[];
}

export const CATEGORY_TAXONOMY = {
  name: "puente-immigration-legal",
  description: "The kinds of immigration legal help a service offers (Puente's categories).",
} as const;

export const CODE_LIST_TAXONOMIES: readonly CodeListTaxonomy[] = [
  {
    name: "puente-populations",
    description: "People a service especially serves.",
    group: "population",
    codes: POPULATIONS,
    codesOf: (service) => service.populations,
  },
  {
    name: "puente-courts",
    description: "Immigration courts and detention facilities where a service represents people.",
    group: "court",
    codes: COURTS,
    codesOf: (service) => service.courtsServed,
  },
  {
    name: "puente-fees",
    description: "Whether a service is free, on a sliding scale, or charges a fee.",
    group: "fees",
    codes: FEE_TYPES,
    codesOf: (service) => [service.fees],
  },
  {
    name: "puente-provider-types",
    description: "Who gives the legal advice: an attorney or a DOJ-accredited representative.",
    group: "provider",
    codes: PROVIDER_TYPES,
    codesOf: (service) => service.providerTypes,
  },
];

const translators = new Map<Locale, ReturnType<typeof serverT>>();
/** The vocabulary translations of a locale (an i18next instance per locale, made once). */
function vocabulary(locale: Locale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = serverT(locale, "vocabulary")));
  return t;
}

export const taxonomyId = (name: string) => derivedId(`taxonomy:${name}`);
const codeTermId = (taxonomy: string, code: string) => derivedId(`term:${taxonomy}:${code}`);

/** Every taxonomy, categories first, in a fixed order. */
export function allTaxonomies(): HsdsTaxonomy[] {
  return [CATEGORY_TAXONOMY, ...CODE_LIST_TAXONOMIES].map((taxonomy) => ({
    id: taxonomyId(taxonomy.name),
    name: taxonomy.name,
    description: taxonomy.description,
    version: "1",
  }));
}

/** One term with everything needed to name it in any language and to find its services. */
export interface TermEntry {
  id: string;
  code: string;
  taxonomy: string;
  parentId: string | null;
  /** Name and description in the given language (English when it has none). */
  text: (locale: Locale) => { name: string; description: string; language: string };
}

/** Every term of every taxonomy: categories by position, then each code list in its order. */
export async function allTerms(db: DbOrTx): Promise<TermEntry[]> {
  const categoryTerms = [...(await loadTaxonomyTermTexts(db)).values()].sort(
    (a, b) => a.position - b.position || a.code.localeCompare(b.code),
  );
  return [
    ...categoryTerms.map((term) => categoryEntry(term)),
    ...CODE_LIST_TAXONOMIES.flatMap((taxonomy) =>
      taxonomy.codes.map((code): TermEntry => ({
        id: codeTermId(taxonomy.name, code),
        code,
        taxonomy: taxonomy.name,
        parentId: null,
        text: (locale) => {
          const name = vocabulary(locale)(`${taxonomy.group}.${code}`);
          return { name, description: name, language: locale };
        },
      })),
    ),
  ];
}

function categoryEntry(term: TaxonomyTermText): TermEntry {
  return {
    id: term.id,
    code: term.code,
    taxonomy: term.taxonomy,
    parentId: term.parentId,
    text: (locale) => {
      const name = pickLocalized(term.names, DEFAULT_LOCALE, locale)!;
      const description = vocabulary(locale)(`categoryDescription.${term.code}`, {
        defaultValue: term.description,
      });
      return { name: name.text, description, language: name.lang };
    },
  };
}

export function hsdsTerm(term: TermEntry, locale: Locale): HsdsTaxonomyTerm {
  const text = term.text(locale);
  return {
    id: term.id,
    code: term.code,
    name: text.name,
    description: text.description,
    ...(term.parentId ? { parent_id: term.parentId } : {}),
    taxonomy: term.taxonomy,
    taxonomy_id: taxonomyId(term.taxonomy),
    language: text.language,
  };
}

/** The terms a service carries, as HSDS attributes linking the service to each term. */
export function serviceAttributes(
  record: PublicService,
  termsById: ReadonlyMap<string, TermEntry>,
  locale: Locale,
): HsdsAttribute[] {
  const ids = [
    ...record.termIds,
    ...CODE_LIST_TAXONOMIES.flatMap((taxonomy) =>
      taxonomy.codesOf(record.service).map((code) => codeTermId(taxonomy.name, code)),
    ),
  ];
  return ids
    .map((id) => termsById.get(id))
    .filter((term) => term !== undefined)
    .map((term) => ({
      id: derivedId(`attribute:${record.service.id}:${term.id}`),
      link_id: record.service.id,
      link_type: term.taxonomy,
      link_entity: "service",
      taxonomy_term_id: term.id,
      taxonomy_term: hsdsTerm(term, locale),
    }));
}

/** Which services a term (or any term of a taxonomy) describes, for filtering lists. */
export type TermFilter =
  | { kind: "category"; termIds: string[] }
  | { kind: "column"; taxonomy: string; codes: string[] }
  | { kind: "nothing" };

export function filterForTerm(terms: readonly TermEntry[], termId: string): TermFilter {
  const term = terms.find((candidate) => candidate.id === termId);
  if (!term) return { kind: "nothing" };
  if (term.taxonomy === CATEGORY_TAXONOMY.name) {
    // A parent term covers its children ("removal defense" finds detained and non-detained).
    const children = terms.filter((candidate) => candidate.parentId === term.id);
    return { kind: "category", termIds: [term.id, ...children.map((child) => child.id)] };
  }
  return { kind: "column", taxonomy: term.taxonomy, codes: [term.code] };
}

export function filterForTaxonomy(terms: readonly TermEntry[], id: string): TermFilter {
  const taxonomy = allTaxonomies().find((candidate) => candidate.id === id);
  if (!taxonomy) return { kind: "nothing" };
  const members = terms.filter((term) => term.taxonomy === taxonomy.name);
  if (taxonomy.name === CATEGORY_TAXONOMY.name)
    return { kind: "category", termIds: members.map((term) => term.id) };
  return { kind: "column", taxonomy: taxonomy.name, codes: members.map((term) => term.code) };
}
