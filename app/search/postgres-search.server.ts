import { sql, type SQL } from "drizzle-orm";
import { coalition } from "~/coalition.server";
import type { Database } from "~/db.server";
import { COUNTIES } from "~/geo/counties";
import { type CountyCode } from "#db/codes/counties";
import {
  ATTRIBUTE_TERMS,
  buildDocuments,
  documentId,
  documentToHit,
} from "~/search/documents.server";
import { STOP_WORDS, SYNONYM_GROUPS } from "~/search/settings.server";
import {
  ALL_FACETS,
  EXTRA_FACETS,
  FACETED_FILTERS,
  SEARCH_FILTERS,
  chosenValues,
  splitLanguages,
  type SearchFilter,
} from "~/search/filters";
import type { FacetName, Facets, SearchHit, SearchQuery, SearchResult } from "~/search/types";
import { acceptingFirst } from "~/search/ranking";

/*
 * The degraded mode: the same search, filters, facet counts and pages as Meilisearch, answered
 * by PostgreSQL when Meilisearch does not answer. Text matching is full-text ('simple'
 * configuration, accent-insensitive) over services, organizations, their translations, the
 * category names and search words in every language and the place names, with the same
 * synonym groups, plus trigram similarity on names for typos; distance is haversine.
 *
 * The SQL functions and indexes it relies on come from the search_fallback migration:
 * puente_tsv(text) (to_tsvector('simple', unaccent(lower(text)))), puente_norm(text)
 * (unaccent(lower(text)), trigram-indexed on names).
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

interface TextUnit {
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

/** Structured values a unit names in words ("free", "attorney", "remote"), like attributeTerms. */
function structuredMatches(unit: TextUnit): SQL[] {
  const phrases = new Set(unit.alternatives.map((words) => words.join(" ")));
  const named = <T extends string>(terms: Record<T, readonly string[]>) =>
    (Object.entries(terms) as Array<[T, readonly string[]]>)
      .filter(([, words]) => words.some((word) => phrases.has(normalize(word))))
      .map(([code]) => code);
  const clauses: SQL[] = [];
  const fees = named(ATTRIBUTE_TERMS.fees);
  if (fees.length > 0) clauses.push(sql`s.fees::text = ANY(${textArray(fees)})`);
  const providers = named(ATTRIBUTE_TERMS.providers);
  if (providers.length > 0) clauses.push(sql`s.provider_types && ${textArray(providers)}`);
  const delivery = named(ATTRIBUTE_TERMS.delivery);
  if (delivery.length > 0) clauses.push(sql`s.delivery_methods && ${textArray(delivery)}`);
  const populations = named(ATTRIBUTE_TERMS.populations);
  if (populations.length > 0) clauses.push(sql`s.populations && ${textArray(populations)}`);
  if (phrases.has("detained") || phrases.has("detention"))
    clauses.push(sql`s.takes_detained_cases`);
  return clauses;
}

/** Counties a unit names ("queens", "brooklyn", "kings"). */
function countiesNamed(unit: TextUnit): CountyCode[] {
  const phrases = new Set(unit.alternatives.map((words) => words.join(" ")));
  return (Object.entries(COUNTIES) as Array<[CountyCode, { name: string }]>)
    .filter(([, county]) => wordsOf(county.name).some((word) => phrases.has(word)))
    .map(([code]) => code);
}

