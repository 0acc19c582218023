/**
 * Locale-aware formatting with Intl, used by loaders so that the server renders the final
 * strings: the browser's ICU data may differ from Node's, and a different "9:00 AM" on the
 * client would break hydration. `intl` is a BCP-47 tag (LOCALES[locale].intl).
 */

export interface DayHours {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  opensAt: string; // "09:00"
  closesAt: string;
}

/**
 * Intl formatters are slow to make (a quarter of the CPU of a search page went into making
 * them) and immutable once made: each one is made once per process, per locale and options.
 */
const formatters = new Map<string, unknown>();
function formatter<T>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (made === undefined) formatters.set(key, (made = make()));
  return made;
}

export function formatMiles(miles: number, intl: string): string {
  const fractionDigits = miles < 10 ? 1 : 0;
  return formatter(
    `miles:${intl}:${fractionDigits}`,
    () =>
      new Intl.NumberFormat(intl, {
        style: "unit",
        unit: "mile",
        unitDisplay: "short",
        maximumFractionDigits: fractionDigits,
      }),
  ).format(miles);
}

/** A calendar date stored as YYYY-MM-DD, shown as e.g. "May 1, 2025" / "1 de mayo de 2025". */
export function formatDate(isoDate: string, intl: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return formatter(
    `date:${intl}`,
    () => new Intl.DateTimeFormat(intl, { dateStyle: "long", timeZone: "UTC" }),
  ).format(date);
}

function clock(time: string): Date {
  const [hours = "0", minutes = "0"] = time.split(":");
  return new Date(Date.UTC(2024, 0, 1, Number(hours), Number(minutes)));
}

function timeFormat(intl: string): Intl.DateTimeFormat {
  return formatter(
    `time:${intl}`,
    () => new Intl.DateTimeFormat(intl, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }),
  );
}

/** "9:00 AM – 5:00 PM" in the visitor's conventions. */
export function formatTimeRange(opensAt: string, closesAt: string, intl: string): string {
  // formatRange is slow (ICU), and a directory has few distinct opening hours: each range is
  // formatted once per locale. Bounded, in case hours ever come from somewhere unbounded.
  const key = `${intl}|${opensAt}|${closesAt}`;
  let text = timeRanges.get(key);
  if (text === undefined) {
    text = timeFormat(intl).formatRange(clock(opensAt), clock(closesAt));
    if (timeRanges.size >= 20_000) timeRanges.clear();
    timeRanges.set(key, text);
  }
  return text;
}
const timeRanges = new Map<string, string>();

/** ISO weekday (1 = Monday) as "Mon" / "lun". 2024-01-01 was a Monday. */
export function weekdayName(weekday: number, intl: string, width: "short" | "long" = "short") {
  return formatter(
    `weekday:${intl}:${width}`,
    () => new Intl.DateTimeFormat(intl, { weekday: width, timeZone: "UTC" }),
  ).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** The opening hours of one day, e.g. "9:00 AM – 1:00 PM, 2:00 PM – 5:00 PM"; null if closed. */
export function hoursOn(hours: readonly DayHours[], weekday: number, intl: string): string | null {
  const ranges = hours
    .filter((row) => row.weekday === weekday)
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
    .map((row) => formatTimeRange(row.opensAt, row.closesAt, intl));
  return ranges.length
    ? formatter(`list:${intl}`, () => new Intl.ListFormat(intl, { type: "unit" })).format(ranges)
    : null;
}

/** The week in a few lines: consecutive days with the same hours are grouped ("Mon – Fri"). */
export function weeklyHours(
  hours: readonly DayHours[],
  intl: string,
): { days: string; hours: string }[] {
  const lines: { from: number; to: number; hours: string }[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const today = hoursOn(hours, weekday, intl);
    if (!today) continue;
    const last = lines.at(-1);
    if (last && last.to === weekday - 1 && last.hours === today) last.to = weekday;
    else lines.push({ from: weekday, to: weekday, hours: today });
  }
  return lines.map((line) => ({
    days:
      line.from === line.to
        ? weekdayName(line.from, intl)
        : `${weekdayName(line.from, intl)} – ${weekdayName(line.to, intl)}`,
    hours: line.hours,
  }));
}

/** Language names live in language-names.ts (CLDR, then ISO 639-3): kept here for old imports. */
export { languageNames } from "./language-names";

/**
 * The name of a time zone in the visitor's language ("Central Time", "hora central"), said
 * beside hours kept in another zone than the coalition's.
 */
export function timeZoneName(timeZone: string, intl: string): string {
  return formatter(`zone:${intl}:${timeZone}`, () => {
    const parts = new Intl.DateTimeFormat(intl, {
      timeZone,
      timeZoneName: "longGeneric",
    }).formatToParts(new Date(Date.UTC(2026, 0, 15)));
    return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  });
}

/** Hours kept in another zone than the coalition's, with that zone's name: "9 AM – 5 PM (Central Time)". */
export function inZone(hours: string, zoneName: string | null): string {
  return zoneName ? `${hours} (${zoneName})` : hours;
}
