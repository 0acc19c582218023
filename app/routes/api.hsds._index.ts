import type { LoaderFunctionArgs } from "@remix-run/node";
import { HSDS_INFO } from "~/hsds/api.server";
import { hsdsEndpoint, hsdsJson, parseQuery } from "~/hsds/http.server";

/** GET /api/hsds: which HSDS version this API speaks (Open Referral HSDS 3.0). */
export const loader = ({ request }: LoaderFunctionArgs) =>
  hsdsEndpoint(async () => {
    parseQuery(new URL(request.url), {});
    return hsdsJson(request, HSDS_INFO);
  });
