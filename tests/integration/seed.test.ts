import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations } from "#db/schema";
import { seedDemoData, seedIfEmpty, type SeedSummary } from "~/seed.server";
import { TAXONOMY_LOCALES } from "~/directory/seed/taxonomy";
import { CATEGORY_CODES } from "#db/codes/categories";
import { COUNTIES, REGIONS } from "~/geo/counties";
import { type CountyCode } from "#db/codes/counties";
import { useTestEnvironment } from "../support/environment";

const env = useTestEnvironment();

/** Rough bounding boxes [south, west, north, east] of each county, generous by ~1 km. */
const COUNTY_BOUNDS: Record<CountyCode, [number, number, number, number]> = {
  "36005": [40.785, -73.934, 40.918, -73.765], // Bronx
  "36047": [40.566, -74.042, 40.74, -73.833], // Brooklyn (Kings)
  "36061": [40.68, -74.047, 40.882, -73.907], // Manhattan (New York)
  "36081": [40.541, -73.962, 40.801, -73.7], // Queens
  "36085": [40.496, -74.256, 40.649, -74.05], // Staten Island (Richmond)
  "36059": [40.54, -73.77, 40.89, -73.42], // Nassau
  "36103": [40.6, -73.5, 41.3, -71.85], // Suffolk
  "36119": [40.875, -73.985, 41.37, -73.48], // Westchester
  "36087": [41.0, -74.24, 41.37, -73.88], // Rockland
  "36071": [41.14, -74.79, 41.6, -73.95], // Orange
  "36079": [41.32, -73.99, 41.53, -73.48], // Putnam
  "36027": [41.46, -74.01, 42.08, -73.48], // Dutchess
  "36111": [41.59, -74.78, 42.18, -73.94], // Ulster
  "36105": [41.46, -75.15, 42.0, -74.36], // Sullivan
  "36021": [42.0, -73.93, 42.52, -73.35], // Columbia
  "36039": [42.08, -74.55, 42.46, -73.77], // Greene
};

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await env().db.execute(query)) as unknown as T[];
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = [
    "organizations",
    "services",
    "locations",
    "service_at_location",
    "phones",
    "schedules",
    "service_languages",
    "service_areas",
    "service_taxonomy",
    "organization_translations",
    "service_translations",
    "taxonomy_terms",
    "taxonomy_term_translations",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
    counts[table] = row!.n;
  }
  return counts;
}

