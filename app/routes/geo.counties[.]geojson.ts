import type { LoaderFunctionArgs } from "@remix-run/node";
import { countyOutlines } from "~/geo/counties.server";

/**
 * The coalition's county outlines as GeoJSON (properties `fips`, `name`): the map's offline
 * basemap when tiles cannot load. Built once per process from a packaged boundary file; the
 * bytes only change with a deployment, so browsers and proxies may keep them for a week.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const { body, etag } = countyOutlines();
  const headers = {
    "Content-Type": "application/geo+json; charset=utf-8",
    "Cache-Control": "public, max-age=604800, stale-while-revalidate=86400",
    ETag: etag,
  };
  if (request.headers.get("If-None-Match") === etag) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { headers });
}
