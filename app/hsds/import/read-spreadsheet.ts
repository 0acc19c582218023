import { parseCsv } from "./csv";
import { splitList, text } from "./normalise";
import type { Origin, Problem, RawHours, RawOrganization, RawService } from "./types";

/*
 * A coalition's spreadsheet (docs/import-template.csv): one row per service at a location.
 * Rows of the same organization (by organization_id, else name) and the same service (by
 * service_id, else name) are gathered; a location is an organization's address. Ids of rows
 * without ids are derived from names and addresses, so a re-import updates the same listings.
 */

export const TEMPLATE_COLUMNS = [
  "organization_id",
  "organization_name",
  "organization_description",
  "organization_website",
  "organization_email",
  "service_id",
  "service_name",
  "service_description",
  "categories",
  "languages",
  "fees_description",
  "eligibility",
  "application_process",
  "service_url",
  "service_email",
  "location_name",
  "address_1",
  "address_2",
  "city",
  "state",
  "postal_code",
  "latitude",
  "longitude",
  "phone",
  "phone_extension",
  "hours",
  "weekday",
  "opens_at",
  "closes_at",
  "service_areas",
] as const;

const key = (value: string) => value.trim().toLowerCase().replace(/\s+/g, " ");

export function readSpreadsheet(
  file: string,
  contents: string,
): { organizations: RawOrganization[]; problems: Problem[] } {
  const { header, rows } = parseCsv(contents);
  const problems: Problem[] = [];
  const known = new Set<string>(TEMPLATE_COLUMNS);
  for (const column of header)
    if (column && !known.has(column))
      problems.push({ file, row: 1, field: column, message: "unknown column; left out" });
  if (!header.includes("organization_name") || !header.includes("service_name")) {
    problems.push({
      file,
      row: 1,
      field: "",
      message: "needs the columns organization_name and service_name (docs/import-template.csv)",
      refused: true,
    });
    return { organizations: [], problems };
  }
  const organizations = new Map<string, RawOrganization>();
  for (const { line, values } of rows) {
    const origin: Origin = { file, row: line };
    const v = (column: string) => text(values[column]);
    const organizationName = v("organization_name");
    const serviceName = v("service_name");
    if (!organizationName || !serviceName) {
      problems.push({
        ...origin,
        field: !organizationName ? "organization_name" : "service_name",
        message: "empty; row not imported",
        refused: true,
      });
      continue;
    }
    const organizationKey = v("organization_id") ?? `name:${key(organizationName)}`;
    let organization = organizations.get(organizationKey);
    if (!organization) {
      organization = {
        sourceId: organizationKey,
        name: organizationName,
        description: v("organization_description"),
        website: v("organization_website"),
        email: v("organization_email"),
        phones: [],
        locations: [],
        services: [],
        origin,
      };
      organizations.set(organizationKey, organization);
    }
    let locationId: string | undefined;
    if (v("address_1") || v("postal_code")) {
      locationId = `${organizationKey}|${key(v("address_1") ?? "")}|${(v("postal_code") ?? "").slice(0, 5)}`;
      if (!organization.locations.some((l) => l.sourceId === locationId))
        organization.locations.push({
          sourceId: locationId,
          name: v("location_name"),
          address1: v("address_1"),
          address2: v("address_2"),
          city: v("city"),
          state: v("state"),
          postalCode: v("postal_code"),
          latitude: v("latitude"),
          longitude: v("longitude"),
          phones: [],
          origin,
        });
    } else if (v("city"))
      problems.push({
        ...origin,
        field: "address_1",
        message: "no street address: the service is listed without this place",
      });
    const serviceKey = v("service_id") ?? `${organizationKey}|${key(serviceName)}`;
    let service: RawService | undefined = organization.services.find(
      (s) => s.sourceId === serviceKey,
    );
    if (!service) {
      service = {
        sourceId: serviceKey,
        name: serviceName,
        description: v("service_description"),
        url: v("service_url"),
        email: v("service_email"),
        feesDescription: v("fees_description"),
        eligibilityDescription: v("eligibility"),
        applicationProcess: v("application_process"),
        languages: [],
        terms: [],
        areas: [],
        phones: [],
        hours: [],
        locationIds: [],
        hoursAt: [],
        origin,
      };
      organization.services.push(service);
    }
    if (locationId && !service.locationIds.includes(locationId))
      service.locationIds.push(locationId);
    for (const language of splitList(v("languages") ?? ""))
      if (!service.languages.includes(language)) service.languages.push(language);
    for (const term of splitList(v("categories") ?? ""))
      if (!service.terms.some((t) => t.name === term)) service.terms.push({ name: term });
    for (const area of splitList(v("service_areas") ?? ""))
      if (!service.areas.includes(area)) service.areas.push(area);
    const hours: RawHours | undefined = v("hours")
      ? { text: v("hours"), origin }
      : v("weekday") || v("opens_at")
        ? { byday: v("weekday"), opensAt: v("opens_at"), closesAt: v("closes_at"), origin }
        : undefined;
    if (hours) service.hours.push(hours);
    const phone = v("phone");
    if (phone && !service.phones.some((p) => p.number === phone))
      service.phones.push({
        number: phone,
        extension: v("phone_extension"),
        languages: [],
        origin,
      });
  }
  return { organizations: [...organizations.values()], problems };
}
