import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { hsdsOrganizationById } from "~/hsds/api.server";
import { hsdsEndpoint } from "~/hsds/http.server";

/** GET /api/hsds/organizations/{id} (HSDS 3.0 read API, see app/hsds/api.server.ts). */
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  hsdsEndpoint(() => hsdsOrganizationById(db(), request, params.id));
