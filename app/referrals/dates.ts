/** Date helpers for referral pages and forms. Client-safe. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A date for people: "March 3, 2025" / "3 de marzo de 2025". */
export function formatDate(intlLocale: string, isoDate: string): string {
  return new Intl.DateTimeFormat(intlLocale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );
}

/** An instant for people, in the coalition's time zone. */
export function formatDateTime(intlLocale: string, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
}
