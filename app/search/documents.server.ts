import { createHash } from "node:crypto";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { organizations, serviceAtLocation, services } from "#db/schema";
import { coalition, isListingStale } from "~/coalition.server";
import type { DbOrTx } from "~/db.server";
import { displayNumber, pickLocalized, telOf } from "~/directory/service-view";
import {
  loadPublicServices,
  loadTaxonomyTermTexts,
  type PublicService,
} from "~/directory/service-view.server";
import type { CategoryCode } from "#db/codes/categories";
import { COUNTIES } from "~/geo/counties";
import { openNowZones } from "~/geo/time-zones.server";
import { SUPPORTED_LOCALES } from "~/i18n/locales";
import { COUNTY_CODES, isCountyCode, type CountyCode } from "#db/codes/counties";
import {
  type Court,
  type DeliveryMethod,
  type FeeType,
  type Population,
  type ProviderType,
} from "#db/codes/directory";
import type { SearchHit, WeeklyHours } from "~/search/types";

/**
 * What Meilisearch stores for one service at one location (or for a remote-only service).
 * Display fields are in the listing's original language; `*Names`/`*Descriptions` objects
 * hold every language, keyed by BCP-47 locale, so that each is tokenized by its own rules
 * (settings.server.ts localizedAttributes) and the page can show the visitor's language.
 */
export interface ServiceDocument {
  id: string;
  serviceId: string;
  locationId: string | null;
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  serviceName: string;
  serviceDescription: string;
  originalLanguage: string;
  /** Lowercased service name, for sorting when there is nothing else to sort by. */
  sortName: string;
  serviceNames: Record<string, string>;
  serviceDescriptions: Record<string, string>;
  organizationDescriptions: Record<string, string>;
  alternateNames: string[];
  categories: CategoryCode[];
  categoryNames: Record<string, string[]>;
  categoryKeywords: Record<string, string[]>;
  /** Plain English words for the structured fields ("free", "attorney", "remote"): synonyms do the rest. */
  attributeTerms: string[];
  placeTerms: string[];
  languages: string[];
  /** Primary subtags of `languages` ("zh" for "zh-Hant"): `language=zh` matches any Chinese. */
  languageBases: string[];
  fees: FeeType;
  acceptingNewClients: boolean;
  takesDetainedCases: boolean;
  deliveryMethods: DeliveryMethod[];
  populations: Population[];
  courtsServed: Court[];
  providerTypes: ProviderType[];
  address: SearchHit["address"];
  confidentialLocation: boolean;
  county: CountyCode | null;
  /** Where the service's clients may live: its location's county, its service areas. */
  counties: CountyCode[];
  city: string | null;
  postalCode: string | null;
  _geo?: { lat: number; lng: number };
  hasGeo: boolean;
  phone: SearchHit["phone"];
  hours: WeeklyHours[];
  /** "ISO weekday-hour" in the place's own time ("1-09" = Monday 9-10 am) when open at least half of that hour. */
  open_slots: string[];
  /** The zone its hours are kept in (a representative: app/geo/time-zones.server.ts). */
  timeZone: string;
  lastVerified: string | null;
  /** As of indexing; searchServices recomputes it at query time. */
  stale: boolean;
  /** 1 when accepting new clients, else 0: a sort key of the "best match" order (numbers sort). */
  rankAccepting: number;
  /**
   * Primary subtag of each interface language -> 1 when the service speaks it, else 0
   * ("rankSpeaks.es:desc" puts Spanish-speaking services first for a Spanish visitor).
   */
  rankSpeaks: Record<string, number>;
  /** DOCUMENT_VERSION and a fingerprint of the category texts the document was built with. */
  buildVersion: string;
}

/** Primary subtags of the interface languages ("zh" once for zh-Hans and zh-Hant). */
export const INTERFACE_LANGUAGE_BASES = [
  ...new Set(SUPPORTED_LOCALES.map((locale) => locale.split("-")[0]!.toLowerCase())),
];

/** Sort key of "speaks the visitor's language" for a visitor's locale. */
export function speaksSortKey(locale: string): string {
  return `rankSpeaks.${locale.split("-")[0]!.toLowerCase()}`;
}

export function documentId(serviceId: string, locationId: string | null): string {
  return locationId ? `${serviceId}__${locationId}` : serviceId;
}

export const ATTRIBUTE_TERMS = {
  fees: { free: ["free", "pro bono"], sliding_scale: ["sliding scale"], fee: ["fee"] },
  providers: { attorney: ["attorney"], accredited_representative: ["accredited representative"] },
  delivery: { in_person: ["in person"], remote: ["remote"], phone: ["phone"] },
  populations: {
    children: ["children"],
    survivors: ["survivors"],
    lgbtq: ["lgbtq"],
    criminal_records: ["criminal record"],
    detained: ["detained"],
    families: ["families"],
    workers: ["workers"],
  },
} as const;

