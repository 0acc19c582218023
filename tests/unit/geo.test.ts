import { describe, expect, it } from "vitest";
import { COUNTY_CODES } from "#db/codes/counties";
import { countiesWithBoundaries, countyOfPoint } from "~/geo/counties.server";
import { NY_PLACES } from "~/geo/data/ny-places";
import { haversineMiles, milesToKm, roundCoordinate } from "~/geo/distance";
import { nameOfPoint, placeFromData, resolvePlace, suggestPlaces } from "~/geo/places.server";
import { regionalZipRecords } from "~/geo/zips.server";
import { loader as countyOutlinesLoader } from "~/routes/geo.counties[.]geojson";

const NYC_BOROUGH_COUNTIES = ["36061", "36005", "36047", "36081", "36085"];

function milesBetween(
  place: { latitude: number; longitude: number } | undefined,
  lat: number,
  lng: number,
) {
  if (!place) throw new Error("no place");
  return haversineMiles(place, { latitude: lat, longitude: lng });
}

describe("ZIP codes", () => {
  it("finds Corona, Queens for 11368", () => {
    const place = resolvePlace("11368");
    expect(place).toMatchObject({ kind: "zip", label: "11368 · Corona, Queens", county: "36081" });
    expect(milesBetween(place, 40.745, -73.862)).toBeLessThan(1);
  });

  it("finds Manhattan for 10001, also as ZIP+4", () => {
    expect(resolvePlace("10001")).toMatchObject({ label: "10001 · Manhattan", county: "36061" });
    expect(resolvePlace(" 10001-2062 ")).toMatchObject({ kind: "zip", county: "36061" });
    expect(milesBetween(resolvePlace("10001"), 40.7506, -73.9972)).toBeLessThan(1);
  });

  it("finds any US ZIP code, with no county outside the coalition's", () => {
    const chicago = resolvePlace("60601");
    expect(chicago).toMatchObject({ kind: "zip", label: "60601 · Chicago, IL" });
    expect(chicago?.county).toBeUndefined();
    expect(milesBetween(chicago, 41.8858, -87.6181)).toBeLessThan(2);
    expect(resolvePlace("99501")?.label).toContain("Anchorage, AK");
    // New York State, but not one of the coalition's counties (Albany).
    expect(resolvePlace("12207")).toMatchObject({ label: "12207 · Albany, NY" });
    expect(resolvePlace("12207")?.county).toBeUndefined();
  });

  it("gives the county of ZIP codes across the region", () => {
    expect(resolvePlace("10454")?.county).toBe("36005"); // Mott Haven
    expect(resolvePlace("11550")?.county).toBe("36059"); // Hempstead
    expect(resolvePlace("11717")?.county).toBe("36103"); // Brentwood
    expect(resolvePlace("10701")?.county).toBe("36119"); // Yonkers
    expect(resolvePlace("12550")?.county).toBe("36071"); // Newburgh
    expect(resolvePlace("10301")?.county).toBe("36085"); // St. George
  });

  it("says nothing for ZIP codes that do not exist", () => {
    expect(resolvePlace("00000")).toBeUndefined();
    expect(resolvePlace("99999")).toBeUndefined();
  });
});

