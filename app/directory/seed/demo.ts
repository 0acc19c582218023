import { createHash } from "node:crypto";
import { and, getTableColumns, inArray, notInArray, sql } from "drizzle-orm";
import type { PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import {
  locations,
  organizationTranslations,
  organizations,
  phones,
  schedules,
  serviceAreas,
  serviceAtLocation,
  serviceLanguages,
  serviceTaxonomy,
  serviceTranslations,
  services,
} from "#db/schema";
import type { Transaction } from "~/db.server";
import { enqueueSearchSync } from "~/search-outbox/outbox.server";
import type { CategoryCode } from "#db/codes/categories";
import { COUNTIES, type Region } from "~/geo/counties";
import { COUNTY_CODES, type CountyCode } from "#db/codes/counties";
import {
  type Court,
  type DeliveryMethod,
  type FeeType,
  type PhoneType,
  type Population,
  type ProviderType,
  type ServiceStatus,
} from "#db/codes/directory";
import { LANGUAGE_LINE, LIST_EN, LIST_ES, languageList } from "./demo-data/languages";
import { ORGANIZATIONS, type OrgSpec } from "./demo-data/organizations";
import { PLACES, type Place } from "./demo-data/places";
import {
  APPLICATION_TEXT,
  COURT_TEXT,
  OTHER_LOCALES,
  SERVICE_TEMPLATES,
  type Bilingual,
  type HoursPattern,
  type ServiceKey,
  type ServiceTemplate,
} from "./demo-data/services";
import {
  ACCESSIBILITY,
  FEE_TEXT,
  ORGANIZATION_ABOUT,
  ORGANIZATION_ABOUT_OTHER,
  SUITES,
  staffLanguagesSentence,
} from "./demo-data/texts";

/*
 * The demo directory: clearly fictional member organizations across New York City, Long
 * Island, Westchester and the Hudson Valley. `buildDemoDirectory` is a pure function of the
 * organization list and the date (seeded PRNG per organization, ids derived from slugs), so
 * every run produces the same rows; `writeDemoDirectory` upserts them.
 */

type OrganizationRow = typeof organizations.$inferInsert & { id: string; slug: string };
type ServiceRow = typeof services.$inferInsert & { id: string; organizationId: string };
type LocationRow = typeof locations.$inferInsert & { id: string; organizationId: string };
type PhoneRow = typeof phones.$inferInsert & { organizationId: string };

export interface DemoDirectory {
  organizations: OrganizationRow[];
  locations: LocationRow[];
  services: ServiceRow[];
  serviceAtLocation: (typeof serviceAtLocation.$inferInsert)[];
  phones: PhoneRow[];
  schedules: (typeof schedules.$inferInsert)[];
  serviceLanguages: (typeof serviceLanguages.$inferInsert)[];
  serviceAreas: (typeof serviceAreas.$inferInsert)[];
  serviceCategories: { serviceId: string; code: CategoryCode }[];
  organizationTranslations: (typeof organizationTranslations.$inferInsert)[];
  serviceTranslations: (typeof serviceTranslations.$inferInsert)[];
}

export interface SeedSummary {
  organizations: number;
  services: number;
  locations: number;
  phones: number;
  schedules: number;
  taxonomyTerms: number;
}

// ---------------------------------------------------------------------------------------------
// Determinism: a seeded PRNG per organization/service, UUIDs derived from stable keys.

function hashString(text: string): number {
  // FNV-1a, 32 bits.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type Random = () => number;

/** mulberry32: small, fast and good enough for demo data. */
export function seededRandom(seed: string): Random {
  let state = hashString(seed);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A name-based UUID (version 5 layout, SHA-1) so re-seeding keeps every id. */
export function demoUuid(key: string): string {
  const bytes = createHash("sha1").update(`puente-demo:${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBefore(today: Date, days: number): string {
  return isoDate(new Date(today.getTime() - days * 86_400_000));
}

// ---------------------------------------------------------------------------------------------
// Geography: counties, regions, courts, phone area codes.

const REGION_TEXT: Record<Region | "statewide", Bilingual> = {
  nyc: { en: "New York City", es: "la ciudad de Nueva York" },
  long_island: { en: "Long Island", es: "Long Island" },
  westchester: { en: "Westchester County", es: "el condado de Westchester" },
  hudson_valley: { en: "the Hudson Valley", es: "el valle del Hudson" },
  statewide: { en: "New York State", es: "el estado de Nueva York" },
};

const COUNTY_TEXT: Record<CountyCode, Bilingual> = {
  "36005": { en: "the Bronx", es: "el Bronx" },
  "36047": { en: "Brooklyn", es: "Brooklyn" },
  "36061": { en: "Manhattan", es: "Manhattan" },
  "36081": { en: "Queens", es: "Queens" },
  "36085": { en: "Staten Island", es: "Staten Island" },
  "36059": { en: "Nassau County", es: "el condado de Nassau" },
  "36103": { en: "Suffolk County", es: "el condado de Suffolk" },
  "36119": { en: "Westchester County", es: "el condado de Westchester" },
  "36087": { en: "Rockland County", es: "el condado de Rockland" },
  "36071": { en: "Orange County", es: "el condado de Orange" },
  "36079": { en: "Putnam County", es: "el condado de Putnam" },
  "36027": { en: "Dutchess County", es: "el condado de Dutchess" },
  "36111": { en: "Ulster County", es: "el condado de Ulster" },
  "36105": { en: "Sullivan County", es: "el condado de Sullivan" },
  "36021": { en: "Columbia County", es: "el condado de Columbia" },
  "36039": { en: "Greene County", es: "el condado de Greene" },
};

/** Counties a service in one county often also covers. */
const NEIGHBORS: Record<CountyCode, CountyCode[]> = {
  "36005": ["36061", "36081", "36047", "36085"],
  "36047": ["36005", "36061", "36081", "36085"],
  "36061": ["36005", "36047", "36081", "36085"],
  "36081": ["36005", "36047", "36061", "36085"],
  "36085": ["36005", "36047", "36061", "36081"],
  "36059": ["36103"],
  "36103": ["36059"],
  "36119": ["36079", "36087"],
  "36087": ["36071", "36119"],
  "36071": ["36087", "36105", "36111"],
  "36079": ["36027", "36119"],
  "36027": ["36079", "36021", "36111"],
  "36111": ["36027", "36105", "36039"],
  "36105": ["36071", "36111"],
  "36021": ["36027", "36039"],
  "36039": ["36021", "36111"],
};

const DETAINED_COURTS: Record<Region | "statewide", Court[]> = {
  nyc: [
    "nyc_varick_detained",
    "elizabeth_detention",
    "delaney_hall",
    "newark_court",
    "orange_county_jail",
  ],
  long_island: ["nyc_varick_detained", "delaney_hall", "elizabeth_detention"],
  westchester: ["nyc_varick_detained", "orange_county_jail", "delaney_hall"],
  hudson_valley: ["orange_county_jail", "ulster_court", "batavia_detention"],
  statewide: ["batavia_detention", "buffalo_court", "orange_county_jail", "nyc_varick_detained"],
};

const NON_DETAINED_COURTS: Record<Region | "statewide", Court[]> = {
  nyc: ["nyc_26_federal_plaza", "nyc_290_broadway"],
  long_island: ["nyc_26_federal_plaza", "nyc_290_broadway"],
  westchester: ["nyc_26_federal_plaza"],
  hudson_valley: ["nyc_26_federal_plaza"],
  statewide: ["nyc_26_federal_plaza", "buffalo_court"],
};

const AREA_CODES: Record<CountyCode, string[]> = {
  "36005": ["718", "347", "929"],
  "36047": ["718", "347", "929"],
  "36081": ["718", "347", "929"],
  "36085": ["718", "347"],
  "36061": ["212", "646"],
  "36059": ["516"],
  "36103": ["631"],
  "36119": ["914"],
  "36087": ["845"],
  "36071": ["845"],
  "36079": ["845"],
  "36027": ["845"],
  "36111": ["845"],
  "36105": ["845"],
  "36021": ["518"],
  "36039": ["518"],
};

/** Fictional numbers only: 555-0100 to 555-0199 in each area code, handed out in turn. */
class PhoneBook {
  private next = new Map<string, number>();
  number(areaCodes: readonly string[], random: Random): string {
    const areaCode = pick(random, areaCodes);
    const used = this.next.get(areaCode) ?? 0;
    this.next.set(areaCode, used + 1);
    return `(${areaCode}) 555-01${String(used % 100).padStart(2, "0")}`;
  }
}

function placeText(place: Place): Bilingual {
  return { en: place.label, es: place.labelEs ?? place.label.replace(/, Bronx$/, ", el Bronx") };
}

function listText(items: readonly Bilingual[]): Bilingual {
  return {
    en: LIST_EN.format(items.map((item) => item.en)),
    es: LIST_ES.format(items.map((item) => item.es)),
  };
}

/** "Queens", "New York City", "Long Island", "New York State"... for the served counties. */
function areaText(counties: readonly CountyCode[] | "statewide"): Bilingual {
  if (counties === "statewide") return REGION_TEXT.statewide;
  if (counties.length === 1) return COUNTY_TEXT[counties[0]!];
  const regions = new Set(counties.map((county) => COUNTIES[county].region));
  if (regions.size === 1) return REGION_TEXT[[...regions][0]!];
  return listText(counties.map((county) => COUNTY_TEXT[county]));
}

// ---------------------------------------------------------------------------------------------
// Hours.

interface HoursBlock {
  days: readonly number[];
  opens: string;
  closes: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const HOURS: Record<HoursPattern, readonly HoursBlock[]> = {
  weekdays: [{ days: WEEKDAYS, opens: "09:00", closes: "17:00" }],
  weekdaysLate: [
    { days: [1, 2, 3, 4], opens: "10:00", closes: "19:00" },
    { days: [5], opens: "10:00", closes: "16:00" },
  ],
  withSaturday: [
    { days: WEEKDAYS, opens: "09:30", closes: "17:30" },
    { days: [6], opens: "10:00", closes: "14:00" },
  ],
  split: [
    { days: WEEKDAYS, opens: "09:00", closes: "12:30" },
    { days: WEEKDAYS, opens: "13:30", closes: "17:00" },
  ],
  evenings: [{ days: [2, 4], opens: "17:30", closes: "20:30" }],
  saturday: [{ days: [6], opens: "10:00", closes: "15:00" }],
  mwf: [{ days: [1, 3, 5], opens: "09:30", closes: "16:30" }],
  hotline: [
    { days: WEEKDAYS, opens: "08:00", closes: "20:00" },
    { days: [6], opens: "10:00", closes: "16:00" },
  ],
  allDay: [{ days: [1, 2, 3, 4, 5, 6, 7], opens: "00:00", closes: "23:59" }],
};
/** A second office usually opens one day a week. */
const SATELLITE_HOURS: readonly HoursBlock[] = [{ days: [4], opens: "10:00", closes: "16:00" }];

// ---------------------------------------------------------------------------------------------
// Building the directory.

const ALWAYS_OPEN_TO_NEW_CLIENTS = new Set<ServiceKey>([
  "kyr",
  "helpline",
  "detentionHotline",
  "citizenshipClass",
  "courtHelpDesk",
]);

/** Interface locales that Cantonese speakers read: traditional characters. */
function readsLocale(languages: readonly string[], locale: string): boolean {
  return languages.includes(locale) || (locale === "zh-Hant" && languages.includes("yue"));
}

function jittered(place: Place, random: Random): { latitude: number; longitude: number } {
  const radius = place.jitter ?? 0.0025;
  // A degree of longitude is ~0.76 of a degree of latitude at 41°N: widen to keep it round.
  const latitude = place.lat + (random() * 2 - 1) * radius;
  const longitude = place.lng + ((random() * 2 - 1) * radius) / 0.76;
  return { latitude: Number(latitude.toFixed(6)), longitude: Number(longitude.toFixed(6)) };
}

function streetAddress(place: Place, random: Random): string {
  const street = pick(random, place.streets);
  if (place.queensNumbers) {
    const [name, range = "31-45"] = street.split("|");
    const [min, max] = range.split("-").map(Number) as [number, number];
    return `${integer(random, min, max)}-${String(integer(random, 1, 70)).padStart(2, "0")} ${name}`;
  }
  return `${integer(random, 2, COUNTIES[place.county].region === "nyc" ? 980 : 420)} ${street}`;
}

function splitEntry(entry: string): { key: ServiceKey; status: ServiceStatus } {
  const [key, status] = entry.split("@") as [ServiceKey, ServiceStatus | undefined];
  return { key, status: status ?? "active" };
}

function emptyDirectory(): DemoDirectory {
  return {
    organizations: [],
    locations: [],
    services: [],
    serviceAtLocation: [],
    phones: [],
    schedules: [],
    serviceLanguages: [],
    serviceAreas: [],
    serviceCategories: [],
    organizationTranslations: [],
    serviceTranslations: [],
  };
}

/** Builds every row of the demo directory, as of `today` (verification dates are relative). */
export function buildDemoDirectory(options: { today?: Date } = {}): DemoDirectory {
  const today = new Date(`${isoDate(options.today ?? new Date())}T00:00:00Z`);
  const directory = emptyDirectory();
  const phoneBook = new PhoneBook();
  ORGANIZATIONS.forEach((spec, index) =>
    buildOrganization(directory, spec, index, today, phoneBook),
  );
  return directory;
}

function buildOrganization(
  out: DemoDirectory,
  spec: OrgSpec,
  index: number,
  today: Date,
  phoneBook: PhoneBook,
): void {
  const random = seededRandom(`organization:${spec.slug}`);
  const organizationId = demoUuid(`organization/${spec.slug}`);
  const places: Place[] = spec.sites.map((key) => PLACES[key]);
  const mainPlace = places[0];
  const region: Region | "statewide" = mainPlace ? COUNTIES[mainPlace.county].region : "statewide";
  const homeCounties: CountyCode[] = mainPlace
    ? [...new Set(places.map((place) => place.county))]
    : [];
  const areaCodes = mainPlace ? AREA_CODES[mainPlace.county] : ["212", "646"];
  const spanishFirst = spec.writtenInSpanish === true;

  // About 15% of listings were last confirmed more than 180 days ago; some never.
  const verifiedDaysAgo = spec.neverVerified
    ? null
    : index % 7 === 3
      ? integer(random, 190, 520)
      : integer(random, 2, 165);
  const assuredDate = verifiedDaysAgo === null ? null : daysBefore(today, verifiedDaysAgo);

  const place = mainPlace ? placeText(mainPlace) : REGION_TEXT.statewide;
  const orgArea = mainPlace ? areaText(homeCounties) : REGION_TEXT.statewide;
  const about = ORGANIZATION_ABOUT[spec.kind](spec.name, place, orgArea);
  const staff = staffLanguagesSentence(languageList(["en", ...spec.languages]));
  const description: Bilingual = {
    en: `${about.en} ${staff.en}`,
    es: `${about.es} ${staff.es}`,
  };
  const domain = `${spec.slug}.example.org`;

  out.organizations.push({
    id: organizationId,
    slug: spec.slug,
    name: spec.name,
    alternateName: spec.alternateName ?? null,
    description: spanishFirst ? description.es : description.en,
    originalLanguage: spanishFirst ? "es" : "en",
    email:
      random() < 0.88 ? `${pick(random, ["info", "intake", "help", "legal"])}@${domain}` : null,
    website: random() < 0.92 ? `https://${domain}` : null,
    isCoalitionMember: !spec.notMember,
    memberSince: spec.notMember
      ? null
      : `${spec.memberSince}-${String(integer(random, 1, 12)).padStart(2, "0")}-${String(integer(random, 1, 28)).padStart(2, "0")}`,
    status: spec.status ?? "published",
    dojRecognized: spec.dojRecognized === true,
    assuredDate,
  });

  if (spanishFirst) {
    out.organizationTranslations.push({
      organizationId,
      locale: "en",
      description: description.en,
    });
  } else if (spec.languages.includes("es")) {
    out.organizationTranslations.push({
      organizationId,
      locale: "es",
      description: description.es,
    });
  }
  if (mainPlace) {
    for (const locale of OTHER_LOCALES) {
      if (readsLocale(spec.languages, locale)) {
        out.organizationTranslations.push({
          organizationId,
          locale,
          description: ORGANIZATION_ABOUT_OTHER[locale](spec.name, mainPlace.label),
        });
      }
    }
  }

  // Offices, then the confidential shelter.
  const siteIds: string[] = [];
  places.forEach((sitePlace, siteIndex) => {
    const id = demoUuid(`location/${spec.slug}/${siteIndex}`);
    siteIds.push(id);
    const address2 = random() < 0.45 ? pick(random, SUITES) : null;
    out.locations.push({
      id,
      organizationId,
      name: siteIndex === 0 ? "Main office" : `${sitePlace.label.split(/[,(]/)[0]!.trim()} office`,
      description: null,
      address1: streetAddress(sitePlace, random),
      address2,
      city: sitePlace.city,
      county: sitePlace.county,
      stateProvince: "NY",
      postalCode: sitePlace.zip,
      country: "US",
      ...jittered(sitePlace, random),
      accessibility: pick(random, ACCESSIBILITY),
      transportation: sitePlace.transit,
      confidential: false,
    });
  });
  let confidentialId: string | undefined;
  if (spec.confidentialSite) {
    const shelter = PLACES[spec.confidentialSite];
    confidentialId = demoUuid(`location/${spec.slug}/confidential`);
    out.locations.push({
      id: confidentialId,
      organizationId,
      name: "Shelter (confidential address)",
      description:
        "Confidential site for survivors. The address is given by phone, after a short safety check.",
      address1: streetAddress(shelter, random),
      address2: null,
      city: shelter.city,
      county: shelter.county,
      stateProvince: "NY",
      postalCode: shelter.zip,
      country: "US",
      // Only the neighborhood: a shelter's building is never pinpointed, even internally.
      latitude: Number(shelter.lat.toFixed(3)),
      longitude: Number(shelter.lng.toFixed(3)),
      accessibility: "Accessible rooms available; tell us what you need when you call.",
      transportation: null,
      confidential: true,
    });
  }

  // Organization phones.
  let position = 0;
  out.phones.push({
    id: demoUuid(`phone/${spec.slug}/main`),
    organizationId,
    serviceId: null,
    locationId: siteIds[0] ?? null,
    number: phoneBook.number(areaCodes, random),
    extension: null,
    type: "voice",
    description: mainPlace ? "Main office" : "Main line",
    languages: ["en", ...spec.languages.slice(0, 3)],
    position: position++,
  });
  places.slice(1).forEach((sitePlace, offset) => {
    out.phones.push({
      id: demoUuid(`phone/${spec.slug}/site/${offset + 1}`),
      organizationId,
      serviceId: null,
      locationId: siteIds[offset + 1]!,
      number: phoneBook.number(AREA_CODES[sitePlace.county], random),
      extension: null,
      type: "voice",
      description: `${sitePlace.label.split(/[,(]/)[0]!.trim()} office`,
      languages: ["en", ...spec.languages.slice(0, 1)],
      position: position++,
    });
  });
  if (spec.kind === "helpline") {
    out.phones.push({
      id: demoUuid(`phone/${spec.slug}/tty`),
      organizationId,
      serviceId: null,
      locationId: null,
      number: phoneBook.number(areaCodes, random),
      extension: null,
      type: "tty",
      description: "TTY for Deaf and hard-of-hearing callers",
      languages: ["en"],
      position: position++,
    });
  } else if (random() < 0.2) {
    out.phones.push({
      id: demoUuid(`phone/${spec.slug}/fax`),
      organizationId,
      serviceId: null,
      locationId: siteIds[0] ?? null,
      number: phoneBook.number(areaCodes, random),
      extension: null,
      type: "fax",
      description: "Fax for documents from courts and attorneys",
      languages: [],
      position: position++,
    });
  }

  spec.services.forEach((entry) => {
    const { key, status } = splitEntry(entry);
    const template: ServiceTemplate = SERVICE_TEMPLATES[key];
    const serviceRandom = seededRandom(`service:${spec.slug}:${key}`);
    const serviceId = demoUuid(`service/${spec.slug}/${key}`);
    const remoteOnly = template.remoteOnly === true || places.length === 0;

    // Where the service is offered.
    let atLocations: string[] = [];
    if (!remoteOnly) {
      if (template.confidentialSite && confidentialId) atLocations = [confidentialId];
      else if (siteIds.length > 1 && serviceRandom() < 0.6) atLocations = [...siteIds];
      else atLocations = [siteIds[0]!];
    }

    // Who may use it.
    let areas: CountyCode[] | "statewide";
    if (key === "helpline" || key === "detentionHotline" || region === "statewide") {
      areas = "statewide";
    } else if (remoteOnly || template.takesDetainedCases) {
      areas = COUNTY_CODES.filter((county) => COUNTIES[county].region === region);
    } else if (key === "appeals" && serviceRandom() < 0.5) {
      areas = "statewide";
    } else {
      const counties = new Set(homeCounties);
      if (serviceRandom() < 0.4) {
        for (const county of homeCounties) NEIGHBORS[county].forEach((n) => counties.add(n));
      }
      areas = [...counties];
    }

    const courtRegion = region;
    let courts: Court[] = [];
    if (template.courts === "detained") {
      const list = DETAINED_COURTS[courtRegion];
      courts =
        spec.kind === "detention" || spec.kind === "helpline"
          ? list
          : list.slice(0, integer(serviceRandom, 2, 3));
    } else if (template.courts === "nonDetained") {
      courts = NON_DETAINED_COURTS[courtRegion];
    }

    const languages = spanishFirst
      ? ["es", "en", ...spec.languages.filter((code) => code !== "es")]
      : serviceRandom() < 0.25 && spec.languages.length > 2
        ? ["en", ...spec.languages.slice(0, 2)]
        : ["en", ...spec.languages];

    const ctx = {
      area: areaText(areas),
      courts: listText(courts.map((court) => COURT_TEXT[court])),
      languages: languageList(languages),
    };
    const variant = serviceRandom() < 0.5 ? 0 : 1;
    const [nameEn, nameEs] = template.names[variant]!;
    const describe = template.describe(ctx);
    const eligibility = template.eligibility(ctx);
    const application = APPLICATION_TEXT[pick(serviceRandom, template.application)];

    let fees: FeeType = "free";
    if (!template.alwaysFree) {
      const roll = serviceRandom();
      if (spec.kind === "lowFee") fees = roll < 0.5 ? "sliding_scale" : "fee";
      else fees = roll < 0.76 ? "free" : roll < 0.92 ? "sliding_scale" : "fee";
    }
    const feesText: Bilingual | null =
      fees === "sliding_scale"
        ? FEE_TEXT.sliding_scale
        : fees === "fee"
          ? FEE_TEXT.fee(template.feeAmount ?? 300)
          : null;

    let delivery: DeliveryMethod[];
    if (template.delivery) delivery = [...template.delivery];
    else if (remoteOnly) delivery = ["remote", "phone"];
    else {
      const roll = serviceRandom();
      delivery =
        roll < 0.55
          ? ["in_person"]
          : roll < 0.8
            ? ["in_person", "phone"]
            : roll < 0.93
              ? ["in_person", "remote"]
              : ["in_person", "remote", "phone"];
    }
    if (remoteOnly) {
      delivery = delivery.filter((method) => method !== "in_person");
      if (delivery.length === 0) delivery = ["phone"];
    }

    let providerTypes: ProviderType[] = [];
    if (template.providers === "attorneys") providerTypes = ["attorney"];
    else if (template.providers === "lawyers") {
      const roll = serviceRandom();
      if (!spec.dojRecognized) providerTypes = ["attorney"];
      else if (spec.kind === "community" || spec.kind === "clinic")
        providerTypes =
          roll < 0.5 ? ["accredited_representative"] : ["attorney", "accredited_representative"];
      else providerTypes = roll < 0.6 ? ["attorney", "accredited_representative"] : ["attorney"];
    }

    const populations = new Set<Population>(template.populations ?? []);
    if (spec.kind === "youth") populations.add("children");
    if (spec.kind === "survivors") populations.add("survivors");
    if (spec.kind === "workers") populations.add("workers");
    if (spec.kind === "detention" && template.takesDetainedCases) populations.add("detained");

    const acceptingNewClients = ALWAYS_OPEN_TO_NEW_CLIENTS.has(key) || serviceRandom() >= 0.14;
    const serviceVerified =
      verifiedDaysAgo === null
        ? null
        : daysBefore(
            today,
            verifiedDaysAgo > 180
              ? verifiedDaysAgo + integer(serviceRandom, 0, 30)
              : Math.min(175, verifiedDaysAgo + integer(serviceRandom, 0, 10)),
          );

    const english = {
      name: nameEn,
      description: describe.en,
      eligibilityDescription: eligibility.en,
      applicationProcess: application.en,
      feesDescription: feesText?.en ?? null,
    };
    const spanish = {
      name: nameEs,
      description: describe.es,
      eligibilityDescription: eligibility.es,
      applicationProcess: application.es,
      feesDescription: feesText?.es ?? null,
    };
    const original = spanishFirst ? spanish : english;

    out.services.push({
      id: serviceId,
      organizationId,
      name: original.name,
      alternateName: null,
      description: original.description,
      url:
        serviceRandom() < 0.3
          ? `https://${domain}/${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
          : null,
      email: null,
      status,
      fees,
      feesDescription: original.feesDescription,
      eligibilityDescription: original.eligibilityDescription,
      applicationProcess: original.applicationProcess,
      acceptingNewClients,
      takesDetainedCases: template.takesDetainedCases === true,
      deliveryMethods: delivery,
      providerTypes,
      populations: [...populations],
      courtsServed: courts,
      assuredDate: serviceVerified,
    });

    if (spanishFirst) {
      out.serviceTranslations.push({ serviceId, locale: "en", ...english });
    } else if (spec.languages.includes("es") && serviceRandom() < 0.85) {
      out.serviceTranslations.push({ serviceId, locale: "es", ...spanish });
    }
    for (const locale of OTHER_LOCALES) {
      const text = template.otherLanguages?.[locale];
      if (text && readsLocale(spec.languages, locale)) {
        out.serviceTranslations.push({ serviceId, locale, name: text[0], description: text[1] });
      }
    }

    for (const locationId of atLocations) out.serviceAtLocation.push({ serviceId, locationId });
    for (const code of template.categories) out.serviceCategories.push({ serviceId, code });
    for (const code of languages) out.serviceLanguages.push({ serviceId, code });
    if (areas === "statewide") {
      out.serviceAreas.push({
        id: demoUuid(`area/${serviceId}/statewide`),
        serviceId,
        statewide: true,
        county: null,
      });
    } else {
      for (const county of areas) {
        out.serviceAreas.push({
          id: demoUuid(`area/${serviceId}/${county}`),
          serviceId,
          statewide: false,
          county,
        });
      }
    }

    // Weekly hours: the same at every location, unless a second office opens one day a week.
    const pattern = pick(serviceRandom, template.hours);
    const blocks: { locationId: string | null; block: HoursBlock }[] =
      atLocations.length > 1
        ? [
            ...HOURS[pattern].map((block) => ({ locationId: atLocations[0]!, block })),
            ...atLocations
              .slice(1)
              .flatMap((locationId) => SATELLITE_HOURS.map((block) => ({ locationId, block }))),
          ]
        : HOURS[pattern].map((block) => ({ locationId: null, block }));
    let slot = 0;
    for (const { locationId, block } of blocks) {
      for (const weekday of block.days) {
        out.schedules.push({
          id: demoUuid(`schedule/${serviceId}/${slot++}`),
          serviceId,
          locationId,
          weekday,
          opensAt: block.opens,
          closesAt: block.closes,
          description: null,
        });
      }
    }

    // The service's own line, if any.
    const serviceLine = (type: PhoneType, description: string, lineLanguages: string[]) =>
      out.phones.push({
        id: demoUuid(`phone/${serviceId}`),
        organizationId,
        serviceId,
        locationId: null,
        number: phoneBook.number(areaCodes, serviceRandom),
        extension: null,
        type,
        description,
        languages: lineLanguages,
        position: position++,
      });
    if (template.phone === "hotline24") {
      serviceLine("hotline", "24-hour survivor hotline", languages);
    } else if (template.phone === "hotline") {
      serviceLine(
        "hotline",
        template.takesDetainedCases
          ? "Detention hotline (collect calls from detention accepted)"
          : "Helpline",
        languages,
      );
    } else {
      const roll = serviceRandom();
      const firstLanguage = spec.languages.find((code) => LANGUAGE_LINE[code]);
      if (roll < 0.3 && firstLanguage) {
        serviceLine("voice", LANGUAGE_LINE[firstLanguage]!, [firstLanguage]);
      } else if (roll > 0.93) {
        serviceLine("text", "Text us to confirm or change an appointment", [
          "en",
          ...spec.languages.slice(0, 1),
        ]);
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Writing.

const BATCH = 1000;

async function insertInBatches<T extends PgTable>(
  tx: Transaction,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await tx.insert(table).values(rows.slice(start, start + BATCH) as T["$inferInsert"][]);
  }
}

/** `SET col = excluded.col` for every column but the key ones, for upserts. */
function overwriteExcept<T extends PgTable>(
  table: T,
  keep: readonly string[],
): PgUpdateSetSource<T> {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return Object.fromEntries(
    Object.entries(columns)
      .filter(([key]) => !keep.includes(key))
      .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  ) as PgUpdateSetSource<T>;
}

/**
 * Upserts the demo directory: organizations by slug, locations and services by their stable
 * ids; the rows hanging off them (phones, hours, languages, areas, categories, translations)
 * are replaced. Everything else in the database is left alone. Queues a search sync for each
 * organization. Must run inside a transaction; `termIds` maps category codes to term ids.
 */
export async function writeDemoDirectory(
  tx: Transaction,
  directory: DemoDirectory,
  termIds: ReadonlyMap<string, string>,
): Promise<SeedSummary> {
  // An organization keeps its id if it already exists under the same slug.
  const slugs = directory.organizations.map((org) => org.slug);
  const existing = await tx
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(inArray(organizations.slug, slugs));
  const idBySlug = new Map(existing.map((row) => [row.slug, row.id]));
  const wanted = directory.organizations
    .filter((org) => !idBySlug.has(org.slug))
    .map((org) => org.id);
  const taken = new Set(
    wanted.length === 0
      ? []
      : (
          await tx
            .select({ id: organizations.id })
            .from(organizations)
            .where(inArray(organizations.id, wanted))
        ).map((row) => row.id),
  );
  const organizationId = new Map<string, string>();
  const organizationRows = directory.organizations.map((org) => {
    const id =
      idBySlug.get(org.slug) ??
      (taken.has(org.id) ? demoUuid(`organization/${org.slug}/renamed`) : org.id);
    organizationId.set(org.id, id);
    return { ...org, id };
  });
  const remap = <R extends { organizationId: string }>(rows: readonly R[]): R[] =>
    rows.map((row) => ({ ...row, organizationId: organizationId.get(row.organizationId)! }));

  await tx
    .insert(organizations)
    .values(organizationRows)
    .onConflictDoUpdate({
      target: organizations.slug,
      set: overwriteExcept(organizations, ["id", "slug", "createdAt"]),
    });
  const orgIds = organizationRows.map((org) => org.id);
  const serviceIds = directory.services.map((service) => service.id);
  const locationIds = directory.locations.map((location) => location.id);

  // Rows of these organizations that the demo no longer generates.
  await tx
    .delete(services)
    .where(and(inArray(services.organizationId, orgIds), notInArray(services.id, serviceIds)));
  await tx
    .delete(locations)
    .where(and(inArray(locations.organizationId, orgIds), notInArray(locations.id, locationIds)));
  await tx.delete(phones).where(inArray(phones.organizationId, orgIds));
  await tx
    .delete(organizationTranslations)
    .where(inArray(organizationTranslations.organizationId, orgIds));

  for (let start = 0; start < directory.locations.length; start += BATCH) {
    await tx
      .insert(locations)
      .values(remap(directory.locations.slice(start, start + BATCH)))
      .onConflictDoUpdate({
        target: locations.id,
        set: overwriteExcept(locations, ["id", "createdAt"]),
      });
  }
  for (let start = 0; start < directory.services.length; start += BATCH) {
    await tx
      .insert(services)
      .values(remap(directory.services.slice(start, start + BATCH)))
      .onConflictDoUpdate({
        target: services.id,
        set: overwriteExcept(services, ["id", "createdAt"]),
      });
  }

  await tx.delete(serviceAtLocation).where(inArray(serviceAtLocation.serviceId, serviceIds));
  await tx.delete(schedules).where(inArray(schedules.serviceId, serviceIds));
  await tx.delete(serviceLanguages).where(inArray(serviceLanguages.serviceId, serviceIds));
  await tx.delete(serviceAreas).where(inArray(serviceAreas.serviceId, serviceIds));
  await tx.delete(serviceTaxonomy).where(inArray(serviceTaxonomy.serviceId, serviceIds));
  await tx.delete(serviceTranslations).where(inArray(serviceTranslations.serviceId, serviceIds));

  await insertInBatches(tx, organizationTranslations, remap(directory.organizationTranslations));
  await insertInBatches(tx, phones, remap(directory.phones));
  await insertInBatches(tx, serviceAtLocation, directory.serviceAtLocation);
  await insertInBatches(tx, schedules, directory.schedules);
  await insertInBatches(tx, serviceLanguages, directory.serviceLanguages);
  await insertInBatches(tx, serviceAreas, directory.serviceAreas);
  await insertInBatches(
    tx,
    serviceTaxonomy,
    directory.serviceCategories.map(({ serviceId, code }) => {
      const termId = termIds.get(code);
      if (!termId) throw new Error(`Taxonomy term "${code}" is missing: seed the taxonomy first`);
      return { serviceId, termId };
    }),
  );
  await insertInBatches(tx, serviceTranslations, directory.serviceTranslations);

  await enqueueSearchSync(
    tx,
    ...orgIds.map((entityId) => ({ entityType: "organization" as const, entityId })),
  );

  return {
    organizations: organizationRows.length,
    services: directory.services.length,
    locations: directory.locations.length,
    phones: directory.phones.length,
    schedules: directory.schedules.length,
    taxonomyTerms: termIds.size,
  };
}
