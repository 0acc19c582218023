/*
 * The facts about the coalition that runs this Puente: its time zone, when a listing counts
 * as not confirmed recently, where the maps open, which hotlines to show. Read from the
 * environment by app/coalition.server.ts (COALITION_* variables, see README "Configuration");
 * the root loader hands them to the browser, where useCoalition() (app/use-coalition.ts) reads
 * them. Nothing else
 * names a time zone, a number of days, a map centre or a hotline.
 */

export interface MapCenter {
  lat: number;
  lng: number;
  zoom: number;
}

/**
 * A hotline shown on "Get help now", with zero results and on referral slips. A hotline whose
 * `id` has texts in `common:hotlines.<id>` is named in every interface language; one configured
 * with `name`/`description` (by language, "en" required) shows those, in English as fallback.
 */
export interface Hotline {
  id: string;
  /** As printed: "1-800-566-7636". */
  phone: string;
  /** For the tel: link: "+18005667636". */
  tel: string;
  name?: Record<string, string>;
  description?: Record<string, string>;
}

export interface CoalitionSettings {
  /** IANA time zone of "today", "open now", and of the dates and times shown. */
  timeZone: string;
  /** A listing not confirmed by a person for this many days is "not confirmed recently". */
  staleAfterDays: number;
  mapCenter: MapCenter;
  hotlines: Hotline[];
}

/** The New York coalition Puente was built for: the defaults of every COALITION_* variable. */
export const DEFAULT_COALITION: CoalitionSettings = {
  timeZone: "America/New_York",
  staleAfterDays: 180,
  mapCenter: { lat: 40.7128, lng: -74.006, zoom: 10 },
  hotlines: [
    { id: "emergency", phone: "911", tel: "911" },
    { id: "newAmericans", phone: "1-800-566-7636", tel: "+18005667636" },
    { id: "actionNyc", phone: "1-800-354-0365", tel: "+18003540365" },
    { id: "domesticViolence", phone: "1-800-799-7233", tel: "+18007997233" },
    { id: "trafficking", phone: "1-888-373-7888", tel: "+18883737888" },
  ],
};
