import type { LoaderFunctionArgs } from "@remix-run/node";
import { hsdsTaxonomiesPage } from "~/hsds/api.server";
import { hsdsEndpoint } from "~/hsds/http.server";

/** GET /api/hsds/taxonomies (HSDS 3.0 read API, see app/hsds/api.server.ts). */
export const loader = ({ request }: LoaderFunctionArgs) =>
  hsdsEndpoint(async () => hsdsTaxonomiesPage(request));