/** Ids of the services that match one unit, in any field, in any language. */
function unitMatch(unit: TextUnit): SQL {
  const tq = sql`to_tsquery('simple', puente_unaccent(lower(${tsqueryOf(unit)})))`;
  const typo = unit.typoWord;
  const parts: SQL[] = [
    sql`SELECT s.id AS service_id FROM services s
        WHERE puente_tsv(s.name || ' ' || coalesce(s.alternate_name, '') || ' ' || s.description) @@ ${tq}`,
    sql`SELECT st.service_id FROM service_translations st
        WHERE puente_tsv(coalesce(st.name, '') || ' ' || coalesce(st.description, '')) @@ ${tq}`,
    sql`SELECT s.id FROM services s JOIN organizations o ON o.id = s.organization_id
        WHERE puente_tsv(o.name || ' ' || coalesce(o.alternate_name, '') || ' ' || o.description) @@ ${tq}`,
    sql`SELECT s.id FROM services s JOIN organization_translations ot ON ot.organization_id = s.organization_id
        WHERE puente_tsv(ot.description) @@ ${tq}`,
    sql`SELECT stx.service_id FROM service_taxonomy stx WHERE stx.term_id IN (
          SELECT t.id FROM taxonomy_terms t
          WHERE puente_tsv(t.name) @@ ${tq} ${typo ? sql`OR ${typo} <% puente_norm(t.name)` : sql``}
          UNION
          SELECT tt.term_id FROM taxonomy_term_translations tt
          WHERE puente_tsv(tt.name || ' ' || array_to_string(tt.keywords, ' ')) @@ ${tq}
          ${typo ? sql`OR EXISTS (SELECT 1 FROM unnest(tt.keywords || tt.name) AS k WHERE ${typo} <% puente_norm(k))` : sql``})`,
    sql`SELECT sal.service_id FROM service_at_location sal JOIN locations l ON l.id = sal.location_id
        WHERE NOT l.confidential AND (puente_tsv(l.city) @@ ${tq} OR l.postal_code = ANY(${textArray(
          unit.alternatives.flat().filter((word) => /^[0-9]{5}$/.test(word)),
        )}) OR l.county = ANY(${textArray(countiesNamed(unit))}))`,
  ];
  const structured = structuredMatches(unit);
  if (structured.length > 0)
    parts.push(sql`SELECT s.id FROM services s WHERE ${sql.join(structured, sql` OR `)}`);
  if (typo) {
    parts.push(sql`SELECT s.id FROM services s WHERE ${typo} <% puente_norm(s.name)`);
    parts.push(
      sql`SELECT s.id FROM services s JOIN organizations o ON o.id = s.organization_id WHERE ${typo} <% puente_norm(o.name)`,
    );
  }
  return sql.join(parts, sql` UNION `);
}

/** A docs column named after its facet ("courts"), quoted as an identifier. */
const docsColumn = (facet: string) => sql.raw(`"${facet}"`);

/**
 * One filter as a condition on the columns of `docs` (below) or, for a filter without a
 * facet, on its services `s` and locations `l` rows (each match rule written once).
 */
function filterCondition(query: SearchQuery, definition: SearchFilter, now: Date): SQL | undefined {
  const chosen = chosenValues(query, definition);
  if (chosen.length === 0) return undefined;
  const column = "facet" in definition ? docsColumn(definition.facet) : sql.raw(definition.column);
  switch (definition.match) {
    case "anyOf":
      return definition.list
        ? sql`${column} && ${textArray(chosen)}`
        : sql`${column}::text = ANY(${textArray(chosen)})`;
    case "boolean":
      return sql`${column} = ${chosen[0] === "true"}`;
    case "languageTag": {
      const { tags, bases } = splitLanguages(chosen);
      return sql`(${column} && ${textArray(tags)} OR ${docsColumn(`${definition.facet}_bases`)} && ${textArray(bases)})`;
    }
    case "openNow": {
      // The place's own clock (its zone, else the coalition's), as open_slots are in the index.
      const local = sql`(${now.toISOString()}::timestamptz AT TIME ZONE coalesce(l.time_zone, ${coalition().timeZone}))`;
      const hourStart = sql`(extract(hour FROM ${local}) * 3600)`;
      // Same rule as open_slots: hours for this location if it has its own, else the service's;
      // open for at least 30 minutes of the current hour.
      return sql`EXISTS (
        SELECT 1 FROM schedules sc
        WHERE sc.service_id = s.id AND sc.weekday = extract(isodow FROM ${local})::int
          AND least(extract(epoch FROM sc.closes_at), ${hourStart} + 3600)
            - greatest(extract(epoch FROM sc.opens_at), ${hourStart}) >= 1800
          AND CASE WHEN EXISTS (SELECT 1 FROM schedules x WHERE x.service_id = s.id AND x.location_id = l.id)
                   THEN sc.location_id = l.id ELSE sc.location_id IS NULL END)`;
    }
  }
}

/** The columns of `docs` the facets count and the faceted filters test. */
const FACET_COLUMNS: Array<{ facet: string; column: string; list: boolean }> = [
  ...FACETED_FILTERS.flatMap((definition) => [
    { facet: definition.facet, column: definition.column, list: definition.list },
    ...("bases" in definition
      ? [{ facet: `${definition.facet}_bases`, column: definition.bases.column, list: true }]
      : []),
  ]),
  ...EXTRA_FACETS,
];
const COUNTED_FACETS = FACET_COLUMNS.filter(
  (entry): entry is { facet: FacetName; column: string; list: boolean } =>
    (ALL_FACETS as string[]).includes(entry.facet),
);

