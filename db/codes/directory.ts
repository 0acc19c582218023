/**
 * Fixed vocabularies of the directory. Codes are stored in the database (checked by
 * constraints) and in the search index; people see them through i18n keys
 * (`vocabulary:<group>.<code>`), never the raw code.
 */

export const LISTING_STATUSES = ["draft", "published", "archived"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const SERVICE_STATUSES = ["draft", "active", "paused", "archived"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const FEE_TYPES = ["free", "sliding_scale", "fee"] as const;
export type FeeType = (typeof FEE_TYPES)[number];

export const DELIVERY_METHODS = ["in_person", "remote", "phone"] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const PROVIDER_TYPES = ["attorney", "accredited_representative"] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export const POPULATIONS = [
  "children",
  "survivors",
  "lgbtq",
  "criminal_records",
  "detained",
  "families",
  "workers",
] as const;
export type Population = (typeof POPULATIONS)[number];

/** Immigration courts and detention facilities that NY-area members appear at. */
export const COURTS = [
  "nyc_26_federal_plaza",
  "nyc_290_broadway",
  "nyc_varick_detained",
  "batavia_detention",
  "buffalo_court",
  "orange_county_jail",
  "elizabeth_detention",
  "delaney_hall",
  "newark_court",
  "ulster_court",
] as const;
export type Court = (typeof COURTS)[number];

export const PHONE_TYPES = ["voice", "hotline", "text", "fax", "tty"] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const; // ISO 8601: 1 = Monday

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
} as const satisfies Record<string, { name: string; region: Region }>;
export type CountyCode = keyof typeof COUNTIES;
export const COUNTY_CODES = Object.keys(COUNTIES) as CountyCode[];

export function isCountyCode(value: string): value is CountyCode {
  return Object.hasOwn(COUNTIES, value);
}

/** Languages the seed and forms offer first; any valid BCP-47 tag is accepted. */
export const COMMON_SERVICE_LANGUAGES = [
  "en",
  "es",
  "zh-Hans",
  "zh-Hant",
  "yue",
  "ht",
  "bn",
  "ar",
  "ru",
  "ko",
  "ur",
  "fr",
  "pl",
  "pt",
  "hi",
  "pa",
  "ne",
  "tl",
  "uk",
  "wo",
  "ff",
  "qu",
] as const;

const BCP47 = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;
export function isLanguageTag(value: string): boolean {
  return BCP47.test(value);
}
