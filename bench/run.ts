/**
 * The benchmark of issue 14: `npm run bench -- --services 100000` (default 10000).
 *
 * Starts embedded PostgreSQL + Meilisearch on a temporary data dir (deleted afterwards), seeds
 * the real taxonomy and the demo directory copied up to `--services` services, rebuilds the
 * index the way `npm run search:reindex` does, then measures side by side, in this one run:
 * raw Meilisearch (the exact multi-search request the app's search module sends, captured
 * from it) and `searchServices`; the Postgres fallback; `/api/search` and `/search` through
 * the built app; load with autocannon on `/`, `/search`, `/api/search` and
 * `/api/hsds/services`; critical JavaScript and HTML weight. Prints a table (what, measured,
 * goal, met?) and writes bench/results/latest.json. Needs `npm run build` first.
 *
 * Options: --services N, --rounds N (timed rounds per query, default 10; at most 3 for the
 * fallback), --connections N
 * (default 50), --duration S (seconds per load test, default 10).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Meilisearch, type Config } from "meilisearch";
import { migrateDatabase } from "#db/migrate";
import { connectDatabase } from "~/db.server";
import { resolvePlace } from "~/geo/places.server";
import { nodeHttpClient } from "~/search/http-client.server";
import { parseSearchParams } from "~/search/params";
import { ensureSearchRows, reindexAll } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { startEmbeddedServices } from "../server/services-client";
import { seedScaledDirectory } from "./directory";
import { loadTest, pageWeight, startAppServer, timeGet, type LoadResult } from "./http";
import { allSamples, kb, kib, ms, percentiles, timeEach } from "./measure";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const SERVICES = option("services", 10_000);
const ROUNDS = option("rounds", 10);
const FALLBACK_ROUNDS = Math.min(ROUNDS, 3);
const CONNECTIONS = option("connections", 50);
const DURATION = option("duration", 10);

/** The place queries of the issue's table come first. */
const PLACE_QUERY = "q=asylum&near=11368&radius=5";
const WIDE_PLACE_QUERY = "near=10007&radius=25&detained=true&provider=attorney";
const QUERIES = [
  PLACE_QUERY,
  WIDE_PLACE_QUERY,
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
  "population=children&delivery=remote",
  "court=nyc_26_federal_plaza&fees=free",
  "open_now=true",
  "open_now=true&near=11372",
  "q=tps&page=3",
  "",
  "page=10",
];
/** What the load tests cycle through: a plain visit, words, a place, filters. */
const LOAD_QUERIES = ["", "q=asylum", PLACE_QUERY, "category=naturalization&language=es"];
const HSDS_PATH = "/api/hsds/services?per_page=50";
/** Issue 9: the open-data list, first page, a deep page and a search, one at a time. */
const HSDS_QUERIES = ["per_page=50", "per_page=50&page=1000", "per_page=50&search=asylum"];

const log = (message: string) => console.log(message);
const times = (a: number, b: number) => (b > 0 && a > 0 ? `×${(a / b).toFixed(2)}` : "× n/a");
const plus = (value: number) => `${value >= 0 ? "+" : "−"}${ms(Math.abs(value))}`;
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

interface Row {
  what: string;
  measured: string;
  goal: string;
  met: boolean | undefined;
}

/**
 * A Meilisearch client that records the body of every multi-search request it sends: handed
 * to `searchServices`, it gives the exact request the app makes for a query.
 */
