import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { hsdsTaxonomyTermById } from "~/hsds/api.server";
import { hsdsEndpoint } from "~/hsds/http.server";

/** GET /api/hsds/taxonomy_terms/{id} (HSDS 3.0 read API, see app/hsds/api.server.ts). */
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  hsdsEndpoint(() => hsdsTaxonomyTermById(db(), request, params.id));
