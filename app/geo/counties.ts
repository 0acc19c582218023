import type { CountyCode } from "#db/codes/counties";

/** Counties (by FIPS code) that the coalition's members serve, grouped by region. */
export const REGIONS = ["nyc", "long_island", "westchester", "hudson_valley"] as const;
export type Region = (typeof REGIONS)[number];

export const COUNTIES = {
  "36005": { name: "Bronx", region: "nyc" },
  "36047": { name: "Brooklyn (Kings)", region: "nyc" },
  "36061": { name: "Manhattan (New York)", region: "nyc" },
  "36081": { name: "Queens", region: "nyc" },
  "36085": { name: "Staten Island (Richmond)", region: "nyc" },
  "36059": { name: "Nassau", region: "long_island" },
  "36103": { name: "Suffolk", region: "long_island" },
  "36119": { name: "Westchester", region: "westchester" },
  "36087": { name: "Rockland", region: "hudson_valley" },
  "36071": { name: "Orange", region: "hudson_valley" },
  "36079": { name: "Putnam", region: "hudson_valley" },
  "36027": { name: "Dutchess", region: "hudson_valley" },
  "36111": { name: "Ulster", region: "hudson_valley" },
  "36105": { name: "Sullivan", region: "hudson_valley" },
  "36021": { name: "Columbia", region: "hudson_valley" },
  "36039": { name: "Greene", region: "hudson_valley" },
} as const satisfies Record<CountyCode, { name: string; region: Region }>;
