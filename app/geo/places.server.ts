import type { Place } from "~/geo/types";

/*
 * PLACEHOLDER, to be replaced at merge by the geo module (offline ZIP + NY place lookup from a
 * registry data package). It only exists so the search backend and its tests can resolve a
 * few ZIP codes on this branch. Keep the export signature: `resolvePlace(input)`.
 */
const ZIPS: Record<string, Omit<Place, "kind">> = {
  "10007": { label: "10007 · Manhattan", latitude: 40.7136, longitude: -74.0078, county: "36061" },
  "10027": { label: "10027 · Harlem", latitude: 40.8116, longitude: -73.9533, county: "36061" },
  "10451": { label: "10451 · Bronx", latitude: 40.8202, longitude: -73.9251, county: "36005" },
  "11201": { label: "11201 · Brooklyn", latitude: 40.6935, longitude: -73.9899, county: "36047" },
  "11368": { label: "11368 · Corona", latitude: 40.7497, longitude: -73.8628, county: "36081" },
  "11372": {
    label: "11372 · Jackson Heights",
    latitude: 40.7517,
    longitude: -73.8836,
    county: "36081",
  },
  "10301": {
    label: "10301 · Staten Island",
    latitude: 40.6316,
    longitude: -74.0929,
    county: "36085",
  },
  "11550": { label: "11550 · Hempstead", latitude: 40.7047, longitude: -73.6176, county: "36059" },
  "10550": {
    label: "10550 · Mount Vernon",
    latitude: 40.9059,
    longitude: -73.8374,
    county: "36119",
  },
  "12550": { label: "12550 · Newburgh", latitude: 41.5092, longitude: -74.0307, county: "36071" },
  "14020": { label: "14020 · Batavia", latitude: 43.0017, longitude: -78.1873 },
};

export function resolvePlace(input: string): Place | undefined {
  const zip = input.trim().slice(0, 5);
  const place = /^[0-9]{5}$/.test(zip) ? ZIPS[zip] : undefined;
  return place ? { kind: "zip", ...place } : undefined;
}
