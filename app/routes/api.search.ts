import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { jsonError } from "~/http/responses.server";
import { resolvePlace } from "~/geo/places.server";
import { detectLocale } from "~/i18n/i18n.server";
import { parseSearchParams } from "~/search/params";
import { SearchBusyError } from "~/search/fallback-gate.server";
import { searchServices } from "~/search/search.server";
import { PRIVATE_NO_STORE } from "~/security/cache-control";

/**
 * GET /api/search: the search page's parameters, as JSON. Unusable values are left out and
 * listed in `ignored` (as on the page), except a page or radius that is not a number at all:
 * a program sent that, and it gets a 400 that says which parameter. `locale` (optional)
 * chooses the language of names and descriptions and of query matching.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await detectLocale(request, url.searchParams.get("locale") ?? undefined);
  const { query, ignored } = parseSearchParams(url.searchParams, {
    locale,
    resolvePlace,
    allowParameters: ["locale"],
  });

  const invalid = ignored.filter(
    (item) =>
      (item.parameter === "page" || item.parameter === "radius") &&
      item.reason === "invalid_number",
  );
  if (invalid.length > 0) {
    return jsonError(
      400,
      "invalid_parameters",
      invalid.map((item) => `"${item.parameter}" must be a number`).join("; "),
      invalid,
    );
  }

  let result;
  try {
    result = await searchServices(db(), query);
  } catch (error) {
    if (!(error instanceof SearchBusyError)) throw error;
    const busy = jsonError(503, "search_busy", "Search is busy; try again in a few seconds.");
    busy.headers.set("Retry-After", "5");
    return busy;
  }
  return Response.json(
    {
      hits: result.hits,
      facets: result.facets,
      total: result.total,
      page: result.page,
      pageSize: result.pageSize,
      totalPages: result.totalPages,
      engine: result.engine,
      ignored,
    },
    // Searches are nobody else's business: not stored by shared caches, not logged.
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}
