import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { hsdsTaxonomyTermsPage } from "~/hsds/api.server";
import { hsdsEndpoint } from "~/hsds/http.server";

/** GET /api/hsds/taxonomy_terms (HSDS 3.0 read API, see app/hsds/api.server.ts). */
export const loader = ({ request }: LoaderFunctionArgs) =>
  hsdsEndpoint(() => hsdsTaxonomyTermsPage(db(), request));
