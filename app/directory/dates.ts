/**
 * Dates of the directory ("last confirmed on") are calendar days in New York, where the
 * coalition works, whatever the server's time zone.
 */
export const DIRECTORY_TIME_ZONE = "America/New_York";

/** Listings not confirmed by a person for this many days are "not confirmed recently". */
export const STALE_AFTER_DAYS = 180;

/** At most one freshness reminder per organization in this many days. */
export const REMINDER_INTERVAL_DAYS = 30;

const isoDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: DIRECTORY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** "YYYY-MM-DD" of `now` in New York. */
export function todayInDirectoryZone(now: Date): string {
  return isoDay.format(now);
}

/** The ISO day `days` before `day` (calendar arithmetic, no time zone involved). */
export function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, both ISO days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function isStale(assuredDate: string | null, today: string): boolean {
  return assuredDate === null || assuredDate <= daysBefore(today, STALE_AFTER_DAYS);
}
