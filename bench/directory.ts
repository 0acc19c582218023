import { sql } from "drizzle-orm";
import type { Database } from "~/db.server";
import { seedDemoData } from "~/seed.server";

export interface ScaledDirectory {
  services: number;
  organizations: number;
  locations: number;
  /** Time taken to seed. */
  seconds: number;
}

/**
 * A directory of `services` services with the demo directory's texts: the real taxonomy (every
 * category name and search word in twelve languages) and the demo directory (277 services with
 * names, descriptions, translations, several categories and languages, hours and phones), then
 * copies of it until there are `services` services. Each copy gets new ids, its organizations a
 * numbered name and slug, and its locations a point moved by up to ~3 km, so place queries meet
 * the density of a state-wide directory. Copying is done by Postgres, row by row through jsonb,
 * so every column of every table comes along (also columns added after this was written).
 */
export async function seedScaledDirectory(
  db: Database,
  services: number,
): Promise<ScaledDirectory> {
  const started = performance.now();
  await seedDemoData(db);
  await db.execute(sql`SELECT setseed(0.42)`);
  const [base] = await db.execute<{ services: number }>(
    sql`SELECT count(*)::int AS services FROM services`,
  );
  const perCopy = base!.services;
  const copies = Math.max(0, Math.ceil(services / perCopy) - 1);

  await db.transaction(async (tx) => {
    // Name-based ids: the same original and copy number always give the same id.
    await tx.execute(sql`
      CREATE TEMP TABLE copies ON COMMIT DROP AS SELECT k FROM generate_series(1, ${copies}::int) AS k`);
    await tx.execute(sql`
      CREATE TEMP TABLE org_map ON COMMIT DROP AS
      SELECT o.id AS old_id, c.k, md5(o.id::text || ':' || c.k)::uuid AS new_id
      FROM organizations o CROSS JOIN copies c`);
    await tx.execute(sql`
      CREATE TEMP TABLE location_map ON COMMIT DROP AS
      SELECT l.id AS old_id, c.k, md5(l.id::text || ':' || c.k)::uuid AS new_id
      FROM locations l CROSS JOIN copies c`);
    // Only as many services as asked for: the last copy may be partial.
    await tx.execute(sql`
      CREATE TEMP TABLE service_map ON COMMIT DROP AS
      SELECT s.id AS old_id, c.k, md5(s.id::text || ':' || c.k)::uuid AS new_id
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM services) s CROSS JOIN copies c
      WHERE c.k * ${perCopy}::int + s.n <= ${services}::int`);
    for (const table of ["org_map", "location_map", "service_map"])
      await tx.execute(sql.raw(`CREATE INDEX ON ${table} (old_id, k); ANALYZE ${table}`));

    const copy = (table: string, from: string, overrides: string, where = "true") =>
      tx.execute(
        sql.raw(`
        INSERT INTO ${table}
        SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(t) || jsonb_build_object(${overrides}))).*
        FROM ${table} t ${from} WHERE ${where}`),
      );
    await copy(
      "organizations",
      "JOIN org_map m ON m.old_id = t.id",
      `'id', m.new_id, 'slug', t.slug || '-' || m.k, 'name', t.name || ' ' || m.k`,
    );
    await copy(
      "organization_translations",
      "JOIN org_map m ON m.old_id = t.organization_id",
      `'organization_id', m.new_id`,
    );
    await copy(
      "locations",
      "JOIN location_map m ON m.old_id = t.id JOIN org_map o ON o.old_id = t.organization_id AND o.k = m.k",
      `'id', m.new_id, 'organization_id', o.new_id,
       'latitude', t.latitude + (random() - 0.5) * 0.05,
       'longitude', t.longitude + (random() - 0.5) * 0.065`,
    );
    await copy(
      "services",
      "JOIN service_map m ON m.old_id = t.id JOIN org_map o ON o.old_id = t.organization_id AND o.k = m.k",
      `'id', m.new_id, 'organization_id', o.new_id`,
    );
    for (const table of ["service_translations", "service_languages", "service_taxonomy"])
      await copy(table, "JOIN service_map m ON m.old_id = t.service_id", `'service_id', m.new_id`);
    await copy(
      "service_areas",
      "JOIN service_map m ON m.old_id = t.service_id",
      `'id', gen_random_uuid(), 'service_id', m.new_id`,
    );
    await copy(
      "service_at_location",
      "JOIN service_map m ON m.old_id = t.service_id JOIN location_map l ON l.old_id = t.location_id AND l.k = m.k",
      `'id', gen_random_uuid(), 'service_id', m.new_id, 'location_id', l.new_id`,
    );
    await copy(
      "schedules",
      `JOIN service_map m ON m.old_id = t.service_id
       LEFT JOIN location_map l ON l.old_id = t.location_id AND l.k = m.k`,
      `'id', gen_random_uuid(), 'service_id', m.new_id, 'location_id', l.new_id`,
    );
    // Phones of an organization, of one of its locations, or of one of its services.
    await copy(
      "phones",
      `JOIN org_map o ON o.old_id = t.organization_id
       LEFT JOIN service_map s ON s.old_id = t.service_id AND s.k = o.k
       LEFT JOIN location_map l ON l.old_id = t.location_id AND l.k = o.k`,
      `'id', gen_random_uuid(), 'organization_id', o.new_id, 'service_id', s.new_id, 'location_id', l.new_id`,
      "(t.service_id IS NULL OR s.new_id IS NOT NULL)",
    );
  });
  // As autovacuum would have done on a directory in use (visibility map, statistics).
  await db.execute(sql`VACUUM ANALYZE`);
  const [counts] = await db.execute<{
    services: number;
    organizations: number;
    locations: number;
  }>(sql`
    SELECT (SELECT count(*) FROM services)::int AS services,
      (SELECT count(*) FROM organizations)::int AS organizations,
      (SELECT count(*) FROM locations)::int AS locations`);
  return { ...counts!, seconds: (performance.now() - started) / 1000 };
}
