/*
 * Calendar arithmetic on ISO days ("YYYY-MM-DD"), with no time zone of its own: the
 * coalition's zone comes from app/coalition.server.ts (coalitionToday). Client-safe.
 */

/** At most one freshness reminder per organization in this many days. */
export const REMINDER_INTERVAL_DAYS = 30;

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day and ISO weekday (1 = Monday) of `now` in `timeZone`. */
export function calendarDayIn(timeZone: string, now: Date): { isoDate: string; weekday: number } {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    isoDate: `${part("year")}-${part("month")}-${part("day")}`,
    weekday: WEEKDAYS.indexOf(part("weekday")) + 1,
  };
}

/** The ISO day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The ISO day `days` before `day`. */
export function daysBefore(day: string, days: number): string {
  return addDays(day, -days);
}

/** Whole days from `from` to `to`, both ISO days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
