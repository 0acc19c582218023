import type { LoaderFunctionArgs } from "@remix-run/node";
import { hsdsTaxonomyById } from "~/hsds/api.server";
import { hsdsEndpoint } from "~/hsds/http.server";

/** GET /api/hsds/taxonomies/{id} (HSDS 3.0 read API, see app/hsds/api.server.ts). */
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  hsdsEndpoint(async () => hsdsTaxonomyById(request, params.id));
