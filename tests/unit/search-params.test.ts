import { describe, expect, it } from "vitest";
import type { Place } from "~/geo/types";
import { telOf } from "~/directory/service-view";
import { currentSlot, openSlots } from "~/search/documents.server";
import {
  parseSearchParams,
  radiusControlValue,
  toSearchParams,
  withoutFilter,
} from "~/search/params";
import { textUnits } from "~/search/postgres-search.server";
import { queryLocales } from "~/search/settings.server";

const places: Record<string, Place> = {
  "11368": {
    kind: "zip",
    label: "11368 · Corona",
    latitude: 40.7497,
    longitude: -73.8628,
    county: "36081",
  },
  "jackson heights": {
    kind: "place",
    label: "Jackson Heights, Queens",
    latitude: 40.7557,
    longitude: -73.8831,
    county: "36081",
  },
};
const resolvePlace = (input: string) => places[input.trim().toLowerCase()];
const parse = (params: string, locale = "en") =>
  parseSearchParams(new URLSearchParams(params), { locale, resolvePlace });

describe("parseSearchParams", () => {
  it("reads every parameter", () => {
    const { query, ignored } = parse(
      "q=asylum+help&near=11368&radius=25&category=asylum&category=tps&language=es&language=zh-hant" +
        "&fees=free&accepting=true&detained=false&delivery=phone&population=children" +
        "&court=nyc_26_federal_plaza&provider=attorney&open_now=on&page=3",
      "es",
    );
    expect(ignored).toEqual([]);
    expect(query).toEqual({
      q: "asylum help",
      near: {
        input: "11368",
        label: "11368 · Corona",
        latitude: 40.7497,
        longitude: -73.8628,
        county: "36081",
        kind: "zip",
      },
      radius: 25,
      categories: ["asylum", "tps"],
      languages: ["es", "zh-Hant"],
      fees: "free",
      accepting: true,
      detained: false,
      delivery: "phone",
      populations: ["children"],
      court: "nyc_26_federal_plaza",
      provider: "attorney",
      openNow: true,
      page: 3,
      pageSize: 20,
      locale: "es",
    });
  });

  it("gives sensible defaults: 10 miles around a place, page 1", () => {
    const { query } = parse("near=Jackson+Heights");
    expect(query.radius).toBe(10);
    expect(query.page).toBe(1);
    expect(query.near?.label).toBe("Jackson Heights, Queens");
    expect(parse("").query).toEqual({
      q: "",
      categories: [],
      languages: [],
      populations: [],
      page: 1,
      pageSize: 20,
      locale: "en",
    });
  });

  it("rounds a position to about a kilometre", () => {
    const { query } = parse("near=40.74973,-73.86281");
    expect(query.near).toMatchObject({
      input: "40.75,-73.86",
      latitude: 40.75,
      longitude: -73.86,
      kind: "coordinates",
    });
    expect(toSearchParams(query).get("near")).toBe("40.75,-73.86");
  });

  it("ignores bad values, says why, and never throws", () => {
    const { query, ignored } = parse(
      "q=asylum&near=Atlantis&radius=abc&category=asylum&category=unicorns&language=not a language" +
        "&fees=cheap&accepting=maybe&delivery=pigeon&population=aliens&court=moon&provider=wizard" +
        "&open_now=perhaps&page=-2&utm_source=newsletter",
    );
    expect(query).toEqual({
      q: "asylum",
      categories: ["asylum"],
      languages: [],
      populations: [],
      page: 1,
      pageSize: 20,
      locale: "en",
    });
    expect(ignored).toEqual([
      { parameter: "utm_source", value: "newsletter", reason: "unknown_parameter" },
      { parameter: "near", value: "Atlantis", reason: "place_not_found" },
      { parameter: "radius", value: "abc", reason: "invalid_number" },
      { parameter: "category", value: "unicorns", reason: "unknown_value" },
      { parameter: "language", value: "not a language", reason: "unknown_value" },
      { parameter: "accepting", value: "maybe", reason: "unknown_value" },
      { parameter: "open_now", value: "perhaps", reason: "unknown_value" },
      { parameter: "fees", value: "cheap", reason: "unknown_value" },
      { parameter: "delivery", value: "pigeon", reason: "unknown_value" },
      { parameter: "population", value: "aliens", reason: "unknown_value" },
      { parameter: "court", value: "moon", reason: "unknown_value" },
      { parameter: "provider", value: "wizard", reason: "unknown_value" },
      { parameter: "page", value: "-2", reason: "invalid_number" },
    ]);
  });

  it("explains a radius without a place, or one that is not offered", () => {
    expect(parse("radius=25").ignored).toEqual([
      { parameter: "radius", value: "25", reason: "needs_near" },
    ]);
    expect(parse("near=11368&radius=7").ignored).toEqual([
      { parameter: "radius", value: "7", reason: "out_of_range" },
    ]);
    expect(parse("near=11368&radius=7").query.radius).toBe(10);
    expect(parse("page=0").ignored).toEqual([
      { parameter: "page", value: "0", reason: "out_of_range" },
    ]);
    expect(parse("page=100000").ignored[0]?.reason).toBe("out_of_range");
    expect(parse("near=91,200").ignored[0]?.reason).toBe("out_of_range");
  });

  it("'any distance' is no radius, and the Distance control shows the radius in use (issue 11)", () => {
    const any = parse("near=11368&radius=any");
    expect(any.ignored).toEqual([]);
    expect(any.query.radius).toBeUndefined();
    expect(toSearchParams(any.query).toString()).toBe("near=11368&radius=any");
    expect(radiusControlValue(any.query, "any")).toBe("any");
    // No radius given: the default, and the control says so (it said "Any distance").
    const implicit = parse("near=11368");
    expect(implicit.query.radius).toBe(10);
    expect(radiusControlValue(implicit.query, null)).toBe("10");
    expect(radiusControlValue(parse("near=11368&radius=25").query, "25")).toBe("25");
    // Without a place the form still sends the control's value: the default or "any" is no mistake.
    expect(parse("radius=10").ignored).toEqual([]);
    expect(parse("radius=any").ignored).toEqual([]);
    expect(radiusControlValue(parse("").query, null)).toBe("10");
  });

  it("reads the sort choice, ignoring bad values (issue 11)", () => {
    const closest = parse("near=11368&sort=closest");
    expect(closest.query.sort).toBe("closest");
    expect(toSearchParams(closest.query).toString()).toBe("near=11368&sort=closest");
    expect(parse("near=11368&sort=best").query.sort).toBeUndefined();
    expect(toSearchParams(parse("near=11368&sort=best").query).toString()).toBe("near=11368");
    const bad = parse("near=11368&sort=cheapest");
    expect(bad.query.sort).toBeUndefined();
    expect(bad.ignored).toEqual([
      { parameter: "sort", value: "cheapest", reason: "unknown_value" },
    ]);
    // "closest" without a place means nothing: dropped.
    expect(parse("q=asylum&sort=closest").query.sort).toBeUndefined();
  });

  it("treats empty form fields as not given", () => {
    const { query, ignored } = parse("q=&near=&radius=&category=&fees=&page=");
    expect(ignored).toEqual([]);
    expect(query.near).toBeUndefined();
    expect(query.categories).toEqual([]);
  });

  it("expands a parent category to its children", () => {
    expect(parse("category=removal_defense").query.categories).toEqual([
      "removal_defense_detained",
      "removal_defense_non_detained",
    ]);
  });

  it("accepts the page's own parameters when told to", () => {
    const { ignored } = parseSearchParams(new URLSearchParams("view=map"), {
      locale: "en",
      resolvePlace,
      allowParameters: ["view"],
    });
    expect(ignored).toEqual([]);
  });
});