describe("place names", () => {
  it.each([
    "jackson heights",
    "Jackson Hts, NY",
    "JACKSON HEIGHTS, New York 11372",
    "Jackson Heights, Queens",
  ])("understands %j", (input) => {
    expect(resolvePlace(input)).toMatchObject({
      kind: "place",
      label: "Jackson Heights, Queens",
      county: "36081",
    });
  });

  it.each(["Nueva York", "NYC", "N.Y.C.", "New York, NY", "new york city"])(
    "understands %j as New York City",
    (input) => {
      const place = resolvePlace(input);
      expect(place).toMatchObject({ label: "New York City", county: "36061" });
      expect(milesBetween(place, 40.7128, -74.006)).toBeLessThan(1);
    },
  );

  it("keeps New York in names that contain it", () => {
    expect(resolvePlace("East New York")?.label).toBe("East New York, Brooklyn");
    expect(resolvePlace("east new york, ny 11207")?.label).toBe("East New York, Brooklyn");
  });

  it("ignores accents, punctuation and abbreviations", () => {
    expect(resolvePlace("Pequeña Italia")?.label).toBe("Little Italy, Manhattan");
    expect(resolvePlace("pequena italia")?.label).toBe("Little Italy, Manhattan");
    expect(resolvePlace("St George")?.label).toBe("St. George, Staten Island");
    expect(resolvePlace("Saint George, Staten Island")?.label).toBe("St. George, Staten Island");
    expect(resolvePlace("Mt. Vernon")?.label).toBe("Mount Vernon, Westchester County");
    expect(resolvePlace("Ft Greene")?.label).toBe("Fort Greene, Brooklyn");
    expect(resolvePlace("So. Ozone Park")?.label).toBe("South Ozone Park, Queens");
    expect(resolvePlace("hastings on hudson")?.label).toBe(
      "Hastings-on-Hudson, Westchester County",
    );
    expect(resolvePlace("bed stuy")?.label).toBe("Bedford-Stuyvesant, Brooklyn");
    expect(resolvePlace("El Barrio")?.label).toBe("East Harlem, Manhattan");
    expect(resolvePlace("El Bronx")?.label).toBe("Bronx");
    expect(resolvePlace("法拉盛")?.label).toBe("Flushing, Queens");
  });

  it("uses a borough or county to tell places of the same name apart", () => {
    expect(resolvePlace("Astoria, Queens")?.label).toBe("Astoria, Queens");
    expect(resolvePlace("astoria queens ny 11103")?.label).toBe("Astoria, Queens");
    expect(resolvePlace("Flushing Queens NYC")?.label).toBe("Flushing, Queens");
    expect(resolvePlace("Red Hook")).toMatchObject({ county: "36047" });
    expect(resolvePlace("Red Hook, Dutchess")).toMatchObject({ county: "36027" });
    expect(resolvePlace("Inwood")).toMatchObject({ county: "36061" });
    expect(resolvePlace("Inwood, Long Island")).toMatchObject({ county: "36059" });
  });

  it("finds the place in an address, or its ZIP code", () => {
    expect(resolvePlace("82nd St, Jackson Heights, NY")?.label).toBe("Jackson Heights, Queens");
    expect(resolvePlace("123 Main St, Anytown, NY 12550")).toMatchObject({
      kind: "zip",
      county: "36071",
    });
  });

  it("knows the boroughs, Long Island, Westchester and the Hudson Valley", () => {
    const expected: Record<string, string> = {
      Brooklyn: "36047",
      Queens: "36081",
      Manhattan: "36061",
      "The Bronx": "36005",
      "Staten Island": "36085",
      Hempstead: "36059",
      Freeport: "36059",
      Uniondale: "36059",
      Westbury: "36059",
      Hicksville: "36059",
      Brentwood: "36103",
      "Central Islip": "36103",
      Riverhead: "36103",
      "Huntington Station": "36103",
      Patchogue: "36103",
      Southampton: "36103",
      Yonkers: "36119",
      "Mount Vernon": "36119",
      "New Rochelle": "36119",
      "White Plains": "36119",
      "Port Chester": "36119",
      Ossining: "36119",
      Peekskill: "36119",
      "Sleepy Hollow": "36119",
      Newburgh: "36071",
      Middletown: "36071",
      Goshen: "36071",
      Poughkeepsie: "36027",
      Beacon: "36027",
      Kingston: "36111",
      "Spring Valley": "36087",
      Haverstraw: "36087",
      Monticello: "36105",
      Brewster: "36079",
      Hudson: "36021",
      Catskill: "36039",
    };
    for (const [name, county] of Object.entries(expected)) {
      expect(resolvePlace(`${name}, NY`)?.county, name).toBe(county);
    }
  });

  it("knows at least 120 New York City neighborhoods, the ones named in the issue among them", () => {
    const neighborhoods = NY_PLACES.filter(
      (p) => p.kind === "neighborhood" && NYC_BOROUGH_COUNTIES.includes(p.county),
    );
    expect(neighborhoods.length).toBeGreaterThanOrEqual(120);
    for (const county of NYC_BOROUGH_COUNTIES) {
      expect(neighborhoods.filter((p) => p.county === county).length).toBeGreaterThanOrEqual(20);
    }
    const named: Record<string, string> = {
      "Jackson Heights": "36081",
      Corona: "36081",
      Elmhurst: "36081",
      Flushing: "36081",
      Astoria: "36081",
      Sunnyside: "36081",
      Woodside: "36081",
      Jamaica: "36081",
      "Richmond Hill": "36081",
      "Far Rockaway": "36081",
      "Sunset Park": "36047",
      Bushwick: "36047",
      Williamsburg: "36047",
      Greenpoint: "36047",
      Flatbush: "36047",
      "East New York": "36047",
      "Brighton Beach": "36047",
      "Bay Ridge": "36047",
      Bensonhurst: "36047",
      Kensington: "36047",
      "Crown Heights": "36047",
      "Washington Heights": "36061",
      Inwood: "36061",
      Harlem: "36061",
      "East Harlem": "36061",
      Chinatown: "36061",
      "Lower East Side": "36061",
      "Mott Haven": "36005",
      "Hunts Point": "36005",
      Fordham: "36005",
      Kingsbridge: "36005",
      Parkchester: "36005",
      "Port Richmond": "36085",
      Stapleton: "36085",
      "St. George": "36085",
    };
    for (const [name, county] of Object.entries(named)) {
      expect(resolvePlace(name)?.county, name).toBe(county);
    }
  });

  it("places each curated place within a few miles of its namesake ZIP code", () => {
    // Most places outside Manhattan, Brooklyn, the Bronx and Staten Island have a post office of
    // their own name; a ZIP centroid lies within a few miles of the village or neighbourhood.
    const simple = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^a-z]/g, "")
        .replace(/^saint/, "st");
    const zips = regionalZipRecords();
    let compared = 0;
    const far: string[] = [];
    for (const place of NY_PLACES) {
      const namesakes = zips.filter(
        (z) => z.county === place.county && simple(z.city) === simple(place.name),
      );
      if (namesakes.length === 0) continue;
      compared++;
      const miles = Math.min(
        ...namesakes.map((z) => haversineMiles({ latitude: place.lat, longitude: place.lng }, z)),
      );
      if (miles > 4) far.push(`${place.name}: ${miles.toFixed(1)} miles`);
    }
    expect(compared).toBeGreaterThan(200);
    expect(far).toEqual([]);
  });

  it("resolves every place's name, and its label back to that very place", () => {
    for (const data of NY_PLACES) {
      expect(resolvePlace(data.name), data.name).toBeDefined();
      const place = placeFromData(data);
      expect(resolvePlace(place.label), place.label).toEqual(place);
    }
  });
});

