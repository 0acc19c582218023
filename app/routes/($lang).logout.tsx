import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { signOut } from "~/accounts/login.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { detectLocale } from "~/i18n/i18n.server";
import { localePath } from "~/i18n/locales";
import { readForm } from "~/http/form.server";

/** Signing out changes state, so only a POST does it; a GET (a link, a prefetch) just goes home. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  throw redirect(localePath(await detectLocale(request, params.lang), "/"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request); // checks same origin; a sign-out form carries no fields
  const setCookie = await signOut(db(), request);
  const locale = await detectLocale(request, params.lang);
  return redirectWithFlash(
    localePath(locale, "/"),
    { kind: "success", message: "accounts:flash.signedOut" },
    { headers: { "Set-Cookie": setCookie } },
  );
}
