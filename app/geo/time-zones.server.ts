import tzLookup from "@photostructure/tz-lookup";

/**
 * The time zone a place keeps its hours in (IANA name), found offline: from its coordinates
 * when it has them (El Paso keeps Mountain time although Texas is mostly Central), else the
 * zone most of its state keeps. Null when neither is known: the coalition's zone applies.
 * Given as the representative zone that keeps the same clock (Louisville → New York), so
 * "open now" needs one filter per clock, not one per town (see openNowZones).
 */
export function timeZoneOfPlace(place: {
  latitude: number | null;
  longitude: number | null;
  state: string | null;
}): string | null {
  if (place.latitude !== null && place.longitude !== null) {
    try {
      return representativeOf(tzLookup(place.latitude, place.longitude));
    } catch {
      // Out of range: fall through to the state.
    }
  }
  const zone = place.state ? STATE_TIME_ZONES[place.state.toUpperCase()] : undefined;
  return zone ? representativeOf(zone) : null;
}

/** One zone for each clock kept in the United States and its territories. */
export const REPRESENTATIVE_TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "America/Adak",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
  "Pacific/Guam",
  "Pacific/Pago_Pago",
] as const;

/** The zones a location's hours can be kept in: the representatives and the coalition's. */
export function openNowZones(coalitionZone: string): string[] {
  return [...new Set<string>([...REPRESENTATIVE_TIME_ZONES, coalitionZone])];
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
function offsetAt(zone: string, instant: Date): string {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    offsetFormats.set(zone, format);
  }
  return format.formatToParts(instant).find((part) => part.type === "timeZoneName")!.value;
}

/** Instants across a year and a half: zones that agree on all of them keep the same clock. */
function probes(): Date[] {
  const year = new Date().getUTCFullYear();
  return [0, 2, 3, 5, 7, 10, 11, 12, 14].map((month) => new Date(Date.UTC(year, month, 10, 12)));
}

const representatives = new Map<string, string>();
function representativeOf(zone: string): string {
  let found = representatives.get(zone);
  if (!found) {
    const instants = probes();
    const clock = instants.map((instant) => offsetAt(zone, instant)).join();
    found =
      REPRESENTATIVE_TIME_ZONES.find(
        (candidate) => instants.map((instant) => offsetAt(candidate, instant)).join() === clock,
      ) ?? zone;
    representatives.set(zone, found);
  }
  return found;
}

/** The zone most of each state and territory keeps (USPS codes). */
const STATE_TIME_ZONES: Record<string, string> = {
  AL: "America/Chicago",
  AK: "America/Anchorage",
  AZ: "America/Phoenix",
  AR: "America/Chicago",
  CA: "America/Los_Angeles",
  CO: "America/Denver",
  CT: "America/New_York",
  DE: "America/New_York",
  DC: "America/New_York",
  FL: "America/New_York",
  GA: "America/New_York",
  HI: "Pacific/Honolulu",
  ID: "America/Boise",
  IL: "America/Chicago",
  IN: "America/Indiana/Indianapolis",
  IA: "America/Chicago",
  KS: "America/Chicago",
  KY: "America/New_York",
  LA: "America/Chicago",
  ME: "America/New_York",
  MD: "America/New_York",
  MA: "America/New_York",
  MI: "America/Detroit",
  MN: "America/Chicago",
  MS: "America/Chicago",
  MO: "America/Chicago",
  MT: "America/Denver",
  NE: "America/Chicago",
  NV: "America/Los_Angeles",
  NH: "America/New_York",
  NJ: "America/New_York",
  NM: "America/Denver",
  NY: "America/New_York",
  NC: "America/New_York",
  ND: "America/Chicago",
  OH: "America/New_York",
  OK: "America/Chicago",
  OR: "America/Los_Angeles",
  PA: "America/New_York",
  RI: "America/New_York",
  SC: "America/New_York",
  SD: "America/Chicago",
  TN: "America/Chicago",
  TX: "America/Chicago",
  UT: "America/Denver",
  VT: "America/New_York",
  VA: "America/New_York",
  WA: "America/Los_Angeles",
  WV: "America/New_York",
  WI: "America/Chicago",
  WY: "America/Denver",
  PR: "America/Puerto_Rico",
  VI: "America/St_Thomas",
  GU: "Pacific/Guam",
  MP: "Pacific/Saipan",
  AS: "Pacific/Pago_Pago",
};