/** The one statement that answers a query: page of ids, total, facet counts (see EXPLAIN in bench). */
export function postgresSearchStatement(query: SearchQuery, now: Date): SQL {
  const units = textUnits(query.q);
  const where: SQL[] = [sql`s.status = 'active'`, sql`o.status = 'published'`];
  const hasGeo = sql`(l.id IS NOT NULL AND NOT l.confidential AND l.latitude IS NOT NULL)`;

  let distance: SQL = sql`NULL::double precision`;
  if (query.near) {
    const { latitude, longitude } = query.near;
    const lat = sql`${latitude}::float8`;
    const lng = sql`${longitude}::float8`;
    distance = sql`CASE WHEN ${hasGeo} THEN ${EARTH_RADIUS_MILES}::float8 * 2 * asin(sqrt(
        power(sin(radians(l.latitude - ${lat}) / 2), 2) +
        cos(radians(${lat})) * cos(radians(l.latitude)) *
        power(sin(radians(l.longitude - ${lng}) / 2), 2))) END`;
  }
  // With a place and no radius ("any distance"), the place only orders the results.
  if (query.near && query.radius !== undefined) {
    const { latitude, longitude, county } = query.near;
    const radius = query.radius;
    const latitudeSpan = radius / 69;
    const longitudeSpan = radius / (69 * Math.max(0.01, Math.cos((latitude * Math.PI) / 180)));
    const withinRadius = sql`(${hasGeo}
        AND l.latitude BETWEEN ${latitude - latitudeSpan}::float8 AND ${latitude + latitudeSpan}::float8
        AND l.longitude BETWEEN ${longitude - longitudeSpan}::float8 AND ${longitude + longitudeSpan}::float8
        AND ${distance} <= ${radius}::float8)`;
    // As in the index: places without a point match by the counties they serve.
    where.push(
      county
        ? sql`(${withinRadius} OR (NOT ${hasGeo} AND (l.county = ${county} OR EXISTS (
            SELECT 1 FROM service_areas sa
            WHERE sa.service_id = s.id AND (sa.statewide OR sa.county = ${county})))))`
        : withinRadius,
    );
  }

  for (const definition of SEARCH_FILTERS) {
    if ("facet" in definition) continue;
    const condition = filterCondition(query, definition, now);
    if (condition) where.push(condition);
  }

  // Like Meilisearch's "frequency" matching strategy: a result must match the rarest of the
  // words typed (a filler word never narrows the results to nothing), and the more of the
  // others it matches, the higher it ranks.
  const matched =
    units.length > 0
      ? sql`unit_matches AS (${sql.join(
          units.map(
            (unit, i) =>
              sql`SELECT DISTINCT service_id, ${i + 1}::int AS unit FROM (${unitMatch(unit)}) AS u`,
          ),
          sql` UNION ALL `,
        )}),
        rarest AS (
          SELECT u.unit FROM generate_series(1, ${units.length}::int) AS u(unit)
          LEFT JOIN unit_matches m ON m.unit = u.unit
          GROUP BY u.unit ORDER BY count(m.service_id), u.unit LIMIT 1),
        matched AS (
          SELECT service_id, count(*)::int AS units FROM unit_matches
          WHERE service_id IN (SELECT service_id FROM unit_matches WHERE unit = (SELECT unit FROM rarest))
          GROUP BY service_id),`
      : sql``;
  const anyUnit = units.map(tsqueryOf).join(" | ");
  const score =
    units.length > 0
      ? sql`m.units + ts_rank(puente_tsv(s.name || ' ' || o.name), to_tsquery('simple', puente_unaccent(lower(${anyUnit}))))`
      : sql`0::real`;
  const unitsMatched = units.length > 0 ? sql`m.units` : sql`0`;

  const conditions = FACETED_FILTERS.map((definition) => ({
    facet: definition.facet as FacetName,
    condition: filterCondition(query, definition, now),
  }));
  const allExcept = (skip?: FacetName): SQL => {
    const parts = conditions
      .filter(({ facet, condition }) => facet !== skip && condition !== undefined)
      .map(({ condition }) => condition as SQL);
    return parts.length > 0 ? sql.join(parts, sql` AND `) : sql`true`;
  };

  // As Meilisearch's orders (search.server.ts). "closest": words matched, then distance, then
  // relevance. "best": words matched, a match in a name, then accepting new clients, speaking
  // the visitor's language, distance, relevance.
  const closest = query.near !== undefined && query.sort === "closest";
  const order = closest
    ? sql`units DESC, distance ASC NULLS LAST, score DESC, sort_name, service_id, location_id`
    : units.length > 0 || query.near
      ? sql`units DESC, (score > units) DESC, rank_accepting DESC, rank_speaks DESC, distance ASC NULLS LAST, score DESC, sort_name, service_id, location_id`
      : sql`sort_name, service_id, location_id NULLS FIRST`;
  const visitorLanguage = query.locale.split("-")[0]!.toLowerCase();

  const facetSelects = COUNTED_FACETS.map(({ facet, list }) => {
    const value = list
      ? sql`FROM docs, unnest(${docsColumn(facet)}) AS v WHERE ${allExcept(facet)}`
      : sql`FROM docs, LATERAL (SELECT ${docsColumn(facet)} AS v) AS x WHERE v IS NOT NULL AND ${allExcept(facet)}`;
    return sql`(SELECT coalesce(json_object_agg(v, n), '{}'::json)
                  FROM (SELECT v, count(*) AS n ${value} GROUP BY v) AS counts) AS ${sql.raw(`"facet_${facet}"`)}`;
  });

  const offset = (query.page - 1) * query.pageSize;
  const statement = sql`
    WITH ${matched}
    categories_of AS (
      SELECT stx.service_id, array_agg(t.code ORDER BY t.code) AS codes
      FROM service_taxonomy stx JOIN taxonomy_terms t ON t.id = stx.term_id
      GROUP BY stx.service_id),
    languages_of AS (
      SELECT service_id, array_agg(code) AS codes, array_agg(DISTINCT split_part(code, '-', 1)) AS bases
      FROM service_languages GROUP BY service_id),
    docs AS MATERIALIZED (
      SELECT s.id AS service_id, l.id AS location_id, lower(s.name) AS sort_name,
        ${sql.join(
          FACET_COLUMNS.map(({ facet, column }) => sql`${sql.raw(column)} AS ${docsColumn(facet)}`),
          sql`, `,
        )},
        ${distance} AS distance, ${score} AS score, ${unitsMatched} AS units,
        s.accepting_new_clients AS rank_accepting,
        coalesce(${visitorLanguage}::text = ANY(lg.bases), false) AS rank_speaks
      FROM services s
      JOIN organizations o ON o.id = s.organization_id
      ${units.length > 0 ? sql`JOIN matched m ON m.service_id = s.id` : sql``}
      LEFT JOIN service_at_location sal ON sal.service_id = s.id
      LEFT JOIN locations l ON l.id = sal.location_id
      LEFT JOIN categories_of c ON c.service_id = s.id
      LEFT JOIN languages_of lg ON lg.service_id = s.id
      WHERE ${sql.join(where, sql` AND `)})
    SELECT
      (SELECT count(*)::int FROM docs WHERE ${allExcept()}) AS total,
      (SELECT coalesce(json_agg(json_build_object(
          'serviceId', service_id, 'locationId', location_id, 'distance', distance) ORDER BY position), '[]'::json)
       FROM (SELECT service_id, location_id, distance, row_number() OVER (ORDER BY ${order}) AS position
             FROM docs WHERE ${allExcept()}
             ORDER BY ${order} LIMIT ${query.pageSize}::int OFFSET ${offset}::int) AS page) AS hits,
      ${sql.join(facetSelects, sql`, `)}`;

  return statement;
}

