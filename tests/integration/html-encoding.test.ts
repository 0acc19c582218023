import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, services } from "#db/schema";
import { ensureSearchRows } from "~/search/reindex.server";
import { seedIfEmpty } from "~/seed.server";
import { SUPPORTED_LOCALES } from "~/i18n/locales";
import { useTestEnvironment } from "../support/environment";
import { useHttpApp } from "../support/http-app";

const env = useTestEnvironment();
const app = useHttpApp();
let busiestOrganization = "";

beforeAll(async () => {
  // No search index for this file: searches are answered by the PostgreSQL fallback, with
  // the same long pages, and the shared Meilisearch of the test run is left to other files.
  await seedIfEmpty(env().db, { demoData: true });
  // The fallback's rows (search_documents), which a start writes.
  await ensureSearchRows(env().db);
  const [row] = await env()
    .db.select({ slug: organizations.slug, services: count(services.id) })
    .from(organizations)
    .innerJoin(services, eq(services.organizationId, organizations.id))
    .groupBy(organizations.slug)
    .orderBy(desc(count(services.id)))
    .limit(1);
  busiestOrganization = row!.slug;
}, 180_000);

const BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/**
 * React 18.3's Node renderer sent its whole 2,048-byte buffer, zeros included, when a
 * multi-byte character did not fit at its end (react issue 31134): NUL bytes in pages in
 * Chinese, Russian, Bengali, Arabic... Every long page, in every language, must be exactly
 * the UTF-8 React rendered.
 */
describe("HTML in every language", () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`has no NUL byte and is valid UTF-8 in ${locale}`, async () => {
      const pages: Array<[string, Record<string, string>]> = [
        [`/${locale}`, {}],
        [`/${locale}`, { "User-Agent": BOT }],
        [`/${locale}/search`, {}],
        [`/${locale}/search?q=asylum&near=11368`, {}],
        [`/${locale}/search?near=10001&page=2`, { "User-Agent": BOT }],
        [`/${locale}/orgs/${busiestOrganization}`, {}],
        [`/${locale}/help`, {}],
      ];
      const problems: string[] = [];
      let bytes = 0;
      for (const [path, headers] of pages) {
        const response = await fetch(`${app().base}${path}`, { headers });
        expect(response.status, path).toBe(200);
        const body = new Uint8Array(await response.arrayBuffer());
        bytes += body.length;
        const nuls = body.filter((byte) => byte === 0).length;
        if (nuls > 0) problems.push(`${path}: ${nuls} NUL bytes`);
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(body);
        } catch {
          problems.push(`${path}: not valid UTF-8`);
        }
      }
      expect(problems).toEqual([]);
      // Long pages: several of React's 2,048-byte buffers each.
      expect(bytes).toBeGreaterThan(pages.length * 8 * 1024);
    }, 120_000);
  }
});

/**
 * The search page sends its results once, the organization page its services (issue 14): as
 * HTML on a document request, as data on a client-side navigation (`….data`), never both.
 */
describe("the results of a search page, the services of an organization", () => {
  const descriptionsIn = (text: string, descriptions: string[]) =>
    descriptions.filter((description) => text.includes(description.slice(0, 40)));
  const unescaped = (html: string) =>
    html.replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

  it("are in the page's markup only, and in a navigation's data", async () => {
    const html = await (await fetch(`${app().base}/en/search?q=asylum`)).text();
    const names = [...html.matchAll(/class="result__title"><a[^>]*><bdi>([^<]+)<\/bdi>/g)].map(
      (match) => match[1]!,
    );
    expect(names.length).toBeGreaterThan(5);
    const descriptions = [
      ...html.matchAll(/class="result__description screen-only"><bdi lang="\w+">([^<]+)</g),
    ].map((match) => unescaped(match[1]!));
    expect(descriptions.length).toBeGreaterThan(5);

    const loaderData = html.slice(html.indexOf("window.__remixContext"));
    expect(descriptionsIn(loaderData, descriptions)).toEqual([]);

    const data = await (await fetch(`${app().base}/en/search.data?q=asylum`)).text();
    expect(descriptionsIn(data, descriptions)).toEqual(descriptions);
  }, 60_000);

  it("are in the organization page's markup only, and in a navigation's data", async () => {
    const path = `/en/orgs/${busiestOrganization}`;
    const html = await (await fetch(`${app().base}${path}`)).text();
    const services = [
      ...html.matchAll(
        /<section id="service-[^"]+" class="service"[^>]*><h3[^>]*><bdi[^>]*>([^<]+)</g,
      ),
    ].map((match) => unescaped(match[1]!));
    expect(services.length).toBeGreaterThan(1);
    const descriptions = [...html.matchAll(/<section id="service-.*?<\/section>/gs)].flatMap(
      (section) =>
        [...section[0].matchAll(/<p[^>]*>([^<]{60,})</g)].map((match) => unescaped(match[1]!)),
    );
    expect(descriptions.length).toBeGreaterThan(0);

    const loaderData = html.slice(html.indexOf("window.__remixContext"));
    expect(descriptionsIn(loaderData, descriptions)).toEqual([]);
    const data = await (await fetch(`${app().base}${path}.data`)).text();
    expect(descriptionsIn(data, descriptions)).toEqual(descriptions);
  }, 60_000);
});
