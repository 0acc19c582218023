import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import {
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  LISTING_STATUSES,
  PHONE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
  SERVICE_STATUSES,
} from "../codes/directory";
import { arrayWithin, id, timestamps } from "./columns";

/*
 * Names follow the Open Referral Human Services Data Specification (HSDS 3.0) so that
 * import/export is a mapping: organization, service, location, service_at_location, phone,
 * schedule, language, service_area, taxonomy_term. Puente-specific fields (coalition
 * membership, immigration-court coverage, ...) are additions, never renames.
 */

export const listingStatus = pgEnum("listing_status", LISTING_STATUSES);
export const serviceStatus = pgEnum("service_status", SERVICE_STATUSES);
export const feeType = pgEnum("fee_type", FEE_TYPES);
export const phoneType = pgEnum("phone_type", PHONE_TYPES);

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    alternateName: text("alternate_name"),
    description: text("description").notNull().default(""),
    /** Language the free-text fields were written in; translations live in organization_translations. */
    originalLanguage: text("original_language").notNull().default("en"),
    email: text("email"),
    /**
     * Where referral notices go when nobody has an editor account (set by staff). The notice
     * carries no personal data: see docs/decisions/017-referral-intake-email.md.
     */
    intakeEmail: text("intake_email"),
    website: text("website"),
    logoUrl: text("logo_url"),
    isCoalitionMember: boolean("is_coalition_member").notNull().default(true),
    memberSince: date("member_since"),
    status: listingStatus("status").notNull().default("draft"),
    dojRecognized: boolean("doj_recognized").notNull().default(false),
    /** Staff trust this organization's editors: their changes publish at once, without review. */
    trusted: boolean("trusted").notNull().default(false),
    /** Last time a person confirmed the listing is correct (HSDS assured_date); not updated_at. */
    assuredDate: date("assured_date"),
    ...timestamps(),
  },
  (table) => [
    index("organizations_status_idx").on(table.status),
    /** The few organizations not shown to the public: "published" is tested as "not in these". */
    index("organizations_unpublished_idx")
      .on(table.id)
      .where(sql`${table.status} <> 'published'`),
    /** The open-data API's `modified_after` (a partner's incremental sync). */
    index("organizations_updated_idx").on(table.updatedAt),
    check("organizations_slug_format", sql`${table.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("organizations_name_not_blank", sql`length(trim(${table.name})) > 0`),
  ],
);

export const services = pgTable(
  "services",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    alternateName: text("alternate_name"),
    description: text("description").notNull().default(""),
    url: text("url"),
    email: text("email"),
    status: serviceStatus("status").notNull().default("draft"),
    fees: feeType("fees").notNull().default("free"),
    feesDescription: text("fees_description"),
    eligibilityDescription: text("eligibility_description"),
    applicationProcess: text("application_process"),
    acceptingNewClients: boolean("accepting_new_clients").notNull().default(true),
    /** When accepting new clients or being open (paused/active) last changed: shown publicly. */
    availabilityChangedAt: timestamp("availability_changed_at", { withTimezone: true }),
    takesDetainedCases: boolean("takes_detained_cases").notNull().default(false),
    deliveryMethods: text("delivery_methods")
      .array()
      .notNull()
      .default(sql`ARRAY['in_person']::text[]`),
    providerTypes: text("provider_types")
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    populations: text("populations")
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    courtsServed: text("courts_served")
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    /** Words from an imported directory's taxonomy terms Puente has no category for: searchable. */
    keywords: text("keywords")
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    assuredDate: date("assured_date"),
    ...timestamps(),
  },
  (table) => [
    index("services_organization_idx").on(table.organizationId),
    index("services_status_idx").on(table.status),
    /**
     * Active services in id order with their organization: the open-data API counts and pages
     * through them without reading the table (an index-only scan).
     */
    index("services_active_order_idx")
      .on(table.id, table.organizationId)
      .where(sql`${table.status} = 'active'`),
    /** The few services the public does not see (see HIDDEN_SERVICES in app/hsds/api.server.ts). */
    index("services_inactive_idx")
      .on(table.id)
      .where(sql`${table.status} <> 'active'`),
    index("services_updated_idx").on(table.updatedAt),
    index("services_populations_idx").using("gin", table.populations),
    index("services_courts_idx").using("gin", table.courtsServed),
    check("services_name_not_blank", sql`length(trim(${table.name})) > 0`),
    check("services_delivery_known", arrayWithin("delivery_methods", DELIVERY_METHODS)),
    check("services_delivery_not_empty", sql`cardinality(${table.deliveryMethods}) > 0`),
    check("services_provider_known", arrayWithin("provider_types", PROVIDER_TYPES)),
    check("services_populations_known", arrayWithin("populations", POPULATIONS)),
    check("services_courts_known", arrayWithin("courts_served", COURTS)),
  ],
);

export const locations = pgTable(
  "locations",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name"),
    description: text("description"),
    address1: text("address_1").notNull(),
    address2: text("address_2"),
    city: text("city").notNull(),
    /** County FIPS code (db/codes/directory.ts); boroughs are counties. */
    county: text("county").notNull(),
    stateProvince: text("state_province").notNull().default("NY"),
    postalCode: text("postal_code").notNull(),
    country: text("country").notNull().default("US"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /**
     * IANA zone its hours are kept in, set from the point or the state on every write
     * (app/geo/time-zones.server.ts); null: the coalition's zone (COALITION_TIME_ZONE).
     */
    timeZone: text("time_zone"),
    accessibility: text("accessibility"),
    transportation: text("transportation"),
    /** A shelter or safe house: the address is never published, only "call for the address". */
    confidential: boolean("confidential").notNull().default(false),
    ...timestamps(),
  },
  (table) => [
    index("locations_organization_idx").on(table.organizationId),
    index("locations_county_idx").on(table.county),
    check("locations_postal_code_format", sql`${table.postalCode} ~ '^[0-9]{5}(-[0-9]{4})?$'`),
    check(
      "locations_coordinates_valid",
      sql`(${table.latitude} IS NULL) = (${table.longitude} IS NULL) AND (${table.latitude} IS NULL OR (${table.latitude} BETWEEN -90 AND 90 AND ${table.longitude} BETWEEN -180 AND 180))`,
    ),
  ],
);

export const serviceAtLocation = pgTable(
  "service_at_location",
  {
    id: id(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    ...timestamps(),
  },
  (table) => [
    unique("service_at_location_unique").on(table.serviceId, table.locationId),
    index("service_at_location_location_idx").on(table.locationId),
    /** The open-data list of services at locations, in id order, read from the index alone. */
    index("service_at_location_order_idx").on(table.id, table.serviceId),
  ],
);

export const phones = pgTable(
  "phones",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    serviceId: uuid("service_id").references(() => services.id, { onDelete: "cascade" }),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    extension: text("extension"),
    type: phoneType("type").notNull().default("voice"),
    description: text("description"),
    /** BCP-47 tags of the languages answered on this line. */
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    position: integer("position").notNull().default(0),
    ...timestamps(),
  },
  (table) => [
    index("phones_organization_idx").on(table.organizationId),
    index("phones_service_idx").on(table.serviceId),
    index("phones_location_idx").on(table.locationId),
    check("phones_number_format", sql`${table.number} ~ '^[0-9+() .-]{7,25}$'`),
  ],
);

/** Weekly opening hours (HSDS schedule with freq=WEEKLY, byday); several rows per day allowed. */
export const schedules = pgTable(
  "schedules",
  {
    id: id(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    /** Null: the hours apply at every location of the service. */
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    opensAt: time("opens_at").notNull(),
    closesAt: time("closes_at").notNull(),
    description: text("description"),
    ...timestamps(),
  },
  (table) => [
    index("schedules_service_idx").on(table.serviceId),
    check("schedules_weekday_iso", sql`${table.weekday} BETWEEN 1 AND 7`),
    check("schedules_opens_before_closes", sql`${table.opensAt} < ${table.closesAt}`),
  ],
);

/** Languages a service is offered in (HSDS language), as BCP-47 tags. */
export const serviceLanguages = pgTable(
  "service_languages",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    note: text("note"),
  },
  (table) => [
    unique("service_languages_unique").on(table.serviceId, table.code),
    index("service_languages_code_idx").on(table.code),
    check("service_languages_code_format", sql`${table.code} ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`),
  ],
);

/** Where a service's clients may live: a county, or the whole state. */
export const serviceAreas = pgTable(
  "service_areas",
  {
    id: id(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    statewide: boolean("statewide").notNull().default(false),
    county: text("county"),
  },
  (table) => [
    unique("service_areas_unique").on(table.serviceId, table.county),
    index("service_areas_county_idx").on(table.county),
    check("service_areas_scope", sql`${table.statewide} = (${table.county} IS NULL)`),
  ],
);

/** Free-text fields of an organization in another language than the original. */
export const organizationTranslations = pgTable(
  "organization_translations",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    description: text("description").notNull(),
    ...timestamps(),
  },
  (table) => [unique("organization_translations_unique").on(table.organizationId, table.locale)],
);

export const serviceTranslations = pgTable(
  "service_translations",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    name: text("name"),
    description: text("description"),
    eligibilityDescription: text("eligibility_description"),
    applicationProcess: text("application_process"),
    feesDescription: text("fees_description"),
    ...timestamps(),
  },
  (table) => [unique("service_translations_unique").on(table.serviceId, table.locale)],
);