describe("toSearchParams and withoutFilter", () => {
  it("round-trips a query", () => {
    const params =
      "q=asylum&near=11368&radius=25&category=asylum&category=tps&language=es&accepting=true" +
      "&open_now=true&detained=true&fees=free&delivery=remote&population=children" +
      "&court=buffalo_court&provider=attorney&page=2";
    const { query } = parse(params);
    expect(toSearchParams(query).toString()).toBe(params);
    expect(parse(toSearchParams(query).toString()).query).toEqual(query);
  });

  it("leaves out defaults", () => {
    expect(toSearchParams(parse("near=11368&radius=10&page=1").query).toString()).toBe(
      "near=11368",
    );
  });

  it("removes one filter and goes back to page 1", () => {
    const { query } = parse("q=asylum&language=es&language=fr&fees=free&near=11368&page=4");
    expect(toSearchParams(withoutFilter(query, "language", "es")).toString()).toBe(
      "q=asylum&near=11368&language=fr&fees=free",
    );
    expect(toSearchParams(withoutFilter(query, "fees")).toString()).toBe(
      "q=asylum&near=11368&language=es&language=fr",
    );
    expect(toSearchParams(withoutFilter(query, "near")).toString()).toBe(
      "q=asylum&language=es&language=fr&fees=free",
    );
  });
});

