/**
 * Search benchmark: `npx tsx bench/search.ts [--services 50000] [--http]`
 *
 * Starts embedded PostgreSQL + Meilisearch on a temporary data dir (deleted afterwards),
 * seeds synthetic services, and prints:
 * - indexing throughput of a full rebuild (reindexAll: database read + Meilisearch indexing);
 * - p50/p95 latency of searchServices for a mix of queries, on Meilisearch and on the
 *   Postgres fallback;
 * - with --http and a built app (`npm run build`): p50/p95 of GET /api/search and /search
 *   through the real server.
 * Not part of `npm test`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { Meilisearch } from "meilisearch";
import { migrateDatabase } from "#db/migrate";
import { connectDatabase, type Database } from "~/db.server";
import { CATEGORY_CODES } from "#db/codes/categories";
import { resolvePlace } from "~/geo/places.server";
import { parseSearchParams } from "~/search/params";
import { reindexAll } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { startEmbeddedServices } from "../server/services-client";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const SERVICES = Number(argument("--services") ?? 50_000);
const ORGANIZATIONS = Math.max(10, Math.round(SERVICES / 25));
const LOCATIONS = Math.max(10, Math.round(SERVICES / 10));
const HTTP = process.argv.includes("--http");

const QUERIES = [
  "q=asylum",
  "q=asylm",
  "q=green+card",
  "q=abogado+asilo",
  "q=%E5%BA%87%E6%8A%A4", // 庇护
  "q=deportaci%C3%B3n",
  "q=citizenship+help",
  "category=asylum",
  "category=naturalization&language=es",
  "language=zh-Hans&fees=free",
  "near=11368",
  "near=11368&radius=2&category=asylum",
  "near=10451&radius=5&language=es&accepting=true",
  "near=11201&q=work+permit",
  "near=10007&radius=25&detained=true&provider=attorney",
  "population=children&delivery=remote",
  "court=nyc_26_federal_plaza&fees=free",
  "open_now=true",
  "open_now=true&near=11372",
  "q=tps&page=3",
  "",
  "page=10",
];

const log = (message: string) => console.log(message);
const ms = (value: number) => `${value.toFixed(1)} ms`;

function percentiles(samples: number[]): { p50: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return {
    p50: at(0.5),
    p95: at(0.95),
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

export async function seed(db: Database): Promise<void> {
  const started = performance.now();
  await db.execute(sql`SELECT setseed(0.42)`);
  await db.execute(sql`
    INSERT INTO taxonomy_terms (code, name, position)
    SELECT code, initcap(replace(code, '_', ' ')), ord::int - 1
    FROM unnest(${sql.raw(`ARRAY[${CATEGORY_CODES.map((code) => `'${code}'`).join(",")}]`)}::text[])
      WITH ORDINALITY AS t(code, ord)`);
  await db.execute(sql`
    INSERT INTO taxonomy_term_translations (term_id, locale, name, keywords)
    SELECT t.id, x.locale, x.name, x.keywords FROM taxonomy_terms t JOIN (VALUES
      ('asylum', 'es', 'Asilo', ARRAY['asilo','refugiado']),
      ('asylum', 'zh-Hans', '庇护', ARRAY['庇护','难民']),
      ('asylum', 'ru', 'Убежище', ARRAY['убежище']),
      ('naturalization', 'es', 'Naturalización', ARRAY['ciudadanía']),
      ('naturalization', 'zh-Hans', '入籍', ARRAY['入籍','公民']),
      ('work_permits', 'es', 'Permiso de trabajo', ARRAY['permiso de trabajo'])
    ) AS x(code, locale, name, keywords) ON x.code = t.code`);
  await db.execute(sql`
    INSERT INTO organizations (slug, name, description, status, assured_date)
    SELECT 'org-' || i,
      (ARRAY['Queens','Bronx','Brooklyn','Harlem','Hudson','Island','Liberty','Unity'])[1 + i % 8]
        || ' ' || (ARRAY['Immigrant','Community','Legal','Justice','Family'])[1 + i % 5]
        || ' ' || (ARRAY['Center','Project','Services','Alliance','Network'])[1 + (i / 5) % 5] || ' ' || i,
      'Free and low-cost immigration legal help for our neighbors.',
      CASE WHEN i % 50 = 0 THEN 'draft'::listing_status ELSE 'published'::listing_status END,
      current_date - (random() * 400)::int
    FROM generate_series(1, ${ORGANIZATIONS}::int) AS i`);
  await db.execute(sql`
    WITH orgs AS (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM organizations),
    counties AS (SELECT ARRAY['36005','36047','36061','36081','36085','36059','36103','36119'] AS codes)
    INSERT INTO locations (organization_id, address_1, city, county, postal_code, latitude, longitude, confidential)
    SELECT o.id, (i * 7 % 300) || ' Main Street', 'City ' || (i % 40),
      (SELECT codes[1 + i % 8] FROM counties), lpad((10001 + i % 900)::text, 5, '0'),
      40.55 + random() * 0.45, -74.15 + random() * 0.6, i % 97 = 0
    FROM generate_series(1, ${LOCATIONS}::int) AS i
    JOIN orgs o ON o.n = 1 + i % ${ORGANIZATIONS}::int`);
  await db.execute(sql`
    WITH orgs AS (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM organizations)
    INSERT INTO services (organization_id, name, description, status, fees, accepting_new_clients,
      takes_detained_cases, delivery_methods, provider_types, populations, courts_served)
    SELECT o.id,
      (ARRAY['Asylum','Naturalization','Removal Defense','Family Petitions','DACA Renewal','TPS',
             'Work Permit','U Visa','Know Your Rights','Bond Hearing'])[1 + i % 10]
        || ' ' || (ARRAY['Clinic','Project','Workshop','Program','Help Desk'])[1 + (i / 10) % 5] || ' ' || i,
      'We help with ' || (ARRAY['asylum applications','citizenship','court hearings','green cards',
        'work authorization','renewals'])[1 + i % 6] || ' for families and workers.',
      CASE WHEN i % 40 = 0 THEN 'paused'::service_status ELSE 'active'::service_status END,
      (ARRAY['free','free','sliding_scale','fee'])[1 + i % 4]::fee_type,
      i % 5 <> 0, i % 7 = 0,
      CASE WHEN i % 10 = 0 THEN ARRAY['remote','phone'] WHEN i % 3 = 0 THEN ARRAY['in_person','phone']
           ELSE ARRAY['in_person'] END,
      CASE WHEN i % 2 = 0 THEN ARRAY['attorney'] ELSE ARRAY['accredited_representative'] END,
      CASE i % 6 WHEN 0 THEN ARRAY['children'] WHEN 1 THEN ARRAY['families']
        WHEN 2 THEN ARRAY['workers','families'] WHEN 3 THEN ARRAY['survivors']
        WHEN 4 THEN ARRAY['detained'] ELSE ARRAY[]::text[] END,
      CASE i % 3 WHEN 0 THEN ARRAY['nyc_26_federal_plaza'] WHEN 1 THEN ARRAY['nyc_varick_detained']
        ELSE ARRAY[]::text[] END
    FROM generate_series(1, ${SERVICES}::int) AS i
    JOIN orgs o ON o.n = 1 + i % ${ORGANIZATIONS}::int`);
  // Every in-person service at one of its organization's locations (some at two).
  await db.execute(sql`
    WITH ranked AS (
      SELECT l.id, l.organization_id, row_number() OVER (PARTITION BY l.organization_id ORDER BY l.id) AS n,
        count(*) OVER (PARTITION BY l.organization_id) AS total
      FROM locations l),
    numbered AS (
      SELECT s.id, s.organization_id, s.delivery_methods,
        row_number() OVER (PARTITION BY s.organization_id ORDER BY s.id) AS n FROM services s)
    INSERT INTO service_at_location (service_id, location_id)
    SELECT s.id, r.id FROM numbered s JOIN ranked r ON r.organization_id = s.organization_id
    WHERE 'in_person' = ANY(s.delivery_methods)
      AND (r.n = 1 + s.n % r.total OR (s.n % 20 = 0 AND r.n = 1 + (s.n + 1) % r.total))`);
  await db.execute(sql`
    INSERT INTO service_areas (service_id, statewide, county)
    SELECT id, true, NULL FROM services WHERE NOT ('in_person' = ANY(delivery_methods))`);
  await db.execute(sql`
    WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM services)
    INSERT INTO service_taxonomy (service_id, term_id)
    SELECT DISTINCT s.id, t.id FROM numbered s
    CROSS JOIN LATERAL (SELECT unnest(ARRAY[1 + s.n % 21, 1 + (s.n * 7) % 21])::int AS position) p
    JOIN taxonomy_terms t ON t.position = p.position - 1`);
  await db.execute(sql`
    WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM services)
    INSERT INTO service_languages (service_id, code)
    SELECT DISTINCT s.id, l.code FROM numbered s
    CROSS JOIN LATERAL (SELECT (ARRAY['en','es','zh-Hans','ht','bn','ru','ar','ko','fr','pl'])[1 + (s.n * k) % 10] AS code
                        FROM generate_series(1, 1 + (s.n % 4)::int) AS k) l`);
  await db.execute(sql`
    WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM services)
    INSERT INTO schedules (service_id, weekday, opens_at, closes_at)
    SELECT s.id, d, '09:00', CASE WHEN s.n % 2 = 0 THEN '17:00'::time ELSE '13:30'::time END
    FROM numbered s CROSS JOIN generate_series(1, 5) AS d WHERE s.n % 5 <> 0`);
  // As autovacuum would have done on a directory in use (visibility map, statistics).
  await db.execute(sql`VACUUM ANALYZE`);
  const [counts] = await db.execute<{ services: number; documents: number }>(sql`
    SELECT (SELECT count(*) FROM services)::int AS services,
      (SELECT count(*) FROM services s JOIN organizations o ON o.id = s.organization_id
        LEFT JOIN service_at_location sal ON sal.service_id = s.id
        WHERE s.status = 'active' AND o.status = 'published')::int AS documents`);
  log(
    `seeded ${counts!.services} services (${counts!.documents} searchable documents), ` +
      `${ORGANIZATIONS} organizations, ${LOCATIONS} locations in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function measure(
  label: string,
  rounds: number,
  run: (params: string) => Promise<unknown>,
): Promise<void> {
  for (const params of QUERIES) await run(params); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const params of QUERIES) {
      const started = performance.now();
      await run(params);
      samples.push(performance.now() - started);
    }
  }
  const { p50, p95, mean } = percentiles(samples);
  log(
    `${label.padEnd(34)} n=${String(samples.length).padEnd(4)} p50 ${ms(p50)}  p95 ${ms(p95)}  mean ${ms(mean)}`,
  );
}

async function measureHttp(
  databaseUrl: string,
  meiliHost: string,
  meiliKey: string,
): Promise<void> {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    log("HTTP: skipped (no build/; run `npm run build` first)");
    return;
  }
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      MEILI_HOST: meiliHost,
      MEILI_MASTER_KEY: meiliKey,
      MEILI_INDEX_PREFIX: "bench_",
      SEED_DEMO_DATA: "false",
      PORT: String(port),
      NODE_ENV: "production",
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready in")) resolve();
      });
      server.once("exit", (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const fetchOk = async (url: string) => {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status >= 500) throw new Error(`${url}: ${response.status}`);
    };
    await measure("GET /api/search (HTTP)", 3, (params) => fetchOk(`${base}/api/search?${params}`));
    const page = await fetch(`${base}/search`);
    if (page.status === 404) log("GET /search: skipped (the page is not on this branch)");
    else
      await measure("GET /search (HTTP, HTML)", 2, (params) => fetchOk(`${base}/search?${params}`));
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "puente-bench-"));
  log(`starting embedded PostgreSQL and Meilisearch in ${dataDir} (deleted afterwards)`);
  log(
    `machine: ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  const services = await startEmbeddedServices({
    dataDir,
    postgres: true,
    meili: true,
    ephemeral: true,
  });
  process.env.DATABASE_URL = services.databaseUrl;
  process.env.MEILI_HOST = services.meiliHost;
  process.env.MEILI_MASTER_KEY = services.meiliMasterKey;
  process.env.MEILI_INDEX_PREFIX = "bench_";
  const connection = connectDatabase(services.databaseUrl!, { max: 4 });
  try {
    await migrateDatabase(services.databaseUrl!);
    await seed(connection.db);

    const { documents, durationMs, buildMs, waitMs } = await reindexAll(connection.db);
    log(
      `indexing: ${documents} documents in ${(durationMs / 1000).toFixed(1)} s = ` +
        `${Math.round(documents / (durationMs / 1000))} docs/s (full rebuild: read, build, index, swap; ` +
        `reading+building ${(buildMs / 1000).toFixed(1)} s, then waiting for Meilisearch ${(waitMs / 1000).toFixed(1)} s)`,
    );

    const queryOf = (params: string) =>
      parseSearchParams(new URLSearchParams(params), { locale: "en", resolvePlace }).query;
    await measure("searchServices (Meilisearch)", 10, async (params) => {
      const result = await searchServices(connection.db, queryOf(params));
      if (result.engine !== "meilisearch") throw new Error("fell back to Postgres");
    });
    const unreachable = new Meilisearch({ host: "http://127.0.0.1:1", timeout: 1000 });
    await measure("searchServices (Postgres fallback)", 1, async (params) => {
      await searchServices(connection.db, queryOf(params), { client: unreachable });
    });

    if (HTTP)
      await measureHttp(services.databaseUrl!, services.meiliHost!, services.meiliMasterKey!);
  } finally {
    await connection.close();
    await services.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
