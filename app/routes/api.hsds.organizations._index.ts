import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { hsdsOrganizationsPage } from "~/hsds/api.server";
import { hsdsEndpoint } from "~/hsds/http.server";

/** GET /api/hsds/organizations (HSDS 3.0 read API, see app/hsds/api.server.ts). */
export const loader = ({ request }: LoaderFunctionArgs) =>
  hsdsEndpoint(() => hsdsOrganizationsPage(db(), request));