describe("demo seed", () => {
  let first: SeedSummary | undefined;

  beforeAll(async () => {
    first = await seedIfEmpty(env().db);
  });

  it("fills an empty database with a large published directory", async () => {
    expect(first).toBeDefined();
    const [counts] = await rows<{ orgs: number; services: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM organizations WHERE status = 'published') AS orgs,
        (SELECT count(*)::int FROM services s JOIN organizations o ON o.id = s.organization_id
          WHERE o.status = 'published' AND s.status = 'active') AS services`);
    expect(counts!.orgs).toBeGreaterThanOrEqual(60);
    expect(counts!.services).toBeGreaterThanOrEqual(150);
  });

  it("does nothing on start when organizations already exist", async () => {
    const before = await tableCounts();
    expect(await seedIfEmpty(env().db)).toBeUndefined();
    expect(await tableCounts()).toEqual(before);
  });

  it("gives the same rows when run again, and leaves other organizations alone", async () => {
    await env()
      .db.insert(organizations)
      .values({ slug: "not-a-demo-organization", name: "Not a demo organization" });
    const before = await tableCounts();
    const ids = await rows<{ id: string }>(sql`
      SELECT id FROM services UNION ALL SELECT id FROM locations UNION ALL SELECT id FROM phones
      ORDER BY id`);

    const second = await seedDemoData(env().db);

    expect(second).toEqual(first);
    expect(await tableCounts()).toEqual(before);
    expect(
      await rows<{ id: string }>(sql`
        SELECT id FROM services UNION ALL SELECT id FROM locations UNION ALL SELECT id FROM phones
        ORDER BY id`),
    ).toEqual(ids);
    const [kept] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM organizations WHERE slug = 'not-a-demo-organization'`,
    );
    expect(kept!.n).toBe(1);
  });

  it("has published offices in every region", async () => {
    const found = await rows<{ county: string }>(sql`
      SELECT DISTINCT l.county FROM locations l
      JOIN organizations o ON o.id = l.organization_id
      WHERE o.status = 'published' AND NOT l.confidential`);
    const regions = new Set(found.map((row) => COUNTIES[row.county as CountyCode].region));
    expect([...regions].sort()).toEqual([...REGIONS].sort());
  });

  it("uses every category in some published, active service", async () => {
    const used = await rows<{ code: string }>(sql`
      SELECT DISTINCT t.code FROM service_taxonomy st
      JOIN taxonomy_terms t ON t.id = st.term_id
      JOIN services s ON s.id = st.service_id
      JOIN organizations o ON o.id = s.organization_id
      WHERE s.status = 'active' AND o.status = 'published'`);
    expect(used.map((row) => row.code).sort()).toEqual([...CATEGORY_CODES].sort());
  });

  it("places every location inside its county", async () => {
    const all = await rows<{
      name: string;
      county: CountyCode;
      latitude: number;
      longitude: number;
    }>(sql`SELECT name, county, latitude, longitude FROM locations`);
    expect(all.length).toBeGreaterThan(60);
    const outside = all.filter((location) => {
      const [south, west, north, east] = COUNTY_BOUNDS[location.county];
      return (
        location.latitude === null ||
        location.latitude < south ||
        location.latitude > north ||
        location.longitude < west ||
        location.longitude > east
      );
    });
    expect(outside).toEqual([]);
  });

  it("has confidential shelter locations with services", async () => {
    const shelters = await rows<{ services: number }>(sql`
      SELECT count(sal.service_id)::int AS services FROM locations l
      JOIN service_at_location sal ON sal.location_id = l.id
      WHERE l.confidential GROUP BY l.id`);
    expect(shelters.length).toBeGreaterThanOrEqual(2);
    for (const shelter of shelters) expect(shelter.services).toBeGreaterThan(0);
  });

  it("has phone and online services without a location, with service areas instead", async () => {
    const remote = await rows<{ delivery: string[]; areas: number }>(sql`
      SELECT s.delivery_methods AS delivery,
        (SELECT count(*)::int FROM service_areas a WHERE a.service_id = s.id) AS areas
      FROM services s
      WHERE NOT EXISTS (SELECT 1 FROM service_at_location sal WHERE sal.service_id = s.id)`);
    expect(remote.length).toBeGreaterThanOrEqual(3);
    for (const service of remote) {
      expect(service.delivery).not.toContain("in_person");
      expect(service.areas).toBeGreaterThan(0);
    }
  });

  it("names every taxonomy term in all twelve locales", async () => {
    const terms = await rows<{ code: string; locales: string[] }>(sql`
      SELECT t.code, array_agg(tr.locale ORDER BY tr.locale) AS locales
      FROM taxonomy_terms t LEFT JOIN taxonomy_term_translations tr ON tr.term_id = t.id
      GROUP BY t.code`);
    expect(terms.map((term) => term.code)).toEqual(expect.arrayContaining([...CATEGORY_CODES]));
    for (const term of terms) {
      expect(term.locales, term.code).toEqual([...TAXONOMY_LOCALES].sort());
    }
    const [asylum] = await rows<{ keywords: string[] }>(sql`
      SELECT array_agg(k) AS keywords FROM taxonomy_terms t
      JOIN taxonomy_term_translations tr ON tr.term_id = t.id, unnest(tr.keywords) AS k
      WHERE t.code = 'asylum'`);
    expect(asylum!.keywords).toEqual(
      expect.arrayContaining(["asilo", "政治庇护", "убежище", "azil", "আশ্রয়", "لجوء"]),
    );
  });

  it("queues a search sync for every organization it wrote", async () => {
    const [outbox] = await rows<{ missing: number }>(sql`
      SELECT count(*)::int AS missing FROM organizations o
      WHERE o.slug <> 'not-a-demo-organization' AND NOT EXISTS (
        SELECT 1 FROM search_outbox q
        WHERE q.entity_type = 'organization' AND q.entity_id = o.id)`);
    expect(outbox!.missing).toBe(0);
  });

  it("mixes statuses, fees, languages and stale listings like a real directory", async () => {
    const [mix] = await rows<{
      hidden_orgs: number;
      hidden_services: number;
      sliding: number;
      fee: number;
      closed: number;
      detained: number;
      languages: number;
      stale: number;
      spanish: number;
      original_spanish: number;
    }>(sql`
      SELECT
        (SELECT count(*)::int FROM organizations WHERE status <> 'published') AS hidden_orgs,
        (SELECT count(*)::int FROM services WHERE status <> 'active') AS hidden_services,
        (SELECT count(*)::int FROM services WHERE fees = 'sliding_scale') AS sliding,
        (SELECT count(*)::int FROM services WHERE fees = 'fee') AS fee,
        (SELECT count(*)::int FROM services WHERE NOT accepting_new_clients) AS closed,
        (SELECT count(*)::int FROM services WHERE takes_detained_cases
          AND courts_served && ARRAY['nyc_varick_detained','orange_county_jail','batavia_detention']) AS detained,
        (SELECT count(DISTINCT code)::int FROM service_languages) AS languages,
        (SELECT count(*)::int FROM organizations
          WHERE assured_date IS NULL OR assured_date < current_date - 180) AS stale,
        (SELECT count(*)::int FROM service_translations WHERE locale = 'es') AS spanish,
        (SELECT count(*)::int FROM organizations WHERE original_language = 'es') AS original_spanish`);
    expect(mix!.hidden_orgs).toBeGreaterThanOrEqual(3);
    expect(mix!.hidden_services).toBeGreaterThanOrEqual(3);
    expect(mix!.sliding).toBeGreaterThan(5);
    expect(mix!.fee).toBeGreaterThan(3);
    expect(mix!.closed).toBeGreaterThan(5);
    expect(mix!.detained).toBeGreaterThan(5);
    expect(mix!.languages).toBeGreaterThanOrEqual(20);
    expect(mix!.stale).toBeGreaterThan(8);
    expect(mix!.spanish).toBeGreaterThan(100);
    expect(mix!.original_spanish).toBeGreaterThanOrEqual(3);
  });
});
