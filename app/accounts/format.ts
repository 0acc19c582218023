import { LOCALES, type Locale } from "~/i18n/locales";

/** Dates shown to staff and editors, in New York time on server and browser alike. */
export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALES[locale].intl, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "America/New_York",
  }).format(new Date(iso));
}
