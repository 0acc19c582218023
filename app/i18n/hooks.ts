import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, localePath, type Locale } from "./locales";

/** The current interface language; English when the root loader has not run. */
export function useLocale(): Locale {
  return useRouteLoaderData<{ locale: Locale }>("root")?.locale ?? DEFAULT_LOCALE;
}

/** Builds internal hrefs that keep the current language: `href("/search")` → `/es/search`. */
export function useLocalePath(): (path: string) => string {
  const locale = useLocale();
  return (path: string) => localePath(locale, path);
}