describe("search helpers", () => {
  it("turns hours into the hour slots used by open_now", () => {
    expect(openSlots([{ weekday: 1, opensAt: "09:00", closesAt: "12:00" }])).toEqual([
      "1-09",
      "1-10",
      "1-11",
    ]);
    // Open for at least half of an hour counts; a quarter does not.
    expect(openSlots([{ weekday: 3, opensAt: "09:30", closesAt: "11:15" }])).toEqual([
      "3-09",
      "3-10",
    ]);
    expect(openSlots([{ weekday: 7, opensAt: "22:00", closesAt: "24:00" }])).toEqual([
      "7-22",
      "7-23",
    ]);
  });

  it("reads the current slot in a place's time, across daylight saving", () => {
    const ny = "America/New_York";
    expect(currentSlot(new Date("2026-11-25T20:10:00Z"), ny)).toBe("3-15"); // EST
    expect(currentSlot(new Date("2026-07-01T13:00:00Z"), ny)).toBe("3-09"); // EDT
    expect(currentSlot(new Date("2026-11-30T04:30:00Z"), ny)).toBe("7-23"); // Sunday night
    expect(currentSlot(new Date("2026-07-01T13:00:00Z"), "America/Phoenix")).toBe("3-06"); // no DST
  });

  it("makes tel: numbers", () => {
    expect(telOf("(718) 555-0101", null)).toBe("+17185550101");
    expect(telOf("1-800-555-0199", "12")).toBe("+18005550199;ext=12");
    expect(telOf("+33 1 23 45 67 89", null)).toBe("+33123456789");
  });

  it("tells Meilisearch the query's language only when the script agrees", () => {
    expect(queryLocales("asilo", "es")).toEqual(["spa"]);
    expect(queryLocales("庇护", "en")).toEqual(["cmn"]);
    expect(queryLocales("庇护", "zh-Hans")).toEqual(["cmn"]);
    expect(queryLocales("убежище", "en")).toEqual(["rus"]);
    expect(queryLocales("لجوء", "ur")).toEqual(["urd"]);
    expect(queryLocales("asylum", "zh-Hans")).toBeUndefined();
    expect(queryLocales("azil", "ht")).toBeUndefined();
  });

  it("splits a query into words and synonym phrases for the fallback", () => {
    const units = textUnits("Green card for my family in Queens");
    expect(units.map((unit) => unit.alternatives[0]!.join(" "))).toEqual([
      "green card",
      "family",
      "queens",
    ]);
    expect(units[0]!.alternatives.map((words) => words.join(" "))).toContain(
      "adjustment of status",
    );
    expect(units[2]!.prefix).toBe(true);
  });
});