describe("coordinates from the browser", () => {
  it("rounds to 2 decimals whatever precision arrives", () => {
    const place = resolvePlace("40.7498,-73.8712");
    expect(place).toMatchObject({
      kind: "place",
      latitude: 40.75,
      longitude: -73.87,
      label: "40.75, -73.87",
      county: "36081",
    });
    expect(resolvePlace(" 40.74981234 , -73.87123456 ")).toEqual(place);
    expect(resolvePlace("40.7498 -73.8712")).toEqual(place);
  });

  it("accepts any point on Earth, with a county only inside the coalition's", () => {
    const chicago = resolvePlace("41.8781,-87.6298");
    expect(chicago).toMatchObject({ latitude: 41.88, longitude: -87.63 });
    expect(chicago?.county).toBeUndefined();
    expect(resolvePlace("91,0")).toBeUndefined();
    expect(resolvePlace("45,-181")).toBeUndefined();
  });
});

describe("nothing found", () => {
  it.each(["", "   ", "xyzzy", "Jacksn Heights", "ny ny ny ny", "<script>", "1234"])(
    "resolves %j to nothing",
    (input) => {
      expect(resolvePlace(input)).toBeUndefined();
    },
  );

  it("suggests the place a misspelling is close to", () => {
    expect(suggestPlaces("Jacksn Heights")[0]?.label).toBe("Jackson Heights, Queens");
    expect(suggestPlaces("Flushng, NY")[0]?.label).toBe("Flushing, Queens");
    expect(suggestPlaces("Yonkrs")[0]?.label).toBe("Yonkers, Westchester County");
    expect(suggestPlaces("poughkepsie")[0]?.label).toBe("Poughkeepsie, Dutchess County");
    expect(suggestPlaces("xyzzy")).toEqual([]);
    expect(suggestPlaces("bro", 3)).toHaveLength(3);
    for (const suggestion of suggestPlaces("bro", 10)) {
      expect(resolvePlace(suggestion.label)).toEqual(suggestion);
    }
  });
});

describe("county of a point", () => {
  it.each([
    ["Midtown Manhattan", 40.7549, -73.984, "36061"],
    ["Fordham, Bronx", 40.8615, -73.8906, "36005"],
    ["Mott Haven, Bronx, next to the Harlem River", 40.81, -73.92, "36005"],
    ["Park Slope, Brooklyn", 40.671, -73.9814, "36047"],
    ["Jackson Heights, Queens", 40.7557, -73.8831, "36081"],
    ["Far Rockaway, Queens, next to Nassau", 40.6054, -73.7552, "36081"],
    ["New Dorp, Staten Island", 40.5732, -74.1165, "36085"],
    ["White Plains, Westchester", 41.034, -73.7629, "36119"],
    ["Yonkers, Westchester", 40.9312, -73.8988, "36119"],
    ["Hempstead, Nassau", 40.7062, -73.6187, "36059"],
    ["Newburgh, Orange", 41.5034, -74.0104, "36071"],
  ])("%s", (_name, lat, lng, county) => {
    expect(countyOfPoint(lat, lng)).toBe(county);
  });

  it.each([
    ["Jersey City, NJ", 40.7178, -74.0431],
    ["Fort Lee, NJ", 40.8509, -73.9701],
    ["Greenwich, CT", 41.0262, -73.6282],
    ["Albany, NY", 42.6526, -73.7562],
    ["Chicago", 41.8781, -87.6298],
    ["the Atlantic, off Long Island", 40.3, -73.3],
  ])("%s is outside the coalition's counties", (_name, lat, lng) => {
    expect(countyOfPoint(lat, lng)).toBeUndefined();
  });

  it("has a boundary for every coalition county", () => {
    expect(countiesWithBoundaries().sort()).toEqual([...COUNTY_CODES].sort());
  });

  it("agrees with the county every curated place claims", () => {
    const wrong = NY_PLACES.filter((p) => countyOfPoint(p.lat, p.lng) !== p.county).map(
      (p) => `${p.name}: ${p.county} but ${countyOfPoint(p.lat, p.lng)}`,
    );
    expect(wrong).toEqual([]);
  });
});

