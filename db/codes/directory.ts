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
