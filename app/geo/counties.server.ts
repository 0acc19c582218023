import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { COUNTIES } from "~/geo/counties";
import { COUNTY_CODES, isCountyCode, type CountyCode } from "#db/codes/counties";
import { nearestZipCentroid } from "~/geo/zips.server";

/**
 * County boundaries from the Census Bureau's cartographic boundary files, as packaged by
 * `us-atlas` (counties-10m.json: unprojected, quantized and simplified, ~0.8 MB). Read from
 * node_modules once per process, on first use; nothing is fetched over the network.
 */

type Ring = Position[];
/** A polygon as rings: the outer boundary first, then any holes. */
type Rings = Ring[];
type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

interface CountyShape {
  fips: string;
  polygons: Rings[];
  bbox: BBox;
}

/**
 * New York and the states that touch the coalition's counties. Their counties are kept so that a
 * point in, say, Bergen County NJ is known to be outside the coalition, instead of being taken
 * for water and snapped onto Manhattan's shore.
 */
const STATES_KEPT = new Set(["36", "34", "09", "42", "25", "50"]);

/**
 * The 10m file simplifies coastlines, so a point on a beach, a pier or a small island (City
 * Island, Breezy Point, Battery Park City) can fall just outside every polygon. Such a point
 * takes the county whose boundary is nearest, if one is this close.
 */
const SNAP_MILES = 1.5;
const MILES_PER_DEGREE_LATITUDE = 69.05;

/**
 * How near a boundary the ZIP-code centroids take over (see countyOfPoint). Measured on the
 * curated places of data/ny-places.ts: the polygons alone put 3 of 364 in the wrong county
 * (Mott Haven and DUMBO in Manhattan, Far Rockaway in Nassau, each 0.14 to 0.21 mile inside
 * the wrong outline); with a band of 0.25 or 0.5 mile none are wrong, with 1 mile one is
 * (Suffern, by a New Jersey ZIP). On the region's own ZIP centroids, each left out in turn,
 * the polygons alone miss 9 of 3,057 and this band 11 — a test that handicaps the ZIP method
 * (the point's own ZIP is the one removed); the misses are ZIPs that straddle county lines.
 */
const BORDER_MILES = 0.5;
/** A ZIP centroid farther than this says little about the point. */
const MAX_ZIP_MILES = 2;

let shapes: CountyShape[] | undefined;
let coalitionFeatures: Feature<Polygon | MultiPolygon, { fips: string }>[] | undefined;

function loadTopology(): Topology<{ counties: GeometryCollection<{ name: string }> }> {
  const require = createRequire(import.meta.url);
  return require("us-atlas/counties-10m.json") as Topology<{
    counties: GeometryCollection<{ name: string }>;
  }>;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Rings[] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

function bboxOf(polygons: Rings[]): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [lng = 0, lat = 0] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], lng);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lng);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}

function intersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function load(): { shapes: CountyShape[]; features: NonNullable<typeof coalitionFeatures> } {
  if (shapes && coalitionFeatures) return { shapes, features: coalitionFeatures };
  const topology = loadTopology();
  const all: CountyShape[] = [];
  const features: NonNullable<typeof coalitionFeatures> = [];
  for (const geometry of topology.objects.counties.geometries) {
    const fips = String(geometry.id ?? "");
    if (!STATES_KEPT.has(fips.slice(0, 2)) || geometry.type === null) continue;
    const county = feature(topology, geometry) as Feature<Polygon | MultiPolygon>;
    const polygons = polygonsOf(county.geometry);
    all.push({ fips, polygons, bbox: bboxOf(polygons) });
    if (isCountyCode(fips)) features.push({ ...county, id: fips, properties: { fips } });
  }
  // Keep only the neighbourhood of the coalition's counties: fewer polygons to test.
  const coalition = all.filter((shape) => isCountyCode(shape.fips));
  const region: BBox = [
    Math.min(...coalition.map((s) => s.bbox[0])) - 0.25,
    Math.min(...coalition.map((s) => s.bbox[1])) - 0.25,
    Math.max(...coalition.map((s) => s.bbox[2])) + 0.25,
    Math.max(...coalition.map((s) => s.bbox[3])) + 0.25,
  ];
  shapes = all.filter((shape) => intersects(shape.bbox, region));
  features.sort((a, b) => a.properties.fips.localeCompare(b.properties.fips));
  coalitionFeatures = features;
  return { shapes, features };
}

/** Even-odd ray casting over all rings, so holes (enclaves) are excluded. */
function insidePolygon(lng: number, lat: number, rings: Rings): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
  }
  return inside;
}

/** Miles from the point to the nearest edge of the shape (flat-earth; fine over a few miles). */
function milesToBoundary(lng: number, lat: number, shape: CountyShape): number {
  const milesPerDegreeLongitude = MILES_PER_DEGREE_LATITUDE * Math.cos((lat * Math.PI) / 180);
  const project = ([x = 0, y = 0]: Position) => [
    (x - lng) * milesPerDegreeLongitude,
    (y - lat) * MILES_PER_DEGREE_LATITUDE,
  ];
  let best = Infinity;
  for (const polygon of shape.polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const [ax = 0, ay = 0] = project(ring[i - 1] ?? []);
        const [bx = 0, by = 0] = project(ring[i] ?? []);
        const dx = bx - ax;
        const dy = by - ay;
        const lengthSquared = dx * dx + dy * dy;
        const t =
          lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  }
  return best;
}

