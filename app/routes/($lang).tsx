import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
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

/**
 * Errors of every page below are shown here, inside the root's chrome. Being below the root
 * matters: when Remix answers by itself (405 for a method a page does not take), it still
 * runs the loaders above the boundary, so the root's language and translations are there.
 */
export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
