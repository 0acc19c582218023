import { sql } from "drizzle-orm";
import type { MapCenter } from "~/coalition";
import type { Database } from "~/db.server";

/** Recomputed at most this often per process: the extent of a directory moves slowly. */
const TTL_MS = 10 * 60 * 1000;
const RETRY_MS = 30 * 1000;
let cached: { at: number; center: MapCenter | null } | undefined;

/**
 * Where maps open when the coalition has not said (COALITION_MAP_CENTER): the middle of its
 * published, placed locations, zoomed to hold the central 96 % of them (one stray office
 * across the country does not zoom a state directory out to the whole map). Null without any.
 */
export async function directoryMapCenter(
  db: Database,
  now = Date.now(),
): Promise<MapCenter | null> {
  if (cached && now - cached.at < TTL_MS) return cached.center;
  let rows;
  try {
    rows = await db.execute<{
      south: number | null;
      north: number | null;
      west: number | null;
      east: number | null;
    }>(sql`
    SELECT percentile_cont(0.02) WITHIN GROUP (ORDER BY l.latitude) AS south,
           percentile_cont(0.98) WITHIN GROUP (ORDER BY l.latitude) AS north,
           percentile_cont(0.02) WITHIN GROUP (ORDER BY l.longitude) AS west,
           percentile_cont(0.98) WITHIN GROUP (ORDER BY l.longitude) AS east
    FROM locations l JOIN organizations o ON o.id = l.organization_id
    WHERE o.status = 'published' AND NOT l.confidential AND l.latitude IS NOT NULL`);
  } catch {
    // The database is away: keep what was known, and ask again in half a minute rather
    // than make every page wait for it.
    cached = { at: now - TTL_MS + RETRY_MS, center: cached?.center ?? null };
    return cached.center;
  }
  const [row] = rows;
  const center =
    row && row.south !== null && row.north !== null && row.west !== null && row.east !== null
      ? centerOf({ south: row.south, north: row.north, west: row.west, east: row.east })
      : null;
  cached = { at: now, center };
  return center;
}

/** The centre of a box, and the largest zoom (3–12) at which a phone-sized map shows it. */
export function centerOf(box: {
  south: number;
  north: number;
  west: number;
  east: number;
}): MapCenter {
  const span = Math.max(box.north - box.south, (box.east - box.west) * 0.75, 0.01);
  // At zoom z the world is 256 × 2^z px wide: a 360 px map spans 506 / 2^z degrees.
  const zoom = Math.max(3, Math.min(12, Math.floor(Math.log2(506 / span))));
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    lat: round((box.south + box.north) / 2),
    lng: round((box.west + box.east) / 2),
    zoom,
  };
}

/** For tests: forget the cached centre. */
export function forgetDirectoryMapCenter(): void {
  cached = undefined;
}
