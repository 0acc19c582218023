// placeholder, replaced at merge (the search branch owns Meilisearch and the Postgres fallback).
// Loads every active service in memory and filters in JS: enough to drive the page in dev.
import { and, eq, inArray } from "drizzle-orm";
import {
  locations,
  organizations,
  phones,
  schedules,
  serviceAtLocation,
  serviceLanguages,
  services,
  serviceTaxonomy,
  taxonomyTerms,
} from "#db/schema";
import type { Database } from "~/db.server";
import type { CategoryCode } from "~/directory/taxonomy";
import type {
  CountyCode,
  Court,
  DeliveryMethod,
  Population,
  ProviderType,
} from "~/directory/vocabulary";
import type { Facets, SearchHit, SearchQuery, SearchResult } from "./types";

function miles(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 3958.8 * 2 * Math.asin(Math.sqrt(h));
}

export async function searchServices(db: Database, query: SearchQuery): Promise<SearchResult> {
  const rows = await db
    .select({ service: services, org: organizations })
    .from(services)
    .innerJoin(organizations, eq(services.organizationId, organizations.id))
    .where(and(eq(services.status, "active"), eq(organizations.status, "published")));
  const ids = rows.map((row) => row.service.id);
  const none = ["00000000-0000-0000-0000-000000000000"];
  const ids_ = ids.length ? ids : none;
  const [links, languageRows, categoryRows, phoneRows, scheduleRows] = await Promise.all([
    db
      .select({ serviceId: serviceAtLocation.serviceId, location: locations })
      .from(serviceAtLocation)
      .innerJoin(locations, eq(serviceAtLocation.locationId, locations.id))
      .where(inArray(serviceAtLocation.serviceId, ids_)),
    db.select().from(serviceLanguages).where(inArray(serviceLanguages.serviceId, ids_)),
    db
      .select({ serviceId: serviceTaxonomy.serviceId, code: taxonomyTerms.code })
      .from(serviceTaxonomy)
      .innerJoin(taxonomyTerms, eq(serviceTaxonomy.termId, taxonomyTerms.id))
      .where(inArray(serviceTaxonomy.serviceId, ids_)),
    db.select().from(phones).where(inArray(phones.serviceId, ids_)),
    db.select().from(schedules).where(inArray(schedules.serviceId, ids_)),
  ]);
  const hits: SearchHit[] = [];
  for (const { service, org } of rows) {
    const base = {
      serviceId: service.id,
      serviceName: service.name,
      serviceDescription: service.description,
      organizationName: org.name,
      organizationSlug: org.slug,
      categories: categoryRows
        .filter((r) => r.serviceId === service.id)
        .map((r) => r.code as CategoryCode),
      languages: languageRows.filter((r) => r.serviceId === service.id).map((r) => r.code),
      fees: service.fees,
      acceptingNewClients: service.acceptingNewClients,
      takesDetainedCases: service.takesDetainedCases,
      deliveryMethods: service.deliveryMethods as DeliveryMethod[],
      populations: service.populations as Population[],
      courtsServed: service.courtsServed as Court[],
      providerTypes: service.providerTypes as ProviderType[],
      lastVerified: service.assuredDate,
      stale:
        !service.assuredDate || Date.now() - Date.parse(service.assuredDate) > 180 * 86_400_000,
    };
    const phone = phoneRows.find((r) => r.serviceId === service.id);
    const serviceLocations = links.filter((l) => l.serviceId === service.id).map((l) => l.location);
    const targets = serviceLocations.length ? serviceLocations : [null];
    for (const location of targets) {
      const geo =
        location &&
        !location.confidential &&
        location.latitude !== null &&
        location.longitude !== null
          ? { lat: location.latitude, lng: location.longitude! }
          : null;
      hits.push({
        ...base,
        id: location ? `${service.id}:${location.id}` : service.id,
        locationId: location?.id ?? null,
        address:
          location && !location.confidential
            ? {
                line1: location.address1,
                line2: location.address2,
                city: location.city,
                postalCode: location.postalCode,
              }
            : null,
        confidentialLocation: location?.confidential ?? false,
        county: (location?.county as CountyCode | undefined) ?? null,
        geo,
        phone: phone ? { number: phone.number, tel: phone.number.replace(/[^0-9+]/g, "") } : null,
        hours: scheduleRows
          .filter(
            (s) =>
              s.serviceId === service.id &&
              (s.locationId === null || s.locationId === location?.id),
          )
          .map((s) => ({
            weekday: s.weekday,
            opensAt: s.opensAt.slice(0, 5),
            closesAt: s.closesAt.slice(0, 5),
          })),
        distanceMiles:
          query.near && geo
            ? miles({ lat: query.near.latitude, lng: query.near.longitude }, geo)
            : undefined,
      });
    }
  }
  const words = query.q.toLowerCase();
  const matching = hits.filter(
    (hit) =>
      (!words ||
        `${hit.serviceName} ${hit.serviceDescription} ${hit.organizationName} ${hit.categories.join(" ")}`
          .toLowerCase()
          .includes(words)) &&
      query.categories.every((c) => hit.categories.includes(c)) &&
      query.languages.every((c) => hit.languages.includes(c)) &&
      query.populations.every((c) => hit.populations.includes(c)) &&
      (!query.fees || hit.fees === query.fees) &&
      (!query.accepting || hit.acceptingNewClients) &&
      (!query.detained || hit.takesDetainedCases) &&
      (!query.delivery || hit.deliveryMethods.includes(query.delivery)) &&
      (!query.court || hit.courtsServed.includes(query.court)) &&
      (!query.provider || hit.providerTypes.includes(query.provider)) &&
      (!query.radius || (hit.distanceMiles !== undefined && hit.distanceMiles <= query.radius)),
  );
  if (query.near) matching.sort((a, b) => (a.distanceMiles ?? 1e9) - (b.distanceMiles ?? 1e9));
  const facets: Facets = {};
  const count = (name: keyof Facets, values: string[]) => {
    const facet = (facets[name] ??= {});
    for (const value of values) facet[value] = (facet[value] ?? 0) + 1;
  };
  for (const hit of matching) {
    count("categories", hit.categories);
    count("languages", hit.languages);
    count("fees", [hit.fees]);
    count("delivery", hit.deliveryMethods);
    count("populations", hit.populations);
    count("courts", hit.courtsServed);
    count("providers", hit.providerTypes);
    count("accepting", [String(hit.acceptingNewClients)]);
    count("detained", [String(hit.takesDetainedCases)]);
  }
  const start = (query.page - 1) * query.pageSize;
  return {
    hits: matching.slice(start, start + query.pageSize),
    facets,
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    totalPages: Math.max(1, Math.ceil(matching.length / query.pageSize)),
    engine: "postgres",
  };
}
