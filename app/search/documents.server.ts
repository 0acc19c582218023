import { createHash } from "node:crypto";
import { and, asc, eq, gt, sql, type AnyColumn, type SQL } from "drizzle-orm";
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
  taxonomyTermTranslations,
  taxonomyTerms,
} from "#db/schema";
import type { DbOrTx } from "~/db.server";
import type { CategoryCode } from "#db/codes/categories";
import { COUNTIES } from "~/geo/counties";
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
  /** "ISO weekday-hour" in New York time ("1-09" = Monday 9-10 am) when open at least half of that hour. */
  open_slots: string[];
  lastVerified: string | null;
  /** As of indexing; searchServices recomputes it at query time. */
  stale: boolean;
  /** DOCUMENT_VERSION and a fingerprint of the category texts the document was built with. */
  buildVersion: string;
}

export const STALE_AFTER_DAYS = 180;
export const SEARCH_TIME_ZONE = "America/New_York";

export function documentId(serviceId: string, locationId: string | null): string {
  return locationId ? `${serviceId}__${locationId}` : serviceId;
}

export function isStale(lastVerified: string | null, now = new Date()): boolean {
  if (!lastVerified) return true;
  const verified = Date.parse(`${lastVerified}T00:00:00Z`);
  return now.getTime() - verified > STALE_AFTER_DAYS * 24 * 60 * 60 * 1000;
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

/** The slot it is now in New York ("3-14" = Wednesday 2 pm), for the open_now filter. */
export function currentSlot(now = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: SEARCH_TIME_ZONE,
    weekday: "short",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(
    parts.find((part) => part.type === "weekday")!.value,
  );
  const hour = parts.find((part) => part.type === "hour")!.value.padStart(2, "0");
  return `${weekday + 1}-${hour}`;
}

/** A number for a `tel:` link: "+12125551234", with ";ext=12" when there is an extension. */
export function telOf(number: string, extension: string | null): string {
  let digits = number.replace(/[^0-9+]/g, "");
  if (!digits.startsWith("+")) {
    if (digits.length === 10) digits = `+1${digits}`;
    else if (digits.length === 11 && digits.startsWith("1")) digits = `+${digits}`;
  }
  return extension ? `${digits};ext=${extension.replace(/[^0-9]/g, "")}` : digits;
}

/**
 * `column = ANY('{...}'::uuid[])`: one parameter however many ids (an IN list of a thousand
 * parameters took twice as long to plan and run).
 */
function anyId(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = ANY(${`{${ids.join(",")}}`}::uuid[])`;
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
export const DOCUMENT_VERSION = 1;

/** Category names and search words in every locale (a small table: read whole, once per build). */
export async function loadCategoryTexts(db: DbOrTx): Promise<CategoryTexts> {
  const [terms, translations] = await Promise.all([
    db
      .select({ id: taxonomyTerms.id, code: taxonomyTerms.code, name: taxonomyTerms.name })
      .from(taxonomyTerms)
      .orderBy(asc(taxonomyTerms.code)),
    db
      .select()
      .from(taxonomyTermTranslations)
      .orderBy(asc(taxonomyTermTranslations.termId), asc(taxonomyTermTranslations.locale)),
  ]);
  const byTermId = new Map<string, { code: string } & TermText>();
  for (const term of terms) byTermId.set(term.id, { code: term.code, names: {}, keywords: {} });
  for (const translation of translations) {
    const term = byTermId.get(translation.termId);
    if (!term) continue;
    term.names[translation.locale] = [translation.name];
    if (translation.keywords.length > 0) term.keywords[translation.locale] = translation.keywords;
  }
  for (const term of terms) {
    const entry = byTermId.get(term.id)!;
    entry.names.en ??= [term.name];
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

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
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
  const ids = [...new Set(serviceIds)];
  if (ids.length === 0) return { documents: [], indexedServiceIds: new Set() };
  const now = options.now ?? new Date();

  const rows = await db
    .select({ service: services, organization: organizations })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(
      and(
        anyId(services.id, ids),
        eq(services.status, "active"),
        eq(organizations.status, "published"),
      ),
    );
  if (rows.length === 0) return { documents: [], indexedServiceIds: new Set() };

  const liveIds = rows.map((row) => row.service.id);
  const organizationIds = [...new Set(rows.map((row) => row.organization.id))];

  const [
    serviceTexts,
    organizationTexts,
    placements,
    phoneRows,
    scheduleRows,
    languageRows,
    areaRows,
    taxonomyRows,
    { byTermId: categoryTexts, buildVersion },
  ] = await Promise.all([
    db.select().from(serviceTranslations).where(anyId(serviceTranslations.serviceId, liveIds)),
    db
      .select()
      .from(organizationTranslations)
      .where(anyId(organizationTranslations.organizationId, organizationIds)),
    db
      .select({ serviceId: serviceAtLocation.serviceId, location: locations })
      .from(serviceAtLocation)
      .innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
      .where(anyId(serviceAtLocation.serviceId, liveIds))
      .orderBy(asc(locations.id)),
    db
      .select()
      .from(phones)
      .where(anyId(phones.organizationId, organizationIds))
      .orderBy(asc(phones.position), asc(phones.createdAt)),
    db
      .select()
      .from(schedules)
      .where(anyId(schedules.serviceId, liveIds))
      .orderBy(asc(schedules.weekday), asc(schedules.opensAt)),
    db
      .select({ serviceId: serviceLanguages.serviceId, code: serviceLanguages.code })
      .from(serviceLanguages)
      .where(anyId(serviceLanguages.serviceId, liveIds))
      .orderBy(asc(serviceLanguages.code)),
    db.select().from(serviceAreas).where(anyId(serviceAreas.serviceId, liveIds)),
    db
      .select({ serviceId: serviceTaxonomy.serviceId, termId: serviceTaxonomy.termId })
      .from(serviceTaxonomy)
      .where(anyId(serviceTaxonomy.serviceId, liveIds)),
    options.categoryTexts ?? loadCategoryTexts(db),
  ]);

  const serviceTextsById = groupBy(serviceTexts, (row) => row.serviceId);
  const organizationTextsById = groupBy(organizationTexts, (row) => row.organizationId);
  const placementsById = groupBy(placements, (row) => row.serviceId);
  const phonesByOrganization = groupBy(phoneRows, (row) => row.organizationId);
  const schedulesById = groupBy(scheduleRows, (row) => row.serviceId);
  const languagesById = groupBy(languageRows, (row) => row.serviceId);
  const areasById = groupBy(areaRows, (row) => row.serviceId);
  const termsById = groupBy(taxonomyRows, (row) => row.serviceId);

  const documents: ServiceDocument[] = [];
  for (const { service, organization } of rows) {
    const original = organization.originalLanguage;

    const serviceNames: Record<string, string> = {};
    const serviceDescriptions: Record<string, string> = {};
    for (const translation of serviceTextsById.get(service.id) ?? []) {
      if (translation.name) serviceNames[translation.locale] = translation.name;
      if (translation.description)
        serviceDescriptions[translation.locale] = translation.description;
    }
    serviceNames[original] = service.name;
    if (service.description) serviceDescriptions[original] = service.description;

    const organizationDescriptions: Record<string, string> = {};
    for (const translation of organizationTextsById.get(organization.id) ?? [])
      organizationDescriptions[translation.locale] = translation.description;
    if (organization.description) organizationDescriptions[original] = organization.description;

    const categories: CategoryCode[] = [];
    const categoryNames: Record<string, string[]> = {};
    const categoryKeywords: Record<string, string[]> = {};
    for (const { termId } of termsById.get(service.id) ?? []) {
      const term = categoryTexts.get(termId);
      if (!term) continue;
      categories.push(term.code as CategoryCode);
      for (const [locale, names] of Object.entries(term.names))
        pushAll(categoryNames, locale, names);
      for (const [locale, words] of Object.entries(term.keywords))
        pushAll(categoryKeywords, locale, words);
    }
    categories.sort();

    const languages = (languagesById.get(service.id) ?? []).map((row) => row.code);
    const areas = areasById.get(service.id) ?? [];
    const areaCounties: CountyCode[] = areas.some((area) => area.statewide)
      ? [...COUNTY_CODES]
      : areas
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

    const serviceSchedules = schedulesById.get(service.id) ?? [];
    const servicePhones = (phonesByOrganization.get(organization.id) ?? []).filter(
      (phone) =>
        phone.type !== "fax" && (phone.serviceId === null || phone.serviceId === service.id),
    );
    const lastVerified = service.assuredDate ?? organization.assuredDate ?? null;

    const base = {
      serviceId: service.id,
      organizationId: organization.id,
      organizationSlug: organization.slug,
      organizationName: organization.name,
      serviceName: service.name,
      serviceDescription: service.description,
      originalLanguage: original,
      sortName: service.name.toLocaleLowerCase("en-US"),
      serviceNames,
      serviceDescriptions,
      organizationDescriptions,
      alternateNames: [service.alternateName, organization.alternateName].filter(
        (name): name is string => !!name,
      ),
      categories,
      categoryNames,
      categoryKeywords,
      attributeTerms: [...new Set(attributeTerms)],
      languages,
      languageBases: [...new Set(languages.map((code) => code.split("-")[0]!))],
      fees: service.fees,
      acceptingNewClients: service.acceptingNewClients,
      takesDetainedCases: service.takesDetainedCases,
      deliveryMethods: service.deliveryMethods as DeliveryMethod[],
      populations: service.populations as Population[],
      courtsServed: service.courtsServed as Court[],
      providerTypes: service.providerTypes as ProviderType[],
      lastVerified,
      stale: isStale(lastVerified, now),
      buildVersion,
    } satisfies Partial<ServiceDocument>;

    const hoursFor = (locationId: string | null): WeeklyHours[] => {
      const specific = locationId
        ? serviceSchedules.filter((row) => row.locationId === locationId)
        : [];
      const chosen =
        specific.length > 0 ? specific : serviceSchedules.filter((row) => row.locationId === null);
      return chosen.map((row) => ({
        weekday: row.weekday,
        opensAt: hhmm(row.opensAt),
        closesAt: hhmm(row.closesAt),
      }));
    };

    const phoneFor = (locationId: string | null): SearchHit["phone"] => {
      const rank = (phone: (typeof servicePhones)[number]) => {
        if (phone.locationId !== null && phone.locationId !== locationId) return -1;
        const serviceScore = phone.serviceId === service.id ? 2 : 0;
        const locationScore = phone.locationId !== null ? 1 : 0;
        const typeScore = phone.type === "voice" || phone.type === "hotline" ? 0.5 : 0;
        return serviceScore + locationScore + typeScore;
      };
      let best: (typeof servicePhones)[number] | undefined;
      let bestRank = -1;
      for (const phone of servicePhones) {
        const score = rank(phone);
        if (score > bestRank) [best, bestRank] = [phone, score];
      }
      if (!best) return null;
      return {
        number: best.extension ? `${best.number} ext. ${best.extension}` : best.number,
        tel: telOf(best.number, best.extension),
      };
    };

    const serviceLocations = placementsById.get(service.id) ?? [];
    if (serviceLocations.length === 0) {
      const hours = hoursFor(null);
      documents.push({
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
        phone: phoneFor(null),
        hours,
        open_slots: openSlots(hours),
      });
      continue;
    }

    for (const { location } of serviceLocations) {
      const county = isCountyCode(location.county) ? location.county : null;
      const counties = [...new Set([...(county ? [county] : []), ...areaCounties])];
      const hours = hoursFor(location.id);
      const hasGeo =
        !location.confidential && location.latitude !== null && location.longitude !== null;
      // A confidential location (a shelter) is never placed: no address, no point, no ZIP.
      const confidential = location.confidential;
      documents.push({
        ...base,
        id: documentId(service.id, location.id),
        locationId: location.id,
        address: confidential
          ? null
          : {
              line1: location.address1,
              line2: location.address2,
              city: location.city,
              postalCode: location.postalCode,
            },
        confidentialLocation: confidential,
        county,
        counties,
        city: confidential ? null : location.city,
        postalCode: confidential ? null : location.postalCode.slice(0, 5),
        placeTerms: confidential
          ? counties.map(countyName)
          : [
              location.city,
              location.postalCode.slice(0, 5),
              ...(county ? [countyName(county)] : []),
            ],
        ...(hasGeo ? { _geo: { lat: location.latitude!, lng: location.longitude! } } : {}),
        hasGeo,
        phone: phoneFor(location.id),
        hours,
        open_slots: openSlots(hours),
      });
    }
  }
  return { documents, indexedServiceIds: new Set(liveIds) };
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
  const pick = (texts: Record<string, string>) => {
    if (texts[locale]) return { text: texts[locale], language: locale };
    const prefix = locale.split("-")[0]!;
    const match = Object.keys(texts).find((key) => key === prefix || key.startsWith(`${prefix}-`));
    return match ? { text: texts[match]!, language: match } : undefined;
  };
  const description = pick(document.serviceDescriptions ?? {});
  const name = pick(document.serviceNames ?? {});
  return {
    id: document.id,
    serviceId: document.serviceId,
    locationId: document.locationId,
    serviceName: name?.text ?? document.serviceName,
    serviceDescription: description?.text ?? document.serviceDescription,
    textLanguage: description?.language ?? document.originalLanguage,
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
    lastVerified: document.lastVerified,
    stale: isStale(document.lastVerified, now),
  };
}