const hhmm = (time: string) => time.slice(0, 5);
const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
};

/** Hours of the week, one slot per hour the place is open for at least 30 minutes. */
export function openSlots(hours: WeeklyHours[]): string[] {
  const slots = new Set<string>();
  for (const { weekday, opensAt, closesAt } of hours) {
    const opens = minutesOf(opensAt);
    const closes = minutesOf(closesAt);
    for (let hour = Math.floor(opens / 60); hour * 60 < closes && hour < 24; hour++) {
      const overlap = Math.min(closes, (hour + 1) * 60) - Math.max(opens, hour * 60);
      if (overlap >= 30) slots.add(`${weekday}-${String(hour).padStart(2, "0")}`);
    }
  }
  return [...slots].sort();
}

/** The slot it is now in `timeZone` ("3-14" = Wednesday 2 pm), for open_slots. */
const slotFormats = new Map<string, Intl.DateTimeFormat>();

export function currentSlot(now: Date, timeZone: string): string {
  let slotFormat = slotFormats.get(timeZone);
  if (!slotFormat) {
    slotFormat = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      hour: "2-digit",
      hourCycle: "h23",
    });
    slotFormats.set(timeZone, slotFormat);
  }
  const parts = slotFormat.formatToParts(now);
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(
    parts.find((part) => part.type === "weekday")!.value,
  );
  const hour = parts.find((part) => part.type === "hour")!.value.padStart(2, "0");
  return `${weekday + 1}-${hour}`;
}

/**
 * The slot of open_slots it is now, with the zones whose clock shows it: "open now" matches a
 * document whose zone is among them and whose open_slots hold the slot (both engines).
 */
export function openSlotsNow(now: Date): Array<{ slot: string; zones: string[] }> {
  const zonesBySlot = new Map<string, string[]>();
  for (const zone of openNowZones(coalition().timeZone)) {
    const slot = currentSlot(now, zone);
    zonesBySlot.set(slot, [...(zonesBySlot.get(slot) ?? []), zone]);
  }
  return [...zonesBySlot].map(([slot, zones]) => ({ slot, zones }));
}

type TermText = { names: Record<string, string[]>; keywords: Record<string, string[]> };

/** Category texts by term id, and the build version of documents made with them. */
export interface CategoryTexts {
  byTermId: Map<string, { code: string } & TermText>;
  buildVersion: string;
}

/**
 * Bump when the shape or content rules of documents change: on start, ensureSearchIndex
 * rebuilds an index holding documents of another version (as it does when the category
 * names or search words changed).
 */
export const DOCUMENT_VERSION = 3;

/** Category names and search words in every locale (a small table: read whole, once per build). */
export async function loadCategoryTexts(db: DbOrTx): Promise<CategoryTexts> {
  const terms = await loadTaxonomyTermTexts(db);
  const byTermId = new Map<string, { code: string } & TermText>();
  for (const term of terms.values()) {
    const names: Record<string, string[]> = {};
    for (const [locale, name] of Object.entries(term.names)) names[locale] = [name];
    byTermId.set(term.id, { code: term.code, names, keywords: term.keywords });
  }
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([DOCUMENT_VERSION, [...byTermId.values()]]))
    .digest("hex")
    .slice(0, 12);
  return { byTermId, buildVersion: `${DOCUMENT_VERSION}-${fingerprint}` };
}

function pushAll<T>(target: Record<string, T[]>, key: string, values: readonly T[]): void {
  const list = (target[key] ??= []);
  for (const value of values) if (!list.includes(value)) list.push(value);
}

export interface BuiltDocuments {
  documents: ServiceDocument[];
  /** Of the requested ids, those that exist and are published + active (have documents). */
  indexedServiceIds: Set<string>;
}

/**
 * Documents for the given services, in a fixed number of queries whatever their count (no
 * per-service queries). Services that are not active, or whose organization is not
 * published, get no document.
 */
export async function buildDocuments(
  db: DbOrTx,
  serviceIds: readonly string[],
  options: { categoryTexts?: CategoryTexts; now?: Date } = {},
): Promise<BuiltDocuments> {
  const [records, { byTermId, buildVersion }] = await Promise.all([
    loadPublicServices(db, { serviceIds }),
    options.categoryTexts ?? loadCategoryTexts(db),
  ]);
  const now = options.now ?? new Date();
  return {
    documents: records.flatMap((record) => documentsOf(record, byTermId, buildVersion, now)),
    indexedServiceIds: new Set(records.map((record) => record.service.id)),
  };
}

