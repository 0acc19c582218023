import { sql, type SQL } from "drizzle-orm";
import type { Database, DbOrTx } from "~/db.server";
import { buildDocuments, documentId, documentToHit, openSlotsNow } from "~/search/documents.server";
import { STOP_WORDS, SYNONYM_GROUPS } from "~/search/settings.server";
import {
  EXTRA_FACETS,
  FACETED_FILTERS,
  SEARCH_FILTERS,
  chosenValues,
  splitLanguages,
  type SearchFilter,
} from "~/search/filters";
import type { FacetName, Facets, SearchHit, SearchQuery, SearchResult } from "~/search/types";
import { acceptingFirst } from "~/search/ranking";
import { slotBit } from "~/search/search-table.server";

/*
 * The degraded mode: the same search, filters, facet counts and pages as Meilisearch, answered
 * by PostgreSQL when Meilisearch does not answer. It reads search_documents, the same
 * documents as the index in rows (search-table.server.ts), with the same filters on the same
 * fields. Text matching is full-text ('simple' configuration, accent-insensitive) over every
 * searchable attribute in every language, with the same synonym groups; a typo is matched
 * against the category names and search words (withCategoryTypos) and, when the word finds
 * nothing as typed, by trigram similarity on names. Distance is haversine inside a bounding
 * box.
 *
 * The SQL functions it relies on come from the search_fallback migration: puente_tsv(text)
 * (to_tsvector('simple', unaccent(lower(text)))), puente_norm(text) (unaccent(lower(text))).
 */

const EARTH_RADIUS_MILES = 3958.8;
/** word_similarity threshold of the `<%` operator (pg_trgm default 0.6): "asylm" ~ "asylum". */
const MIN_TYPO_WORD_LENGTH = 4;

const normalize = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en-US");
const wordsOf = (text: string) =>
  normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const STOP = new Set(STOP_WORDS.map(normalize));
/** Normalized phrase -> every phrase of its synonym group, as word lists. */
const SYNONYMS = new Map<string, string[][]>();
for (const group of SYNONYM_GROUPS) {
  const phrases = group.map(wordsOf).filter((words) => words.length > 0);
  for (const words of phrases) {
    const key = words.join(" ");
    SYNONYMS.set(key, [...(SYNONYMS.get(key) ?? []), ...phrases]);
  }
}
const LONGEST_SYNONYM = Math.max(...[...SYNONYMS.keys()].map((key) => key.split(" ").length));

export interface TextUnit {
  /** Each alternative is a phrase (its words in order). */
  alternatives: string[][];
  /** The last word someone typed may be unfinished: match it as a prefix. */
  prefix: boolean;
  /** A single typed word long enough to be matched with a typo. */
  typoWord?: string;
}

