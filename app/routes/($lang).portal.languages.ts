import type { LoaderFunctionArgs } from "@remix-run/node";
import { getActor } from "~/accounts/sessions.server";
import { languageSuggestions } from "~/directory/language-fields.server";
import { PRIVATE_NO_STORE } from "~/security/cache-control";

/**
 * GET /portal/languages?q=mam: the language picker's type-ahead (names in the editor's
 * language, matched by their names in English, their own and Puente's languages), for
 * signed-in editors and staff only. JSON: { suggestions: [{ code, name, matched? }] }.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!(await getActor(request))) {
    return Response.json(
      { error: "sign_in", message: "Sign in to use this.", parameters: [] },
      { status: 401, headers: { "Cache-Control": PRIVATE_NO_STORE } },
    );
  }
  const query = new URL(request.url).searchParams.get("q") ?? "";
  const suggestions = await languageSuggestions(request, params, query);
  return Response.json({ suggestions }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}
