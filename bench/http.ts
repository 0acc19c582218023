import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { percentiles, type Percentiles } from "./measure";
import { namespacesOf, isNamespaceGroup } from "~/i18n/locales";

export interface AppServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The built app (`server/main.ts`, production mode) on a free loopback port. */
export async function startAppServer(
  root: string,
  env: { DATABASE_URL: string; MEILI_HOST: string; MEILI_MASTER_KEY: string },
): Promise<AppServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      NODE_ENV: "production",
      SEED_DEMO_DATA: "false",
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready in")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the app exited (${code}):\n${output}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** CPU time (user + system) a process has used, in ms (Linux: /proc, 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface LoadResult {
  paths: string[];
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latency: Percentiles;
  errors: number;
  non2xx: number;
  cpuMsPerRequest: number;
}

/**
 * Load with autocannon on loopback: `connections` concurrent connections for `seconds`, cycling
 * through `paths`, asking for compressed responses as a browser does. Latency percentiles
 * from every response; the app's CPU time per request from /proc.
 */
export async function loadTest(
  server: AppServer,
  paths: string[],
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const samples: number[] = [];
  const cpuBefore = cpuMs(server.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.base,
        connections: options.connections,
        duration: options.seconds,
        timeout: 10,
        headers: { "accept-encoding": "br, gzip", "accept-language": "en" },
        requests: paths.map((requestPath) => ({ method: "GET" as const, path: requestPath })),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      samples.push(responseTime);
    });
  });
  const cpu = cpuMs(server.pid) - cpuBefore;
  const requests = result.requests.total;
  return {
    paths,
    connections: options.connections,
    seconds: options.seconds,
    requests,
    requestsPerSecond: requests / options.seconds,
    latency: percentiles(samples),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpuMsPerRequest: requests > 0 ? cpu / requests : 0,
  };
}

export interface PageWeight {
  path: string;
  /** The JavaScript a first visit loads before the page is interactive (modulepreloads and the entry). */
  scripts: string[];
  criticalJsGzipBytes: number;
  /** Of criticalJsGzipBytes: the page's translation chunks, loaded before hydration. */
  translationsGzipBytes: number;
  htmlBytes: number;
  /** Of htmlBytes: the inline scripts that carry loader data to the browser. */
  loaderDataBytes: number;
}

/**
 * What the browser downloads for a page: the HTML, and the JavaScript Remix tells it to load
 * at once (the `modulepreload` links and `import`s it writes from the build's manifest: the
 * entry and the chunks of every matched route). Sizes gzipped from build/client.
 */
export async function pageWeight(server: AppServer, root: string, pagePath: string) {
  const response = await fetch(`${server.base}${pagePath}`, {
    headers: { "accept-encoding": "identity", "accept-language": "en" },
  });
  if (!response.ok) throw new Error(`${pagePath}: HTTP ${response.status}`);
  const html = await response.text();
  const scripts = new Set<string>();
  for (const match of html.matchAll(/(?:href="|import\(?\s*["'])(\/assets\/[^"']+\.js)/g))
    scripts.add(match[1]!);
  // The translation chunks the entry loads before hydrating (app/i18n/bundles.ts): found in
  // the glob map of the built code by the page's language and area.
  const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? "en";
  const declared = /<html[^>]*\sdata-translations="([^"]+)"/.exec(html)?.[1];
  const group = isNamespaceGroup(declared) ? declared : "public";
  const translationScripts = new Set<string>();
  // The member area's map of chunks is itself a chunk, loaded before hydration there.
  if (group === "member") {
    for (const script of [...scripts]) {
      const code = readFileSync(path.join(root, "build/client", script), "utf8");
      const memberMap = /import\("\.\/(member-bundles-[^"]+\.js)"\)/.exec(code)?.[1];
      if (memberMap) translationScripts.add(`/assets/${memberMap}`);
    }
  }
  for (const script of [...scripts, ...translationScripts]) {
    const code = readFileSync(path.join(root, "build/client", script), "utf8");
    for (const namespace of namespacesOf(group)) {
      const chunk = new RegExp(
        `"\\./locales/${lang}/${namespace}\\.json":\\(\\)=>[^;]*?import\\("\\./([^"]+\\.js)"\\)`,
      ).exec(code)?.[1];
      if (chunk) translationScripts.add(`/assets/${chunk}`);
    }
  }
  const gzipOf = (script: string) =>
    gzipSync(readFileSync(path.join(root, "build/client", script))).length;
  let translationsGzipBytes = 0;
  for (const script of translationScripts) translationsGzipBytes += gzipOf(script);
  let criticalJsGzipBytes = translationsGzipBytes;
  for (const script of scripts) criticalJsGzipBytes += gzipOf(script);
  let loaderDataBytes = 0;
  for (const match of html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g))
    if (match[1]!.includes("__remixContext")) loaderDataBytes += Buffer.byteLength(match[0]);
  return {
    path: pagePath,
    scripts: [...scripts, ...translationScripts],
    criticalJsGzipBytes,
    translationsGzipBytes,
    htmlBytes: Buffer.byteLength(html),
    loaderDataBytes,
  } satisfies PageWeight;
}

/** Sequential GETs: latency of one request at a time (no load). */
export async function timeGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { "accept-language": "en" } });
  await response.arrayBuffer();
  if (response.status >= 400) throw new Error(`${url}: HTTP ${response.status}`);
  return performance.now() - started;
}
