import { COUNTIES } from "~/geo/counties";
import { type CountyCode } from "#db/codes/counties";
import { countyOfPoint } from "~/geo/counties.server";
import { NY_PLACES, type NyPlace } from "~/geo/data/ny-places";
import { haversineMiles, roundCoordinate } from "~/geo/distance";
import type { Place } from "~/geo/types";
import { lookupZip, nearestZipCentroid } from "~/geo/zips.server";

/**
 * Where a person means, from what they typed in "near": a US ZIP code, a "lat,lng" pair (the
 * browser's "use my location"), or a New York place name. Everything is resolved in this
 * process from packaged data: nothing typed here leaves the server, and nothing is logged.
 */

const MAX_INPUT_LENGTH = 200;

const BOROUGHS: Partial<Record<CountyCode, string>> = {
  "36061": "Manhattan",
  "36005": "Bronx",
  "36047": "Brooklyn",
  "36081": "Queens",
  "36085": "Staten Island",
};
const NYC_COUNTIES = Object.keys(BOROUGHS) as CountyCode[];

/* ---------------------------------------------------------------------------------------- */
/* Text normalization                                                                        */
/* ---------------------------------------------------------------------------------------- */

/** Abbreviations and their long forms share one spelling, so "Jackson Hts" = "Jackson Heights". */
const CANONICAL_TOKENS: Record<string, string> = {
  saint: "st",
  mount: "mt",
  fort: "ft",
  heights: "hts",
  hgts: "hts",
  east: "e",
  west: "w",
  north: "n",
  south: "s",
  so: "s",
  point: "pt",
  pk: "park",
  bch: "beach",
  vlg: "village",
  vill: "village",
  center: "ctr",
  centre: "ctr",
  station: "sta",
  stn: "sta",
  harbor: "hbr",
  harbour: "hbr",
  gardens: "gdns",
  gdn: "gdns",
};

