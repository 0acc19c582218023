import type { CoalitionSettings } from "~/coalition";
import { config } from "~/config.server";
import { calendarDayIn, daysBefore } from "~/directory/dates";

/** The coalition settings of this deployment (COALITION_* environment variables). */
export function coalition(): CoalitionSettings {
  const settings = config();
  return {
    timeZone: settings.COALITION_TIME_ZONE,
    staleAfterDays: settings.COALITION_STALE_DAYS,
    mapCenter: settings.COALITION_MAP_CENTER,
    hotlines: settings.COALITION_HOTLINES,
  };
}

/** Today's date ("YYYY-MM-DD") and ISO weekday in the coalition's time zone. */
export function coalitionToday(now: Date = new Date()): { isoDate: string; weekday: number } {
  return calendarDayIn(coalition().timeZone, now);
}

/**
 * Whether a listing last confirmed on `assuredDate` is "not confirmed recently": never
 * confirmed, or confirmed `staleAfterDays` or more calendar days ago in the coalition's zone.
 * The one rule for search results, organization pages, dashboards and reminders.
 */
export function isListingStale(assuredDate: string | null, now: Date = new Date()): boolean {
  if (!assuredDate) return true;
  return assuredDate <= daysBefore(coalitionToday(now).isoDate, coalition().staleAfterDays);
}
