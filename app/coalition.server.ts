import { DEFAULT_COALITION, type CoalitionSettings } from "~/coalition";
import type { Database } from "~/db.server";
import { config } from "~/config.server";
import { calendarDayIn, daysBefore } from "~/directory/dates";
import { directoryMapCenter } from "~/geo/map-center.server";

/** The coalition settings of this deployment (COALITION_* environment variables). */
export function coalition(): CoalitionSettings {
  const settings = config();
  return {
    timeZone: settings.COALITION_TIME_ZONE,
    staleAfterDays: settings.COALITION_STALE_DAYS,
    mapCenter: settings.COALITION_MAP_CENTER ?? DEFAULT_COALITION.mapCenter,
    hotlines: settings.COALITION_HOTLINES,
  };
}

/**
 * The settings the pages get: maps open where COALITION_MAP_CENTER says, else on the
 * directory's own locations (a coalition in Texas sees Texas without configuring anything).
 */
export async function coalitionForPages(db: Database): Promise<CoalitionSettings> {
  const settings = coalition();
  if (config().COALITION_MAP_CENTER) return settings;
  const center = await directoryMapCenter(db);
  return center ? { ...settings, mapCenter: center } : settings;
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
