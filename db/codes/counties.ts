/**
 * Counties (by FIPS code) the coalition's members serve, stored in locations.county and
 * referrals.county. Their names and regions are geography: app/geo/counties.ts.
 */
export const COUNTY_CODES = [
  "36005",
  "36021",
  "36027",
  "36039",
  "36047",
  "36059",
  "36061",
  "36071",
  "36079",
  "36081",
  "36085",
  "36087",
  "36103",
  "36105",
  "36111",
  "36119",
] as const;
export type CountyCode = (typeof COUNTY_CODES)[number];

export function isCountyCode(value: string): value is CountyCode {
  return (COUNTY_CODES as readonly string[]).includes(value);
}
