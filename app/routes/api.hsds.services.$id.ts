import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { hsdsServiceById } from "~/hsds/api.server";
import { hsdsEndpoint } from "~/hsds/http.server";

/** GET /api/hsds/services/{id} (HSDS 3.0 read API, see app/hsds/api.server.ts). */
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  hsdsEndpoint(() => hsdsServiceById(db(), request, params.id));
