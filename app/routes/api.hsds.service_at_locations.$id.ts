import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { hsdsServiceAtLocationById } from "~/hsds/api.server";
import { hsdsEndpoint } from "~/hsds/http.server";

/** GET /api/hsds/service_at_locations/{id} (HSDS 3.0 read API, see app/hsds/api.server.ts). */
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  hsdsEndpoint(() => hsdsServiceAtLocationById(db(), request, params.id));
