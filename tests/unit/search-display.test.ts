import { describe, expect, it } from "vitest";
import { pageWindow } from "~/components/Pagination";
import { calendarDayIn } from "~/directory/dates";
import { formatMiles, hoursOn, languageNames, weeklyHours } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { activeFilters, remoteServicesQuery, widerRadius } from "~/search/filters";
import { filterLabel } from "~/search/labels";
import type { SearchQuery } from "~/search/types";

/** ICU puts narrow and thin spaces in times and ranges; compare them as plain spaces. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/\s/g, " ")) as unknown;

const query: SearchQuery = {
  q: "asylum",
  near: { input: "11368", label: "11368 · Corona, Queens", latitude: 40.75, longitude: -73.86 },
  radius: 5,
  categories: ["asylum"],
  languages: ["es", "bn"],
  fees: "free",
  detained: true,
  populations: [],
  page: 3,
  pageSize: 10,
  locale: "en",
};

describe("what the search page shows", () => {
  it("groups consecutive days with the same hours", () => {
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      opensAt: "09:00",
      closesAt: "17:00",
    }));
    hours.push({ weekday: 6, opensAt: "10:00", closesAt: "14:00" });
    expect(plain(weeklyHours(hours, "en-US"))).toEqual([
      { days: "Mon – Fri", hours: "9:00 AM – 5:00 PM" },
      { days: "Sat", hours: "10:00 AM – 2:00 PM" },
    ]);
    expect(hoursOn(hours, 7, "en-US")).toBeNull();
    expect(hoursOn(hours, 1, "es-US")).toMatch(/9:00/);
  });

  it("takes today's weekday in the coalition's time zone, not in the server's", () => {
    // 02:00 UTC on a Tuesday is still Monday evening in New York.
    expect(calendarDayIn("America/New_York", new Date("2025-06-03T02:00:00Z"))).toEqual({
      isoDate: "2025-06-02",
      weekday: 1,
    });
  });

  it("names distances and languages in the visitor's language", () => {
    expect(plain(formatMiles(1.26, "en-US"))).toBe("1.3 mi");
    expect(plain(formatMiles(12.4, "en-US"))).toBe("12 mi");
    const names = languageNames(["es", "zh-Hans"], "es-US");
    expect(names).toEqual({ "zh-Hans": "Chino simplificado", es: "Español" });
    expect(Object.keys(names)).toEqual(["zh-Hans", "es"]);
    expect(languageNames(["en"], "es-US", { capitalize: false })).toEqual({ en: "inglés" });
  });

  it("removes one filter at a time and goes back to the first page", () => {
    const filters = activeFilters(query);
    expect(filters.map((filter) => `${filter.parameter}=${filter.value}`)).toEqual([
      "category=asylum",
      "language=es",
      "language=bn",
      "detained=true",
      "fees=free",
    ]);
    const withoutSpanish = filters[1]!.without;
    expect(withoutSpanish.languages).toEqual(["bn"]);
    expect(withoutSpanish.page).toBe(1);
    expect(withoutSpanish.near).toEqual(query.near);
  });

  it("shows a yes/no filter answered 'no' as a chip that says so, which removes it", () => {
    // Before the filter table, accepting=false narrowed the results with no chip to undo it.
    const notAccepting = { ...query, accepting: false, detained: undefined };
    const filters = activeFilters(notAccepting);
    const accepting = filters.find((filter) => filter.parameter === "accepting");
    expect(accepting?.value).toBe("false");
    expect(accepting?.without.accepting).toBeUndefined();
    const t = serverT("en", "search");
    expect(filterLabel(t, "accepting", "false", {})).toBe("Accepting new clients: no");
    expect(filterLabel(t, "accepting", "true", {})).toBe("Accepting new clients");
    expect(filterLabel(t, "court", "nyc_varick_detained", {})).toBe(
      t("vocabulary:court.nyc_varick_detained"),
    );
  });

  it("suggests a wider radius and remote services when nothing is near", () => {
    expect(widerRadius(query)).toBe(10);
    expect(widerRadius({ ...query, radius: 50 })).toBeUndefined();
    expect(widerRadius({ ...query, radius: undefined })).toBeUndefined();
    const remote = remoteServicesQuery(query);
    expect(remote).toMatchObject({ delivery: "remote", categories: ["asylum"], page: 1 });
    expect(remote.near).toBeUndefined();
    expect(remote.fees).toBeUndefined();
  });

  it("shows page links around the current page", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(5, 12)).toEqual([1, "gap", 4, 5, 6, "gap", 12]);
    expect(pageWindow(2, 4)).toEqual([1, 2, 3, 4]);
  });
});