export async function searchWithPostgres(
  db: Database,
  query: SearchQuery,
  options: { now?: Date } = {},
): Promise<SearchResult> {
  const now = options.now ?? new Date();
  const statement = postgresSearchStatement(query, now);
  const [row] = await db.transaction(async (tx) => {
    // The text-match CTEs defeat the planner's row estimates; with nested loops allowed it
    // picked plans that rescanned whole tables per row (seconds on 50,000 services). Hash
    // joins are right for every size this runs at. The materialized rows stay in memory.
    await tx.execute(sql`SET LOCAL enable_nestloop = off`);
    await tx.execute(sql`SET LOCAL work_mem = '32MB'`);
    return tx.execute<Record<string, unknown>>(statement);
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
  for (const { facet } of COUNTED_FACETS)
    facets[facet] = (row?.[`facet_${facet}`] ?? {}) as Record<string, number>;

  // With a radius: how many at any distance (a second statement; the fallback favours
  // simplicity over speed).
  let totalAnyDistance: number | undefined;
  if (query.near && query.radius !== undefined) {
    const [anyRow] = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_nestloop = off`);
      return tx.execute<Record<string, unknown>>(
        postgresSearchStatement({ ...query, radius: undefined, page: 1, pageSize: 1 }, now),
      );
    });
    totalAnyDistance = Number(anyRow?.total ?? 0);
  }

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
