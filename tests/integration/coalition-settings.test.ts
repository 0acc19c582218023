import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_COALITION } from "~/coalition";
import { coalition, coalitionToday, isListingStale } from "~/coalition.server";
import { parseConfig, resetConfigCache } from "~/config.server";
import { addDays } from "~/directory/dates";
import { loader as rootLoader } from "~/root";
import { currentSlot } from "~/search/documents.server";
import { useTestEnvironment } from "../support/environment";
import { callRoute, getRequest } from "../support/routes";

/*
 * Another coalition runs Puente by setting COALITION_* variables, without editing code: the
 * time zone, when a listing is "not confirmed recently", where maps open, which hotlines show.
 */

useTestEnvironment();
const SETTINGS = [
  "COALITION_TIME_ZONE",
  "COALITION_STALE_DAYS",
  "COALITION_MAP_CENTER",
  "COALITION_HOTLINES",
] as const;

function configure(values: Partial<Record<(typeof SETTINGS)[number], string>>) {
  for (const name of SETTINGS) delete process.env[name];
  Object.assign(process.env, values);
  resetConfigCache();
}

afterEach(() => configure({}));

const parse = (values: Record<string, string>) =>
  parseConfig({ NODE_ENV: "test", ...values } as NodeJS.ProcessEnv);

/** 08:00 UTC on Wednesday 25 Nov 2026: 3 am that Wednesday in New York, 10 pm Tuesday in Honolulu. */
const INSTANT = new Date("2026-11-25T08:00:00Z");

describe("coalition settings", () => {
  it("default to the New York coalition", () => {
    const config = parse({});
    expect({
      timeZone: config.COALITION_TIME_ZONE,
      staleAfterDays: config.COALITION_STALE_DAYS,
      mapCenter: config.COALITION_MAP_CENTER ?? DEFAULT_COALITION.mapCenter,
      hotlines: config.COALITION_HOTLINES,
    }).toEqual(DEFAULT_COALITION);
    // Unset, maps open on the directory's own locations (tests/integration/time-zones.test.ts).
    expect(config.COALITION_MAP_CENTER).toBeUndefined();
  });

  it("refuse a bad value at start, naming the variable", () => {
    expect(() => parse({ COALITION_TIME_ZONE: "Mars/Olympus_Mons" })).toThrow(
      /COALITION_TIME_ZONE: must be an IANA time zone/,
    );
    expect(() => parse({ COALITION_MAP_CENTER: "Chicago" })).toThrow(/COALITION_MAP_CENTER/);
    expect(() => parse({ COALITION_MAP_CENTER: "95,10" })).toThrow(/COALITION_MAP_CENTER/);
    expect(() => parse({ COALITION_HOTLINES: "[{" })).toThrow(/COALITION_HOTLINES/);
    expect(() =>
      parse({
        COALITION_HOTLINES: '[{"id":"x","phone":"311","tel":"311","name":{"es":"Línea"}}]',
      }),
    ).toThrow(/COALITION_HOTLINES.*"en"/s);
    expect(() => parse({ COALITION_STALE_DAYS: "0" })).toThrow(/COALITION_STALE_DAYS/);
  });

  it("put 'today' and 'open now' in the coalition's time zone", () => {
    expect(coalitionToday(INSTANT)).toEqual({ isoDate: "2026-11-25", weekday: 3 });
    expect(currentSlot(INSTANT, coalition().timeZone)).toBe("3-03");
    configure({ COALITION_TIME_ZONE: "Pacific/Honolulu" });
    expect(coalitionToday(INSTANT)).toEqual({ isoDate: "2026-11-24", weekday: 2 });
    expect(currentSlot(INSTANT, coalition().timeZone)).toBe("2-22");
  });

  it("use one staleness rule: confirmed that many calendar days ago or more", () => {
    const today = coalitionToday(INSTANT).isoDate;
    expect(isListingStale(null, INSTANT)).toBe(true);
    expect(isListingStale(addDays(today, -179), INSTANT)).toBe(false);
    // Before, search (milliseconds since midnight UTC) and dashboards (calendar days in New
    // York) could disagree on the last day; now every page uses this one rule.
    expect(isListingStale(addDays(today, -180), INSTANT)).toBe(true);
    configure({ COALITION_STALE_DAYS: "30" });
    expect(isListingStale(addDays(today, -29), INSTANT)).toBe(false);
    expect(isListingStale(addDays(today, -30), INSTANT)).toBe(true);
  });

  it("reach the browser through the root loader: map centre, hotlines, time zone", async () => {
    configure({
      COALITION_TIME_ZONE: "America/Chicago",
      COALITION_MAP_CENTER: "41.88,-87.63",
      COALITION_HOTLINES: JSON.stringify([
        { id: "emergency", phone: "911", tel: "911" },
        {
          id: "icirr",
          phone: "1-855-435-7693",
          tel: "+18554357693",
          name: { en: "Family Support Hotline", es: "Línea de apoyo familiar" },
        },
      ]),
    });
    const outcome = await callRoute(rootLoader, getRequest("/es/help"), {
      params: { lang: "es" },
    });
    expect(outcome.status).toBe(200);
    expect(outcome.data.coalition).toEqual({
      timeZone: "America/Chicago",
      staleAfterDays: 180,
      mapCenter: { lat: 41.88, lng: -87.63, zoom: 10 },
      hotlines: [
        { id: "emergency", phone: "911", tel: "911" },
        {
          id: "icirr",
          phone: "1-855-435-7693",
          tel: "+18554357693",
          name: { en: "Family Support Hotline", es: "Línea de apoyo familiar" },
        },
      ],
    });
  });
});