/** The hours that apply at a location: its own rows, else the service's general ones. */
export function hoursAt(record: PublicService, locationId: string | null): WeeklyHours[] {
  const specific = locationId
    ? record.schedules.filter((row) => row.locationId === locationId)
    : [];
  const chosen =
    specific.length > 0 ? specific : record.schedules.filter((row) => row.locationId === null);
  return chosen.map((row) => ({
    weekday: row.weekday,
    opensAt: hhmm(row.opensAt),
    closesAt: hhmm(row.closesAt),
  }));
}

/**
 * The one number a result shows for a service at a location: the service's own line before
 * the location's before the organization's, a voice line or hotline before others; never a fax.
 */
export function phoneAt(record: PublicService, locationId: string | null): SearchHit["phone"] {
  const rank = (phone: PublicService["phones"][number]) => {
    if (phone.type === "fax") return -1;
    if (phone.locationId !== null && phone.locationId !== locationId) return -1;
    const serviceScore = phone.serviceId === record.service.id ? 2 : 0;
    const locationScore = phone.locationId !== null ? 1 : 0;
    const typeScore = phone.type === "voice" || phone.type === "hotline" ? 0.5 : 0;
    return serviceScore + locationScore + typeScore;
  };
  let best: PublicService["phones"][number] | undefined;
  let bestRank = -1;
  for (const phone of record.phones) {
    const score = rank(phone);
    if (score > bestRank) [best, bestRank] = [phone, score];
  }
  if (!best) return null;
  return {
    number: displayNumber(best.number, best.extension),
    tel: telOf(best.number, best.extension),
  };
}

function documentsOf(
  record: PublicService,
  categoryTexts: CategoryTexts["byTermId"],
  buildVersion: string,
  now: Date,
): ServiceDocument[] {
  const { service, organization, texts, lastVerified } = record;
  const original = organization.originalLanguage;

  const categories: CategoryCode[] = [];
  const categoryNames: Record<string, string[]> = {};
  const categoryKeywords: Record<string, string[]> = {};
  for (const termId of record.termIds) {
    const term = categoryTexts.get(termId);
    if (!term) continue;
    categories.push(term.code as CategoryCode);
    for (const [locale, names] of Object.entries(term.names)) pushAll(categoryNames, locale, names);
    for (const [locale, words] of Object.entries(term.keywords))
      pushAll(categoryKeywords, locale, words);
  }
  categories.sort();

  const languages = record.languages.map((row) => row.code);
  const areaCounties: CountyCode[] = record.areas.some((area) => area.statewide)
    ? [...COUNTY_CODES]
    : record.areas
        .map((area) => area.county)
        .filter((county): county is CountyCode => !!county && isCountyCode(county));

  const attributeTerms = [
    ...ATTRIBUTE_TERMS.fees[service.fees],
    ...service.providerTypes.flatMap(
      (type) => ATTRIBUTE_TERMS.providers[type as ProviderType] ?? [],
    ),
    ...service.deliveryMethods.flatMap(
      (method) => ATTRIBUTE_TERMS.delivery[method as DeliveryMethod] ?? [],
    ),
    ...service.populations.flatMap(
      (population) => ATTRIBUTE_TERMS.populations[population as Population] ?? [],
    ),
    ...(service.takesDetainedCases ? ["detained", "detention"] : []),
  ];

  const base = {
    serviceId: service.id,
    organizationId: organization.id,
    organizationSlug: organization.slug,
    organizationName: organization.name,
    serviceName: service.name,
    serviceDescription: service.description,
    originalLanguage: original,
    sortName: service.name.toLocaleLowerCase("en-US"),
    serviceNames: texts.name,
    serviceDescriptions: texts.description,
    organizationDescriptions: record.organizationDescriptions,
    alternateNames: [
      service.alternateName,
      organization.alternateName,
      // Imported taxonomy terms without a Puente category stay findable (app/hsds/import).
      ...(service.keywords ?? []),
    ].filter((name): name is string => !!name),
    categories,
    categoryNames,
    categoryKeywords,
    attributeTerms: [...new Set(attributeTerms)],
    languages,
    languageBases: [...new Set(languages.map((code) => code.split("-")[0]!))],
    fees: service.fees,
    acceptingNewClients: service.acceptingNewClients,
    rankAccepting: service.acceptingNewClients ? 1 : 0,
    rankSpeaks: Object.fromEntries(
      INTERFACE_LANGUAGE_BASES.map((base) => [
        base,
        languages.some((code) => code.split("-")[0]!.toLowerCase() === base) ? 1 : 0,
      ]),
    ),
    takesDetainedCases: service.takesDetainedCases,
    deliveryMethods: service.deliveryMethods as DeliveryMethod[],
    populations: service.populations as Population[],
    courtsServed: service.courtsServed as Court[],
    providerTypes: service.providerTypes as ProviderType[],
    lastVerified,
    stale: isListingStale(lastVerified, now),
    buildVersion,
  } satisfies Partial<ServiceDocument>;

  if (record.placements.length === 0) {
    const hours = hoursAt(record, null);
    return [
      {
        ...base,
        id: documentId(service.id, null),
        locationId: null,
        address: null,
        confidentialLocation: false,
        county: null,
        counties: areaCounties,
        city: null,
        postalCode: null,
        placeTerms: areaCounties.length < COUNTY_CODES.length ? areaCounties.map(countyName) : [],
        hasGeo: false,
        phone: phoneAt(record, null),
        hours,
        open_slots: openSlots(hours),
        timeZone: coalition().timeZone,
      },
    ];
  }

  return record.placements.map(({ location }): ServiceDocument => {
    const county = isCountyCode(location.county) ? location.county : null;
    const counties = [...new Set([...(county ? [county] : []), ...areaCounties])];
    const hours = hoursAt(record, location.id);
    // A confidential location (a shelter) arrives without address or point: never placed.
    const address = location.address;
    const postalCode = address ? address.postalCode.slice(0, 5) : null;
    return {
      ...base,
      id: documentId(service.id, location.id),
      locationId: location.id,
      address: address
        ? {
            line1: address.line1,
            line2: address.line2,
            city: address.city,
            postalCode: address.postalCode,
          }
        : null,
      confidentialLocation: location.confidential,
      county,
      counties,
      city: address?.city ?? null,
      postalCode,
      placeTerms: address
        ? [address.city, postalCode!, ...(county ? [countyName(county)] : [])]
        : counties.map(countyName),
      ...(location.geo ? { _geo: location.geo } : {}),
      hasGeo: location.geo !== null,
      phone: phoneAt(record, location.id),
      hours,
      open_slots: openSlots(hours),
      timeZone: location.timeZone,
    };
  });
}