/**
 * What the boundary file alone says about a point: the county that contains it (or, for a point
 * just off a simplified coastline, the nearest one), and how far the point is from that county's
 * boundary. Undefined when no county is near (open sea, or far outside the region).
 */
export function polygonCounty(
  latitude: number,
  longitude: number,
): { fips: string; boundaryMiles: number } | undefined {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  const { shapes } = load();
  const containing = shapes.find(
    ({ bbox, polygons }) =>
      longitude >= bbox[0] &&
      longitude <= bbox[2] &&
      latitude >= bbox[1] &&
      latitude <= bbox[3] &&
      polygons.some((rings) => insidePolygon(longitude, latitude, rings)),
  );
  if (containing) {
    return {
      fips: containing.fips,
      boundaryMiles: milesToBoundary(longitude, latitude, containing),
    };
  }
  const margin = SNAP_MILES / MILES_PER_DEGREE_LATITUDE / Math.cos((latitude * Math.PI) / 180);
  let nearest: { fips: string; boundaryMiles: number } | undefined;
  for (const shape of shapes) {
    const [minLng, minLat, maxLng, maxLat] = shape.bbox;
    if (
      longitude < minLng - margin ||
      longitude > maxLng + margin ||
      latitude < minLat - margin ||
      latitude > maxLat + margin
    ) {
      continue;
    }
    const miles = milesToBoundary(longitude, latitude, shape);
    if (miles <= SNAP_MILES && (!nearest || miles < nearest.boundaryMiles)) {
      nearest = { fips: shape.fips, boundaryMiles: miles };
    }
  }
  return nearest;
}

/**
 * The coalition county (FIPS code) that contains the point, or undefined when the point lies
 * in another county, another state, or open water.
 *
 * The 10m boundaries are coarse (the Bronx has 10 vertices, Manhattan 12), so they decide alone
 * only away from a boundary. Within BORDER_MILES of one, the county of the nearest ZIP-code
 * centroid decides: the region's ~4,000 centroids draw a much finer map (Mott Haven is Bronx,
 * not Manhattan; Far Rockaway is Queens, not Nassau).
 */
export function countyOfPoint(latitude: number, longitude: number): CountyCode | undefined {
  const polygon = polygonCounty(latitude, longitude);
  if (!polygon) return undefined;
  let fips: string = polygon.fips;
  if (polygon.boundaryMiles < BORDER_MILES) {
    const zip = nearestZipCentroid(latitude, longitude);
    if (zip && zip.miles < MAX_ZIP_MILES) fips = zip.county;
  }
  return isCountyCode(fips) ? fips : undefined;
}

/* ------------------------------------------------------------------------------------------ */
/* Offline basemap: the coalition's county outlines as a small GeoJSON document.               */
/* ------------------------------------------------------------------------------------------ */

/** ~100 m: finer than the source's own quantization (~300 m east-west), so nothing is lost. */
const OUTLINE_DECIMALS = 3;

function roundRing(ring: Ring): Ring | undefined {
  const factor = 10 ** OUTLINE_DECIMALS;
  const out: Ring = [];
  for (const [lng = 0, lat = 0] of ring) {
    const point = [Math.round(lng * factor) / factor, Math.round(lat * factor) / factor];
    const previous = out[out.length - 1];
    if (!previous || previous[0] !== point[0] || previous[1] !== point[1]) out.push(point);
  }
  // A closed ring needs four positions; smaller ones are slivers after rounding.
  return out.length >= 4 ? out : undefined;
}

function outlineGeometry(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | undefined {
  const polygons = polygonsOf(geometry)
    .map((rings) => {
      const [outer, ...holes] = rings;
      const roundedOuter = outer && roundRing(outer);
      if (!roundedOuter) return undefined;
      return [roundedOuter, ...holes.flatMap((hole) => roundRing(hole) ?? [])];
    })
    .filter((rings): rings is Rings => rings !== undefined);
  if (polygons.length === 0) return undefined;
  return polygons.length === 1
    ? { type: "Polygon", coordinates: polygons[0] ?? [] }
    : { type: "MultiPolygon", coordinates: polygons };
}

export interface CountyOutlines {
  /** GeoJSON FeatureCollection, serialized; properties `fips` and `name`. */
  body: string;
  etag: string;
}

let outlines: CountyOutlines | undefined;

/** Built once per process: the same bytes for every request, so they can be cached for long. */
export function countyOutlines(): CountyOutlines {
  if (outlines) return outlines;
  const { features } = load();
  const collection: FeatureCollection<Polygon | MultiPolygon, { fips: string; name: string }> = {
    type: "FeatureCollection",
    features: features.flatMap(({ properties: { fips }, geometry }) => {
      const outline = outlineGeometry(geometry);
      if (!outline || !isCountyCode(fips)) return [];
      return [
        {
          type: "Feature" as const,
          properties: { fips, name: COUNTIES[fips].name },
          geometry: outline,
        },
      ];
    }),
  };
  const body = JSON.stringify(collection);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
  outlines = { body, etag };
  return outlines;
}

/** Every coalition county has a boundary in the data (checked by the tests). */
export function countiesWithBoundaries(): CountyCode[] {
  const { features } = load();
  const present = new Set(features.map((f) => f.properties.fips));
  return COUNTY_CODES.filter((code) => present.has(code));
}
