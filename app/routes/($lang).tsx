import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { isLocale } from "~/i18n/locales";

/** Pathless for known languages: `/es/search` and `/search` render the same routes. */
export function loader({ params }: LoaderFunctionArgs) {
  if (params.lang !== undefined && !isLocale(params.lang)) {
    throw new Response("Not found", { status: 404 });
  }
  return null;
}

export default function LocaleLayout() {
  return <Outlet />;
}