function recordingClient(host: string, apiKey: string) {
  const bodies: string[] = [];
  const httpClient: NonNullable<Config["httpClient"]> = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith("/multi-search") && typeof init?.body === "string") bodies.push(init.body);
    return nodeHttpClient(input, init);
  };
  return { client: new Meilisearch({ host, apiKey, httpClient }), bodies };
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, "build/server/index.js")))
    throw new Error("No build: run `npm run build` first (the HTTP rows measure the built app).");
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadAverage(),
  };
  log(
    `machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, load average ${machine.loadAverageAtStart}`,
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "puente-bench-"));
  const services = await startEmbeddedServices({
    dataDir,
    postgres: true,
    meili: true,
    ephemeral: true,
  });
  const env = {
    DATABASE_URL: services.databaseUrl!,
    MEILI_HOST: services.meiliHost!,
    MEILI_MASTER_KEY: services.meiliMasterKey!,
  };
  Object.assign(process.env, env, { MEILI_INDEX_PREFIX: "puente_" });
  const connection = connectDatabase(env.DATABASE_URL, { max: 4 });
  const rows: Row[] = [];
  const results: Record<string, unknown> = { machine, services: SERVICES, rounds: ROUNDS };
  try {
    await migrateDatabase(env.DATABASE_URL);
    const seeded = await seedScaledDirectory(connection.db, SERVICES);
    log(
      `seeded ${seeded.services} services, ${seeded.organizations} organizations, ${seeded.locations} locations (real taxonomy, demo texts) in ${seeded.seconds.toFixed(1)} s`,
    );
    results.seeded = seeded;

    // --- Full reindex: the function `npm run search:reindex` runs. Its client's 5 s request
    // timeout is too short for 5,000-document batches on a busy machine: given a longer one.
    const reindex = await reindexAll(connection.db, {
      client: new Meilisearch({
        host: env.MEILI_HOST,
        apiKey: env.MEILI_MASTER_KEY,
        timeout: 120_000,
        httpClient: nodeHttpClient,
      }),
    });
    const docsPerSecond = reindex.documents / (reindex.durationMs / 1000);
    const projected100k = (100_000 / docsPerSecond) * (reindex.documents / seeded.services);
    log(
      `reindex: ${reindex.documents} documents in ${ms(reindex.durationMs)} (${Math.round(docsPerSecond)} docs/s; building ${ms(reindex.buildMs)}, then waiting ${ms(reindex.waitMs)})`,
    );
    results.reindex = { ...reindex, docsPerSecond };

    // --- The fallback's rows (search_documents), as a start after the migration writes them.
    const rowsStarted = performance.now();
    const { rewritten } = await ensureSearchRows(connection.db);
    const rowsMs = performance.now() - rowsStarted;
    log(`fallback rows (search_documents): ${rewritten ?? 0} written in ${ms(rowsMs)}`);
    results.searchRows = { rows: rewritten, durationMs: Math.round(rowsMs) };
    rows.push({
      what: `full reindex (${reindex.documents} documents)`,
      measured: `${ms(reindex.durationMs)}, ${Math.round(docsPerSecond)} docs/s (→ ${projected100k.toFixed(0)} s at 100k services)`,
      goal: "≤ 30 s at 100k services",
      met: projected100k <= 30,
    });

    // --- Raw Meilisearch next to searchServices, per query.
    const queryOf = (params: string) =>
      parseSearchParams(new URLSearchParams(params), { locale: "en", resolvePlace }).query;
    const recorder = recordingClient(env.MEILI_HOST, env.MEILI_MASTER_KEY);
    const requestBodies = new Map<string, string>();
    for (const params of QUERIES) {
      recorder.bodies.length = 0;
      const captured = await searchServices(connection.db, queryOf(params), {
        client: recorder.client,
      });
      if (captured.engine !== "meilisearch" || recorder.bodies.length !== 1)
        throw new Error(`could not capture the multi-search of "${params}"`);
      requestBodies.set(params, recorder.bodies[0]!);
    }
    const processingMs = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
    const raw = await timeEach(QUERIES, ROUNDS, async (params) => {
      const response = (await nodeHttpClient(`${env.MEILI_HOST}/multi-search`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${env.MEILI_MASTER_KEY}`,
          "Content-Type": "application/json",
        },
        body: requestBodies.get(params)!,
      })) as { results: Array<{ processingTimeMs: number }> };
      processingMs
        .get(params)!
        .push(response.results.reduce((sum, result) => sum + result.processingTimeMs, 0));
    });
    const app = await timeEach(QUERIES, ROUNDS, async (params) => {
      const result = await searchServices(connection.db, queryOf(params));
      if (result.engine !== "meilisearch") throw new Error(`"${params}" fell back to Postgres`);
    });
    const unreachable = new Meilisearch({ host: "http://127.0.0.1:1", timeout: 1000 });
    await searchServices(connection.db, queryOf("q=asylum"), { client: unreachable }); // warm-up
    // Fewer rounds than Meilisearch (each takes up to a second at 100k), after one warm-up
    // round: a single cold sample per query varied by half from run to run.
    const fallback = await timeEach(QUERIES, FALLBACK_ROUNDS, async (params) => {
      const result = await searchServices(connection.db, queryOf(params), {
        client: unreachable,
      });
      if (result.engine !== "postgres") throw new Error("expected the Postgres fallback");
    });

    const perQuery = QUERIES.map((params) => ({
      query: params || "(empty)",
      subQueries: (JSON.parse(requestBodies.get(params)!) as { queries: unknown[] }).queries.length,
      raw: percentiles(raw.get(params)!),
      meiliProcessing: percentiles(processingMs.get(params)!),
      searchServices: percentiles(app.get(params)!),
      fallbackMs: percentiles(fallback.get(params)!).p50,
    }));
    results.queries = perQuery;
    log(
      `\nper query (${ROUNDS} rounds; raw = the app's exact multi-search sent by hand):\n` +
        `${"query".padEnd(50)} sub  raw p50/p95          searchServices p50/p95   fallback p50`,
    );
    for (const row of perQuery)
      log(
        `${row.query.slice(0, 50).padEnd(50)} ${String(row.subQueries).padStart(3)}  ${`${ms(row.raw.p50)} / ${ms(row.raw.p95)}`.padEnd(20)} ${`${ms(row.searchServices.p50)} / ${ms(row.searchServices.p95)}`.padEnd(24)} ${ms(row.fallbackMs)}`,
      );

    const worst = perQuery.reduce((a, b) => (b.raw.p95 > a.raw.p95 ? b : a));
    for (const params of [PLACE_QUERY, WIDE_PLACE_QUERY]) {
      const row = perQuery.find((entry) => entry.query === params)!;
      rows.push({
        what: `Meilisearch, place query \`${params}\``,
        measured: `raw p50 ${ms(row.raw.p50)} p95 ${ms(row.raw.p95)}; searchServices p95 ${ms(row.searchServices.p95)} (${times(row.searchServices.p95, row.raw.p95)})`,
        goal: "p95 ≤ 10 ms",
        met: row.raw.p95 <= 10,
      });
    }
    rows.push({
      what: `Meilisearch, slowest of ${QUERIES.length} queries (raw p95)`,
      measured: `${ms(worst.raw.p95)} \`${worst.query}\` (${worst.subQueries} sub-queries)`,
      goal: "p95 ≤ 10 ms for every query",
      met: worst.raw.p95 <= 10,
    });
    const rawAll = percentiles(allSamples(raw));
    const appAll = percentiles(allSamples(app));
    rows.push({
      what: "searchServices over raw Meilisearch, all queries",
      measured: `p50 ${ms(appAll.p50)} vs ${ms(rawAll.p50)}, p95 ${ms(appAll.p95)} vs ${ms(rawAll.p95)} (${plus(appAll.p50 - rawAll.p50)} at p50)`,
      goal: "—",
      met: undefined,
    });
    const fallbackAll = percentiles(allSamples(fallback));
    rows.push({
      what: "Postgres fallback, all queries",
      measured: `p50 ${ms(fallbackAll.p50)} p95 ${ms(fallbackAll.p95)} (${times(fallbackAll.p50, appAll.p50)} searchServices on Meilisearch at p50)`,
      goal: "p95 ≤ 150 ms",
      met: fallbackAll.p95 <= 150,
    });
    results.summary = { raw: rawAll, searchServices: appAll, fallback: fallbackAll };

    // --- Through the built app.
    const server = await startAppServer(root, env);
    try {
      const sequential = async (route: string) =>
        percentiles(
          allSamples(
            await timeEach(QUERIES, Math.max(1, Math.round(ROUNDS / 5)), (params) =>
              timeGet(`${server.base}${route}${params ? `?${params}` : ""}`),
            ),
          ),
        );
      const apiSequential = await sequential("/api/search");
      const pageSequential = await sequential("/search");
      const sequentialResults: Record<string, unknown> = {
        apiSearch: apiSequential,
        searchPage: pageSequential,
      };
      results.sequential = sequentialResults;
      rows.push({
        what: "GET /api/search, one at a time, all queries",
        measured: `p50 ${ms(apiSequential.p50)} p95 ${ms(apiSequential.p95)} (${plus(apiSequential.p50 - rawAll.p50)} over raw Meilisearch at p50)`,
        goal: "—",
        met: undefined,
      });
      rows.push({
        what: "GET /search HTML, one at a time, all queries",
        measured: `p50 ${ms(pageSequential.p50)} p95 ${ms(pageSequential.p95)} (${times(pageSequential.p50, apiSequential.p50)} /api/search)`,
        goal: "—",
        met: undefined,
      });

      const hsdsStatus = (await fetch(`${server.base}${HSDS_PATH}`)).status;
      if (hsdsStatus !== 404) {
        const hsdsSequential = percentiles(
          allSamples(
            await timeEach(HSDS_QUERIES, Math.max(1, Math.round(ROUNDS / 2)), (params) =>
              timeGet(`${server.base}/api/hsds/services?${params}`),
            ),
          ),
        );
        sequentialResults.hsdsServices = hsdsSequential;
        rows.push({
          what: "GET /api/hsds/services, 50 a page, one at a time (first page, page 1000, search)",
          measured: `p50 ${ms(hsdsSequential.p50)} p95 ${ms(hsdsSequential.p95)} (${times(hsdsSequential.p95, apiSequential.p95)} /api/search at p95)`,
          goal: "within a small factor (≤ 3×) of /api/search at p95",
          met: hsdsSequential.p95 <= 3 * apiSequential.p95,
        });
      }
      const loads: Record<string, LoadResult | "n/a"> = {};
      const loadOf = (label: string, paths: string[]) =>
        loadTest(server, paths, { connections: CONNECTIONS, seconds: DURATION }).then((load) => {
          loads[label] = load;
          log(
            `load ${label}: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${ms(load.latency.p50)} p95 ${ms(load.latency.p95)}, ${load.errors + load.non2xx} errors, ${load.cpuMsPerRequest.toFixed(1)} ms CPU/request`,
          );
          return load;
        });
      for (let i = 0; i < 20; i++) await timeGet(`${server.base}/`); // warm the home page
      const home = await loadOf("/", ["/"]);
      const page = await loadOf(
        "/search",
        LOAD_QUERIES.map((q) => `/search${q ? `?${q}` : ""}`),
      );
      const api = await loadOf(
        "/api/search",
        LOAD_QUERIES.map((q) => `/api/search${q ? `?${q}` : ""}`),
      );
      const hsds = hsdsStatus === 404 ? "n/a" : await loadOf(HSDS_PATH, [HSDS_PATH]);
      if (hsds === "n/a") loads[HSDS_PATH] = "n/a";
      results.load = loads;
      const describeLoad = (load: LoadResult) =>
        `${load.requestsPerSecond.toFixed(0)} req/s, p95 ${ms(load.latency.p95)}, ${load.errors + load.non2xx} errors; ${load.cpuMsPerRequest.toFixed(1)} ms CPU/request`;
      const loadMet = (load: LoadResult, rps: number, p95?: number) =>
        load.requestsPerSecond >= rps &&
        load.errors + load.non2xx === 0 &&
        (p95 === undefined || load.latency.p95 <= p95);
      rows.push({
        what: `\`/search\` HTML under load, ${CONNECTIONS} connections`,
        measured: describeLoad(page),
        goal: "≥ 300 req/s at p95 ≤ 100 ms, 0 errors",
        met: loadMet(page, 300, 100),
      });
      rows.push({
        what: `\`/\` HTML under load, ${CONNECTIONS} connections`,
        measured: `${describeLoad(home)} (${times(home.requestsPerSecond, page.requestsPerSecond)} /search)`,
        goal: "≥ 500 req/s",
        met: loadMet(home, 500),
      });
      rows.push({
        what: `\`/api/search\` under load, ${CONNECTIONS} connections`,
        measured: `${describeLoad(api)} (${times(api.requestsPerSecond, page.requestsPerSecond)} /search)`,
        goal: "—",
        met: undefined,
      });
      rows.push({
        what: `\`${HSDS_PATH}\` under load`,
        measured: hsds === "n/a" ? "n/a (the route is not in this build)" : describeLoad(hsds),
        goal: "—",
        met: undefined,
      });

      const homeWeight = await pageWeight(server, root, "/");
      const searchWeight = await pageWeight(server, root, "/search");
      results.pages = { home: homeWeight, search: searchWeight };
      rows.push({
        what: "critical JS gz, `/` and `/search`",
        measured: `${kib(homeWeight.criticalJsGzipBytes)} and ${kib(searchWeight.criticalJsGzipBytes)} (${homeWeight.scripts.length} and ${searchWeight.scripts.length} files; translations ${kib(homeWeight.translationsGzipBytes)} and ${kib(searchWeight.translationsGzipBytes)} of it)`,
        goal: "≤ 100 KiB on both",
        met:
          Math.max(homeWeight.criticalJsGzipBytes, searchWeight.criticalJsGzipBytes) <= 100 * 1024,
      });
      rows.push({
        what: "HTML of `/search` (first page, no query)",
        measured: `${kb(searchWeight.htmlBytes)} raw, ${kb(searchWeight.loaderDataBytes)} of it loader data`,
        goal: "half of 114 kB: ≤ 57 kB",
        met: searchWeight.htmlBytes <= 57_000,
      });
    } finally {
      await server.stop();
    }
  } finally {
    await connection.close();
    await services.stop();
  }

  const loadAverageAtEnd = loadAverage();
  results.loadAverageAtEnd = loadAverageAtEnd;
  results.rows = rows;
  printTable(rows, SERVICES, machine, loadAverageAtEnd);
  const outputDir = path.join(root, "bench/results");
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(
    path.join(outputDir, "latest.json"),
    `${JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2)}\n`,
  );
  log(`\nwritten: bench/results/latest.json`);
}

function printTable(
  rows: Row[],
  services: number,
  machine: { cpus: number; cpuModel: string; loadAverageAtStart: string },
  loadAverageAtEnd: string,
): void {
  log(
    `\n${services.toLocaleString("en-US")} services; ${machine.cpus} CPUs (${machine.cpuModel}); ` +
      `load average ${machine.loadAverageAtStart} at start, ${loadAverageAtEnd} at end\n`,
  );
  log("| what | measured | goal | met? |\n|---|---|---|---|");
  for (const row of rows)
    log(
      `| ${row.what} | ${row.measured} | ${row.goal} | ${row.met === undefined ? "" : row.met ? "yes" : "no"} |`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