/** Lowercase, without accents, punctuation or extra spaces: "St. Albans" → "st albans". */
function plain(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’`.]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function canonicalTokens(text: string): string[] {
  const tokens = plain(text)
    .split(" ")
    .filter(Boolean)
    .map((token) => CANONICAL_TOKENS[token] ?? token);
  return tokens.length > 1 && tokens[0] === "the" ? tokens.slice(1) : tokens;
}

function canonical(text: string): string {
  return canonicalTokens(text).join(" ");
}

/** "Jacksonheights" and "Jackson Heights" alike. */
function compact(text: string): string {
  return plain(text).replace(/ /g, "");
}

/* ---------------------------------------------------------------------------------------- */
/* Indexes                                                                                   */
/* ---------------------------------------------------------------------------------------- */

function namesOf(place: NyPlace): string[] {
  return [place.name, ...(place.aliases ?? [])];
}

function buildIndex(key: (text: string) => string): Map<string, NyPlace[]> {
  const index = new Map<string, NyPlace[]>();
  for (const place of NY_PLACES) {
    for (const name of namesOf(place)) {
      const k = key(name);
      const list = index.get(k) ?? [];
      if (!list.includes(place)) list.push(place);
      index.set(k, list);
    }
  }
  return index;
}

const BY_NAME = buildIndex(canonical);
const BY_COMPACT_NAME = buildIndex(compact);

/** What may follow a place to say which borough, county or region is meant. */
const QUALIFIERS: Map<string, CountyCode[]> = (() => {
  const qualifiers = new Map<string, CountyCode[]>();
  const add = (text: string, counties: CountyCode[]) => qualifiers.set(canonical(text), counties);
  for (const place of NY_PLACES) {
    if (place.kind !== "borough" && place.kind !== "county") continue;
    for (const name of namesOf(place)) add(name, [place.county]);
  }
  for (const [code, { name }] of Object.entries(COUNTIES) as [CountyCode, { name: string }][]) {
    const short = name.replace(/ \(.*\)$/, "");
    for (const text of [short, `${short} County`, `Condado de ${short}`]) add(text, [code]);
  }
  for (const text of ["NYC", "New York City", "Ciudad de Nueva York"]) add(text, NYC_COUNTIES);
  for (const text of ["Long Island", "LI"]) add(text, ["36059", "36103"]);
  add("Hudson Valley", ["36087", "36071", "36079", "36027", "36111", "36105", "36021", "36039"]);
  return qualifiers;
})();

/** Said after a place without narrowing it: the state or the country. */
const DESIGNATORS = new Set(
  [
    "NY",
    "N Y",
    "NYS",
    "New York",
    "New York State",
    "Nueva York",
    "Estado de Nueva York",
    "US",
    "USA",
    "United States",
    "United States of America",
    "Estados Unidos",
    "EEUU",
    "EE UU",
  ].map(canonical),
);

/* ---------------------------------------------------------------------------------------- */
/* Places                                                                                    */
/* ---------------------------------------------------------------------------------------- */

function placeLabel(place: NyPlace): string {
  const borough = BOROUGHS[place.county];
  if (place.kind === "borough" || place.kind === "city" || place.kind === "county") {
    return place.name;
  }
  if (borough) return `${place.name}, ${borough}`;
  return `${place.name}, ${COUNTIES[place.county].name} County`;
}

/** A curated place as a Place, labelled so that resolvePlace(label) finds it again. */
export function placeFromData(place: NyPlace): Place {
  return {
    kind: "place",
    label: placeLabel(place),
    latitude: place.lat,
    longitude: place.lng,
    county: place.county,
  };
}

function zipLabel(zip: NonNullable<ReturnType<typeof lookupZip>>): string {
  const borough = zip.county && BOROUGHS[zip.county];
  if (borough) {
    const sameAsBorough = zip.city === "New York" || plain(zip.city) === plain(borough);
    return `${zip.zip} · ${sameAsBorough ? borough : `${zip.city}, ${borough}`}`;
  }
  return `${zip.zip} · ${zip.city}, ${zip.state}`;
}

function resolveZip(zip: string): Place | undefined {
  const found = lookupZip(zip);
  if (!found) return undefined;
  return {
    kind: "zip",
    label: zipLabel(found),
    latitude: found.latitude,
    longitude: found.longitude,
    // The postal data's county; the boundaries only when it has none of ours.
    county: found.county ?? countyOfPoint(found.latitude, found.longitude),
  };
}

const ZIP_PATTERN = /^\s*(\d{5})(?:\s*-?\s*\d{4})?\s*$/;
const COORDINATES_PATTERN = /^\s*([-+]?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$/;

function resolveCoordinates(latText: string, lngText: string): Place | undefined {
  const latitude = roundCoordinate(Number(latText));
  const longitude = roundCoordinate(Number(lngText));
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return {
    kind: "place",
    label: `${latitude.toFixed(2)}, ${longitude.toFixed(2)}`,
    latitude,
    longitude,
    county: countyOfPoint(latitude, longitude),
  };
}

function findByName(text: string, within?: CountyCode[]): NyPlace | undefined {
  const candidates = BY_NAME.get(canonical(text)) ?? BY_COMPACT_NAME.get(compact(text));
  if (!candidates?.length) return undefined;
  return (within && candidates.find((place) => within.includes(place.county))) ?? candidates[0];
}

interface ParsedInput {
  /** Comma-separated parts, canonical, with state/country designators and ZIP codes removed. */
  segments: string[];
  /** A ZIP code typed along with the name ("Corona, NY 11368"). */
  zip?: string;
}

function parse(input: string): ParsedInput {
  let zip: string | undefined;
  const segments = input
    .split(/[,;/|()]+/)
    .map((segment) => {
      const tokens = canonicalTokens(segment);
      // ZIP (and ZIP+4) at the end of a part: "NY 11368", "11368-1234".
      while (tokens.length > 0 && /^\d{4,5}$/.test(tokens[tokens.length - 1] ?? "")) {
        const token = tokens.pop() ?? "";
        if (token.length === 5) zip = token;
      }
      return tokens;
    })
    .filter((tokens) => tokens.length > 0);

  // Drop trailing parts, then trailing words, that only name the state or the country.
  while (segments.length > 1 && DESIGNATORS.has((segments[segments.length - 1] ?? []).join(" "))) {
    segments.pop();
  }
  const last = segments[segments.length - 1];
  if (last) {
    for (let stripped = true; stripped && last.length > 1;) {
      stripped = false;
      for (const size of [4, 3, 2, 1]) {
        if (last.length > size && DESIGNATORS.has(last.slice(-size).join(" "))) {
          // Keep "New York" in "East New York": strip only when the rest is not a place name.
          if (findByName(last.join(" "))) break;
          last.splice(-size, size);
          stripped = true;
          break;
        }
      }
    }
  }
  return { segments: segments.map((tokens) => tokens.join(" ")), zip };
}

/** "astoria queens" → "astoria" within Queens; "flushing queens nyc" → "flushing" in Queens. */
function findWithTrailingQualifiers(text: string): NyPlace | undefined {
  const tokens = text.split(" ");
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const size of [3, 2, 1]) {
      if (tokens.length <= size) continue;
      const counties = QUALIFIERS.get(tokens.slice(-size).join(" "));
      if (!counties) continue;
      tokens.splice(-size, size);
      // Each qualifier stripped is nearer the name than the one before, so more specific.
      const place = findByName(tokens.join(" "), counties);
      if (place) return place;
      stripped = true;
      break;
    }
  }
  return undefined;
}

function resolveName(input: string): { place?: NyPlace; zip?: string } {
  const { segments, zip } = parse(input);
  const [head, ...rest] = segments;
  if (head === undefined) return { zip };

  const qualifier = rest.map((segment) => QUALIFIERS.get(segment)).find(Boolean);
  const direct = findByName(head, qualifier);
  if (direct) return { place: direct };

  const qualified = findWithTrailingQualifiers(head);
  if (qualified) return { place: qualified };

  // "82nd St, Jackson Heights" or "Main St, Queens": a later part may name the place.
  for (const segment of rest) {
    const place = findByName(segment, qualifier);
    if (place) return { place };
  }
  return { zip };
}

/**
 * The place a person means, or undefined. Accepts a US ZIP code (or ZIP+4), "lat,lng" (rounded
 * to 2 decimals, ~1 km, whatever precision was sent), and New York place names in the usual
 * spellings: "jackson heights", "Jackson Hts, NY", "Astoria, Queens", "Nueva York".
 */
export function resolvePlace(input: string): Place | undefined {
  const text = input.slice(0, MAX_INPUT_LENGTH);
  const zipOnly = ZIP_PATTERN.exec(text);
  if (zipOnly?.[1]) return resolveZip(zipOnly[1]);
  const coordinates = COORDINATES_PATTERN.exec(text);
  if (coordinates?.[1] && coordinates[2]) {
    return resolveCoordinates(coordinates[1], coordinates[2]);
  }
  const { place, zip } = resolveName(text);
  if (place) return placeFromData(place);
  return zip ? resolveZip(zip) : undefined;
}

/* ---------------------------------------------------------------------------------------- */
/* Naming a position                                                                         */
/* ---------------------------------------------------------------------------------------- */

/** How near a neighborhood's centre a position is named after it (else after its ZIP code). */
const NEIGHBORHOOD_MILES = 1.5;
/** Farther than this from every ZIP code of the region, a position has no name here. */
const ZIP_MILES = 15;

/**
 * A name for a position ("use my location"), from the packaged data only: the nearest
 * neighborhood or town within 1.5 miles ("Corona, Queens"), else the nearest ZIP code
 * ("11368 · Corona, Queens"), else undefined. `input` is what to put back in the "near" field:
 * resolvePlace(input) finds that place again. The position is already rounded to ~1 km.
 */
export function nameOfPoint(
  latitude: number,
  longitude: number,
): { label: string; input: string } | undefined {
  let nearest: { place: NyPlace; miles: number } | undefined;
  for (const place of NY_PLACES) {
    if (place.kind !== "neighborhood" && place.kind !== "municipality") continue;
    const miles = haversineMiles(
      { latitude, longitude },
      { latitude: place.lat, longitude: place.lng },
    );
    if (!nearest || miles < nearest.miles) nearest = { place, miles };
  }
  if (nearest && nearest.miles <= NEIGHBORHOOD_MILES) {
    const label = placeLabel(nearest.place);
    return { label, input: label };
  }
  const zip = nearestZipCentroid(latitude, longitude);
  const record = zip && zip.miles <= ZIP_MILES ? lookupZip(zip.zip) : undefined;
  return record ? { label: zipLabel(record), input: record.zip } : undefined;
}

/* ---------------------------------------------------------------------------------------- */
/* Did you mean                                                                              */
/* ---------------------------------------------------------------------------------------- */

/** Optimal string alignment distance (Levenshtein plus swapped neighbours), capped. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > cap) return cap + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? cap + 1;
}

/**
 * Places whose name is close to what was typed ("Jacksn Heights" → Jackson Heights), best
 * first, for a "did you mean" when resolvePlace found nothing. Each label resolves back to
 * its place, so it can be offered as a link.
 */
export function suggestPlaces(input: string, limit = 5): Place[] {
  const { segments } = parse(input.slice(0, MAX_INPUT_LENGTH));
  const query = segments[0];
  if (!query || query.length < 2 || limit <= 0) return [];
  const allowed = query.length <= 4 ? 1 : query.length <= 8 ? 2 : 3;

  const scores = new Map<NyPlace, number>();
  for (const [key, places] of BY_NAME) {
    let score: number | undefined;
    if (query.length >= 3 && key.startsWith(query)) score = 0.5;
    else if (query.length >= 4 && key.split(" ").some((word) => word.startsWith(query))) {
      score = 0.75;
    } else {
      const distance = editDistance(query, key, allowed);
      if (distance <= allowed) score = distance;
    }
    if (score === undefined) continue;
    for (const place of places) {
      scores.set(place, Math.min(score, scores.get(place) ?? Infinity));
    }
  }
  const order = new Map(NY_PLACES.map((place, index) => [place, index]));
  return [...scores]
    .sort(([a, x], [b, y]) => x - y || (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .slice(0, limit)
    .map(([place]) => placeFromData(place));
}
