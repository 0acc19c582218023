import type { LoaderFunctionArgs } from "@remix-run/node";
import { isCoalitionStaff } from "~/accounts/permissions";
import { getActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { requestLocale } from "~/referrals/http.server";
import { searchReferableServices } from "~/referrals/referable-search.server";
import { PRIVATE_NO_STORE } from "~/security/cache-control";

/**
 * GET /staff/referrals/services?q=asilo&exclude=<service id>: the type-ahead of "Refer to
 * another service", for coalition staff only. JSON: { query, services, busy }.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const headers = { "Cache-Control": PRIVATE_NO_STORE };
  if (!actor || !isCoalitionStaff(actor)) {
    const status = actor ? 403 : 401;
    return Response.json(
      { error: actor ? "forbidden" : "sign_in", message: "Coalition staff only.", parameters: [] },
      { status, headers },
    );
  }
  const url = new URL(request.url);
  const result = await searchReferableServices(db(), {
    text: url.searchParams.get("q") ?? "",
    locale: await requestLocale(request, params.lang),
    excludeServiceId: url.searchParams.get("exclude") ?? undefined,
  });
  return Response.json(result, { headers });
}