function countyName(code: CountyCode): string {
  // "Brooklyn (Kings)" -> "Brooklyn Kings": both names people use.
  return COUNTIES[code].name.replace(/[()]/g, "");
}

/**
 * Every document, in pages of `batchSize` services (ordered by id, keyset pagination), with
 * the category texts read once.
 */
export async function* allDocuments(
  db: DbOrTx,
  batchSize = 1000,
): AsyncGenerator<ServiceDocument[]> {
  const categoryTexts = await loadCategoryTexts(db);
  let after: string | undefined;
  for (;;) {
    const page = await db
      .select({ id: services.id })
      .from(services)
      .innerJoin(organizations, eq(organizations.id, services.organizationId))
      .where(
        and(
          eq(services.status, "active"),
          eq(organizations.status, "published"),
          after ? gt(services.id, after) : undefined,
        ),
      )
      .orderBy(asc(services.id))
      .limit(batchSize);
    if (page.length === 0) return;
    after = page.at(-1)!.id;
    const { documents } = await buildDocuments(
      db,
      page.map((row) => row.id),
      { categoryTexts },
    );
    yield documents;
    if (page.length < batchSize) return;
  }
}

/** How many documents the database holds: one per service at a location, or per remote service. */
export async function countExpectedDocuments(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .leftJoin(serviceAtLocation, eq(serviceAtLocation.serviceId, services.id))
    .where(and(eq(services.status, "active"), eq(organizations.status, "published")));
  return row?.count ?? 0;
}

/** The hit the page shows, in the visitor's language where a translation exists. */
export function documentToHit(
  document: ServiceDocument,
  locale: string,
  now = new Date(),
): SearchHit {
  const original = document.originalLanguage;
  const description = pickLocalized(document.serviceDescriptions ?? {}, original, locale);
  const name = pickLocalized(document.serviceNames ?? {}, original, locale);
  return {
    id: document.id,
    serviceId: document.serviceId,
    locationId: document.locationId,
    serviceName: name?.text ?? document.serviceName,
    serviceDescription: description?.text ?? document.serviceDescription,
    textLanguage: description?.lang ?? original,
    organizationName: document.organizationName,
    organizationId: document.organizationId,
    organizationSlug: document.organizationSlug,
    categories: document.categories,
    languages: document.languages,
    fees: document.fees,
    acceptingNewClients: document.acceptingNewClients,
    takesDetainedCases: document.takesDetainedCases,
    deliveryMethods: document.deliveryMethods,
    populations: document.populations,
    courtsServed: document.courtsServed,
    providerTypes: document.providerTypes,
    address: document.address,
    confidentialLocation: document.confidentialLocation,
    county: document.county,
    geo: document._geo ?? null,
    phone: document.phone,
    hours: document.hours,
    timeZone: document.timeZone,
    lastVerified: document.lastVerified,
    stale: isListingStale(document.lastVerified, now),
  };
}