/** "green card queens" -> [{green card | adjustment of status | ...}, {queens}]. */
export function textUnits(q: string): TextUnit[] {
  const words = wordsOf(q).filter((word) => !STOP.has(word));
  const units: TextUnit[] = [];
  for (let i = 0; i < words.length;) {
    let matched = false;
    for (let n = Math.min(LONGEST_SYNONYM, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(" ");
      const group = SYNONYMS.get(phrase);
      if (group) {
        units.push({
          alternatives: group,
          prefix: false,
          typoWord: n === 1 && phrase.length >= MIN_TYPO_WORD_LENGTH ? phrase : undefined,
        });
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const word = words[i]!;
    units.push({
      alternatives: [[word]],
      prefix: i === words.length - 1,
      typoWord: word.length >= MIN_TYPO_WORD_LENGTH ? word : undefined,
    });
    i += 1;
  }
  return units;
}

function tsqueryOf(unit: TextUnit): string {
  const lexeme = (word: string) => `'${word.replace(/'/g, "''")}'${unit.prefix ? ":*" : ""}`;
  return unit.alternatives.map((words) => `(${words.map(lexeme).join(" <-> ")})`).join(" | ");
}

const textArray = (values: readonly string[]): SQL =>
  values.length === 0
    ? sql`ARRAY[]::text[]`
    : sql`ARRAY[${sql.join(
        values.map((value) => sql`${value}`),
        sql`, `,
      )}]::text[]`;

/**
 * Typos of category words ("asylm"): each typo word gains, as alternatives, the words of
 * category names and search words (any language) it is similar to. The vocabulary is small, so
 * the document rows are then matched through their full-text index alone.
 */
async function withCategoryTypos(db: Database, units: TextUnit[]): Promise<TextUnit[]> {
  const typos = [...new Set(units.flatMap((unit) => (unit.typoWord ? [unit.typoWord] : [])))];
  if (typos.length === 0) return units;
  const rows = await db.execute<{ typo: string; word: string }>(sql`
    SELECT DISTINCT t.typo, v.word
    FROM unnest(${textArray(typos)}) AS t(typo)
    JOIN (SELECT DISTINCT regexp_split_to_table(puente_norm(text), '[[:space:][:punct:]]+') AS word
          FROM (SELECT name FROM taxonomy_terms
                UNION ALL SELECT name FROM taxonomy_term_translations
                UNION ALL SELECT unnest(keywords) FROM taxonomy_term_translations) AS texts(text)
         ) AS v ON t.typo <% v.word AND t.typo <> v.word`);
  return units.map((unit) => {
    const similar = rows.filter((row) => row.typo === unit.typoWord).map((row) => [row.word]);
    return similar.length > 0
      ? { ...unit, alternatives: [...unit.alternatives, ...similar] }
      : unit;
  });
}

/** The rows one unit finds: its words in any field, or a typo of it in a name. */
interface UnitRows {
  /** A condition the indexes answer alone (full-text or trigram), never a row's text again. */
  condition: SQL;
  /** How many rows it finds, before any filter. */
  count: number;
}

const wordsCondition = (unit: TextUnit): SQL =>
  sql`search_text @@ to_tsquery('simple', puente_unaccent(lower(${tsqueryOf(unit)})))`;

/**
 * What each unit finds, counted from the indexes. A typo in a name is looked for only when the
 * word finds nothing as typed (typos of category words are alternatives already): a word found
 * as typed would mostly find itself again.
 */
async function findUnitRows(db: DbOrTx, units: TextUnit[]): Promise<UnitRows[]> {
  if (units.length === 0) return [];
  const countsOf = async (conditions: SQL[]): Promise<number[]> => {
    const [row] = await db.execute<Record<string, number>>(
      sql`SELECT ${sql.join(
        conditions.map(
          (condition, i) =>
            sql`(SELECT count(*)::int FROM search_documents WHERE ${condition}) AS ${sql.raw(`n${i}`)}`,
        ),
        sql`, `,
      )}`,
    );
    return conditions.map((_, i) => Number(row?.[`n${i}`] ?? 0));
  };
  const exact = units.map(wordsCondition);
  const exactCounts = await countsOf(exact);
  const rows = exact.map((condition, i) => ({ condition, count: exactCounts[i]! }));
  const typos = units.flatMap((unit, i) =>
    unit.typoWord && exactCounts[i] === 0
      ? [{ i, condition: sql`${unit.typoWord} <% typo_text` }]
      : [],
  );
  if (typos.length > 0) {
    const typoCounts = await countsOf(typos.map(({ condition }) => condition));
    typos.forEach(({ i, condition }, k) => (rows[i] = { condition, count: typoCounts[k]! }));
  }
  return rows;
}

/** One filter as a condition on the columns of search_documents. */
function filterCondition(query: SearchQuery, definition: SearchFilter, now: Date): SQL | undefined {
  const chosen = chosenValues(query, definition);
  if (chosen.length === 0) return undefined;
  const column = sql.raw(definition.column);
  switch (definition.match) {
    case "anyOf":
      return definition.list
        ? sql`${column} && ${textArray(chosen)}`
        : sql`${column} = ANY(${textArray(chosen)})`;
    case "boolean":
      return sql`${column} = ${chosen[0] === "true"}`;
    case "languageTag": {
      const { tags, bases } = splitLanguages(chosen);
      return sql`(${column} && ${textArray(tags)} OR ${sql.raw(definition.bases.column)} && ${textArray(bases)})`;
    }
    case "openNow":
      // Each place's hours are in its own zone: one clause per slot it is now somewhere.
      return sql`(${sql.join(
        openSlotsNow(now).map(
          ({ slot, zones }) =>
            sql`(time_zone = ANY(${textArray(zones)}) AND get_bit(${column}, ${slotBit(slot)}) = 1)`,
        ),
        sql` OR `,
      )})`;
  }
}

/** The facets counted, with the column each counts. */
const COUNTED_FACETS = [...FACETED_FILTERS, ...EXTRA_FACETS];

/** Columns of search_documents the statement reads after the first filtering. */
const DOCS_COLUMNS = sql.raw(
  [
    "service_id",
    "location_id",
    "sort_name",
    ...new Set(
      COUNTED_FACETS.flatMap((entry) =>
        "bases" in entry ? [entry.column, entry.bases.column] : [entry.column],
      ),
    ),
  ].join(", "),
);

/** A facet's values in a row: its list, or its one value as a list (booleans as "true"). */
const facetValues = ({ column, list }: (typeof COUNTED_FACETS)[number]) =>
  list ? column : `ARRAY[${column}::text]`;

/**
 * Counts of the facets whose rows are the same (`condition`), in one pass over `docs`:
 * several unnest() in one select list zip the lists into rows with one value of each (NULL
 * where a list is shorter), and the grouping sets count each column's values apart.
 */
function facetCounts(facets: typeof COUNTED_FACETS, condition: SQL): SQL {
  const names = facets.map((_, i) => `f${i}`);
  const unnested = facets.map((facet, i) => `unnest(${facetValues(facet)}) AS ${names[i]}`);
  return sql`(SELECT coalesce(json_agg(json_build_array(${sql.raw(names.join(", "))}, n)), '[]'::json)
    FROM (SELECT ${sql.raw(names.join(", "))}, count(*) AS n
          FROM (SELECT ${sql.raw(unnested.join(", "))} FROM docs WHERE ${condition}) AS v
          GROUP BY GROUPING SETS (${sql.raw(names.map((name) => `(${name})`).join(", "))})) AS counts)`;
}

/**
 * The one statement that answers a query: page of ids, total, total at any distance, facet
 * counts (as `[value of facet 0, value of facet 1, ..., count]` rows, one value not null, in
 * `facets_<n>` columns; see facetCounts). `units` are the words typed (textUnits,
 * withCategoryTypos), `unitRows` what each finds (findUnitRows).
 */
function postgresSearchStatement(
  query: SearchQuery,
  now: Date,
  units: TextUnit[],
  unitRows: UnitRows[],
): { statement: SQL; facetGroups: Array<typeof COUNTED_FACETS> } {
  const where: SQL[] = [];
  for (const definition of SEARCH_FILTERS) {
    if ("facet" in definition) continue;
    const condition = filterCondition(query, definition, now);
    if (condition) where.push(condition);
  }

  let distance: SQL = sql`NULL::double precision`;
  if (query.near) {
    const lat = sql`${query.near.latitude}::float8`;
    const lng = sql`${query.near.longitude}::float8`;
    distance = sql`CASE WHEN has_geo THEN ${EARTH_RADIUS_MILES}::float8 * 2 * asin(sqrt(
        power(sin(radians(latitude - ${lat}) / 2), 2) +
        cos(radians(${lat})) * cos(radians(latitude)) *
        power(sin(radians(longitude - ${lng}) / 2), 2))) END`;
  }
  // With a place and no radius ("any distance"), the place only orders the results.
  const withinReach: SQL[] = [];
  if (query.near && query.radius !== undefined) {
    const { latitude, longitude, county } = query.near;
    const radius = query.radius;
    const latitudeSpan = radius / 69;
    const longitudeSpan = radius / (69 * Math.max(0.01, Math.cos((latitude * Math.PI) / 180)));
    const withinRadius = sql`(latitude BETWEEN ${latitude - latitudeSpan}::float8 AND ${latitude + latitudeSpan}::float8
        AND longitude BETWEEN ${longitude - longitudeSpan}::float8 AND ${longitude + longitudeSpan}::float8
        AND ${distance} <= ${radius}::float8)`;
    // As in the index: places without a point match by the counties they serve.
    withinReach.push(
      county ? sql`(${withinRadius} OR (NOT has_geo AND ${county} = ANY(counties)))` : withinRadius,
    );
  }

  // Like Meilisearch's "frequency" matching strategy: a result must match the rarest of the
  // words typed (a filler word never narrows the results to nothing), and the more of the
  // others it matches, the higher it ranks. The rows come from the rarest unit's index scan,
  // with every column the statement reads: no second visit of each row by its id.
  const rarest = unitRows.reduce<number | undefined>(
    (best, row, i) => (best === undefined || row.count < unitRows[best]!.count ? i : best),
    undefined,
  );
  const textMatch = rarest === undefined ? [] : [unitRows[rarest]!.condition];
  const unitsMatched =
    rarest === undefined
      ? sql`0`
      : sql.join(
          [
            sql`1`,
            ...unitRows
              .filter((_, i) => i !== rarest)
              .map(
                ({ condition }) =>
                  sql`(id IN (SELECT id FROM search_documents WHERE ${condition}))::int`,
              ),
          ],
          sql` + `,
        );
  // "A match in a name": from the names' own full-text index, as the words are matched.
  const anyUnit = units.map(tsqueryOf).join(" | ");
  const nameMatch =
    units.length > 0
      ? sql`id IN (SELECT id FROM search_documents
          WHERE name_text @@ to_tsquery('simple', puente_unaccent(lower(${anyUnit}))))`
      : sql`false`;

  const conditions = FACETED_FILTERS.map((definition) => ({
    facet: definition.facet as FacetName,
    condition: filterCondition(query, definition, now),
  }));
  const and = (parts: SQL[]) => (parts.length > 0 ? sql.join(parts, sql` AND `) : sql`true`);
  const allExcept = (skip?: FacetName): SQL =>
    and(
      conditions
        .filter(({ facet, condition }) => facet !== skip && condition !== undefined)
        .map(({ condition }) => condition as SQL),
    );

  // As Meilisearch's orders (search.server.ts). "closest": words matched, then distance, then a
  // match in a name. "best": words matched, a match in a name, then accepting new clients,
  // speaking the visitor's language, distance.
  const closest = query.near !== undefined && query.sort === "closest";
  const order = closest
    ? sql`units DESC, distance ASC NULLS LAST, name_match DESC, sort_name, service_id, location_id`
    : units.length > 0 || query.near
      ? sql`units DESC, name_match DESC, accepting_new_clients DESC, speaks DESC, distance ASC NULLS LAST, sort_name, service_id, location_id`
      : sql`sort_name, service_id, location_id NULLS FIRST`;
  const visitorLanguage = query.locale.split("-")[0]!.toLowerCase();

  // Facets without a filter in use count the results; one in use counts without itself.
  const active = new Set(
    conditions.filter(({ condition }) => condition !== undefined).map(({ facet }) => facet),
  );
  const facetGroups = [
    { facets: COUNTED_FACETS.filter(({ facet }) => !active.has(facet)), condition: allExcept() },
    ...COUNTED_FACETS.filter(({ facet }) => active.has(facet)).map((entry) => ({
      facets: [entry],
      condition: allExcept(entry.facet),
    })),
  ].filter((group) => group.facets.length > 0);
  const facetSelects = facetGroups.map(
    ({ facets, condition }, i) =>
      sql`${facetCounts(facets, condition)} AS ${sql.raw(`facets_${i}`)}`,
  );

  const offset = (query.page - 1) * query.pageSize;
  const statement = sql`
    WITH docs AS MATERIALIZED (
      SELECT ${DOCS_COLUMNS}, ${distance} AS distance, ${nameMatch} AS name_match, ${unitsMatched} AS units,
        ${visitorLanguage}::text = ANY(language_bases) AS speaks
      FROM search_documents
      WHERE ${and([...textMatch, ...where, ...withinReach])})
    SELECT
      (SELECT count(*)::int FROM docs WHERE ${allExcept()}) AS total,
      ${
        withinReach.length > 0
          ? sql`(SELECT count(*)::int FROM search_documents WHERE ${and([...textMatch, ...where, allExcept()])})`
          : sql`NULL::int`
      } AS total_any_distance,
      (SELECT coalesce(json_agg(json_build_object(
          'serviceId', service_id, 'locationId', location_id, 'distance', distance) ORDER BY ${order}), '[]'::json)
       FROM (SELECT * FROM docs WHERE ${allExcept()}
             ORDER BY ${order} LIMIT ${query.pageSize}::int OFFSET ${offset}::int) AS page) AS hits,
      ${sql.join(facetSelects, sql`, `)}`;
  return { statement, facetGroups: facetGroups.map(({ facets }) => facets) };
}

export async function searchWithPostgres(
  db: Database,
  query: SearchQuery,
  options: { now?: Date } = {},
): Promise<SearchResult> {
  const now = options.now ?? new Date();
  const units = await withCategoryTypos(db, textUnits(query.q));
  const { row, facetGroups } = await db.transaction(async (tx) => {
    // The matching rows and their facet values stay in memory (a page over 100,000 documents
    // spills to disk with the default 4 MB). A table scan would read every document's
    // searchable text: the indexes answer the words and the bounding box.
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const { statement, facetGroups } = postgresSearchStatement(
      query,
      now,
      units,
      await findUnitRows(tx, units),
    );
    const [row] = await tx.execute<Record<string, unknown>>(statement);
    return { row, facetGroups };
  });
  const total = Number(row?.total ?? 0);
  const pageRows = (row?.hits ?? []) as Array<{
    serviceId: string;
    locationId: string | null;
    distance: number | null;
  }>;

  const { documents } = await buildDocuments(
    db,
    pageRows.map((hit) => hit.serviceId),
    { now },
  );
  const byId = new Map(documents.map((document) => [document.id, document]));
  const hits: SearchHit[] = [];
  for (const pageRow of pageRows) {
    const document = byId.get(documentId(pageRow.serviceId, pageRow.locationId));
    if (!document) continue; // changed between the two queries
    const hit = documentToHit(document, query.locale, now);
    if (query.near && pageRow.distance !== null && document._geo)
      hit.distanceMiles = Math.round(pageRow.distance * 10) / 10;
    hits.push(hit);
  }

  const facets: Facets = {};
  for (const { facet } of COUNTED_FACETS) facets[facet] = {};
  facetGroups.forEach((group, i) => {
    for (const counted of (row?.[`facets_${i}`] ?? []) as Array<Array<string | number | null>>) {
      const n = Number(counted[group.length]);
      group.forEach(({ facet }, j) => {
        const value = counted[j];
        if (value !== null && value !== undefined) facets[facet]![String(value)] = n;
      });
    }
  });

  // With a radius: how many at any distance.
  const totalAnyDistance =
    row?.total_any_distance === null || row?.total_any_distance === undefined
      ? undefined
      : Number(row.total_any_distance);

  return {
    ...(totalAnyDistance !== undefined ? { totalAnyDistance } : {}),
    hits: query.page === 1 ? acceptingFirst(hits) : hits,
    facets,
    total,
    page: query.page,
    pageSize: query.pageSize,
    totalPages: Math.ceil(total / query.pageSize),
    engine: "postgres",
  };
}