describe("distances", () => {
  it("measures great-circle miles", () => {
    const jfk = { latitude: 40.6413, longitude: -73.7781 };
    const lax = { latitude: 33.9416, longitude: -118.4085 };
    expect(haversineMiles(jfk, lax)).toBeGreaterThan(2465);
    expect(haversineMiles(jfk, lax)).toBeLessThan(2480);
    expect(haversineMiles(jfk, lax)).toBeCloseTo(haversineMiles(lax, jfk), 9);
    expect(haversineMiles(jfk, jfk)).toBe(0);
    // One degree of latitude is about 69 miles.
    const north = { latitude: 41.6413, longitude: -73.7781 };
    expect(haversineMiles(jfk, north)).toBeCloseTo(69.1, 0);
  });

  it("rounds coordinates to about a kilometre", () => {
    expect(roundCoordinate(40.7498)).toBe(40.75);
    expect(roundCoordinate(-73.8712)).toBe(-73.87);
    expect(roundCoordinate(-73.8751)).toBe(-73.88);
    expect(roundCoordinate(-0.001)).toBe(0);
    expect(roundCoordinate(40.74981234, 3)).toBe(40.75);
    expect(roundCoordinate(40.7468, 3)).toBe(40.747);
  });

  it("converts miles to kilometres", () => {
    expect(milesToKm(1)).toBeCloseTo(1.609344, 6);
    expect(milesToKm(10)).toBeCloseTo(16.09, 2);
  });
});

describe("offline basemap", () => {
  const request = (headers: Record<string, string> = {}) =>
    countyOutlinesLoader({
      request: new Request("http://localhost/geo/counties.geojson", { headers }),
      params: {},
      context: {},
    });

  it("serves the coalition's county outlines as small, long-cached GeoJSON", async () => {
    const response = request();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("application/geo+json");
    expect(response.headers.get("Cache-Control")).toMatch(/max-age=\d{6,}/);
    const body = await response.text();
    expect(body.length).toBeLessThan(20_000);
    const collection = JSON.parse(body) as {
      type: string;
      features: { properties: { fips: string; name: string }; geometry: { type: string } }[];
    };
    expect(collection.type).toBe("FeatureCollection");
    expect(collection.features.map((f) => f.properties.fips).sort()).toEqual(
      [...COUNTY_CODES].sort(),
    );
    expect(collection.features.find((f) => f.properties.fips === "36081")?.properties.name).toBe(
      "Queens",
    );
    for (const f of collection.features) {
      expect(["Polygon", "MultiPolygon"]).toContain(f.geometry.type);
    }
  });

  it("answers 304 when the browser already has it", async () => {
    const etag = request().headers.get("ETag") ?? "";
    expect(etag).not.toBe("");
    const response = request({ "If-None-Match": etag });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
  });
});

describe("naming a position (use my location)", () => {
  it("names the nearest neighborhood, which resolves back to a place nearby", () => {
    const named = nameOfPoint(40.75, -73.86);
    expect(named).toEqual({ label: "Corona, Queens", input: "Corona, Queens" });
    const place = resolvePlace(named!.input)!;
    expect(haversineMiles({ latitude: 40.75, longitude: -73.86 }, place)).toBeLessThan(1.5);
  });

  it("falls back to the nearest ZIP code away from the listed places, never coordinates", () => {
    const named = nameOfPoint(41.2, -74.5);
    expect(named?.label).toMatch(/^\d{5} · /);
    expect(named?.label).not.toMatch(/41\.2|74\.5/);
    expect(resolvePlace(named!.input)?.kind).toBe("zip");
  });

  it("has no name far from the region", () => {
    expect(nameOfPoint(34.05, -118.24)).toBeUndefined();
  });
});
