import { text } from "./normalise";
import type {
  Origin,
  Problem,
  RawHours,
  RawLocation,
  RawOrganization,
  RawPhone,
  RawService,
  RawTerm,
} from "./types";

/*
 * HSDS 3.0 JSON as other systems produce it: a full service, an array of full services, a Page
 * of them ({ contents: [...] }), or an organization with its services (also in arrays and
 * pages). Services are grouped under their organization; locations are shared by id.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const str = (value: unknown) => text(value);
/** A row of a tabular package says where it was read (read-tabular.ts); JSON rows use their record's. */
const originOf = (row: Json, fallback: Origin): Origin =>
  isObject(row.__origin) ? (row.__origin as unknown as Origin) : fallback;

function phonesOf(value: unknown, origin: Origin): RawPhone[] {
  return list(value).flatMap((phone) => {
    const number = str(phone.number);
    if (!number) return [];
    return [
      {
        sourceId: str(phone.id),
        number,
        extension: typeof phone.extension === "number" ? phone.extension : str(phone.extension),
        type: str(phone.type),
        description: str(phone.description),
        languages: list(phone.languages).flatMap((l) => str(l.code) ?? str(l.name) ?? []),
        origin: originOf(phone, origin),
      },
    ];
  });
}

function hoursOf(value: unknown, origin: Origin): RawHours[] {
  return list(value).map((row) => ({
    byday: str(row.byday),
    freq: str(row.freq),
    opensAt: str(row.opens_at),
    closesAt: str(row.closes_at),
    text: !str(row.byday) && !str(row.opens_at) ? str(row.description) : undefined,
    origin: originOf(row, origin),
  }));
}

function termsOf(attributes: unknown): RawTerm[] {
  return list(attributes).flatMap((attribute) => {
    const term = isObject(attribute.taxonomy_term) ? attribute.taxonomy_term : undefined;
    if (!term) return [];
    const detail = isObject(term.taxonomy_detail) ? term.taxonomy_detail : undefined;
    return [
      {
        taxonomy: str(term.taxonomy) ?? str(detail?.name),
        code: str(term.code),
        name: str(term.name),
      },
    ];
  });
}

function locationOf(location: Json, origin: Origin, fallbackId: string): RawLocation {
  const address =
    list(location.addresses).find((a) => str(a.address_type) === "physical") ??
    list(location.addresses)[0];
  const accessibility = list(location.accessibility)
    .map((a) => str(a.description))
    .filter(Boolean)
    .join("\n");
  return {
    sourceId: str(location.id) ?? fallbackId,
    name: str(location.name),
    description: str(location.description),
    address1: str(address?.address_1),
    address2: str(address?.address_2),
    city: str(address?.city),
    state: str(address?.state_province),
    postalCode: str(address?.postal_code),
    country: str(address?.country),
    latitude: (location.latitude as number | string | undefined) ?? undefined,
    longitude: (location.longitude as number | string | undefined) ?? undefined,
    accessibility: accessibility || undefined,
    transportation: str(location.transportation),
    phones: phonesOf(location.phones, origin),
    origin,
  };
}

function organizationOf(value: Json, origin: Origin, fallbackId: string): RawOrganization {
  return {
    sourceId: str(value.id) ?? fallbackId,
    name: str(value.name),
    alternateName: str(value.alternate_name),
    description: str(value.description),
    email: str(value.email),
    website: str(value.website) ?? str(value.url),
    phones: phonesOf(value.phones, origin),
    locations: [],
    services: [],
    origin,
  };
}

export class JsonCollector {
  readonly organizations = new Map<string, RawOrganization>();
  readonly problems: Problem[] = [];

  constructor(private readonly file: string) {}

  private organizationFor(value: unknown, origin: Origin, fallbackId: string): RawOrganization {
    const incoming = isObject(value) ? organizationOf(value, origin, fallbackId) : undefined;
    const id = incoming?.sourceId ?? fallbackId;
    let organization = this.organizations.get(id);
    if (!organization) {
      organization = incoming ?? {
        sourceId: id,
        phones: [],
        locations: [],
        services: [],
        origin,
      };
      this.organizations.set(id, organization);
    }
    return organization;
  }

  private addLocation(organization: RawOrganization, location: RawLocation): string {
    if (!organization.locations.some((l) => l.sourceId === location.sourceId))
      organization.locations.push(location);
    return location.sourceId;
  }

  addService(service: Json, origin: Origin, organizationValue?: Json): void {
    const organizationId = str(service.organization_id);
    const organization = this.organizationFor(
      organizationValue ?? service.organization ?? { id: organizationId },
      origin,
      organizationId ?? `service:${str(service.id) ?? origin.row}`,
    );
    const serviceId = str(service.id) ?? `${organization.sourceId}:${str(service.name)}`;
    const hours = hoursOf(service.schedules, origin);
    const locationIds: string[] = [];
    const hoursAt: RawService["hoursAt"] = [];
    for (const [index, at] of list(service.service_at_locations).entries()) {
      const location = isObject(at.location) ? at.location : { id: at.location_id };
      const locationId = this.addLocation(
        organization,
        locationOf(location, origin, `${serviceId}:at:${index}`),
      );
      locationIds.push(locationId);
      // Hours given per place are the service's hours there; its own apply elsewhere.
      hoursAt.push({ locationId, hours: hoursOf(at.schedules, origin) });
      organization.phones.push(...phonesOf(at.phones, origin));
    }
    if (organization.services.some((s) => s.sourceId === serviceId)) {
      this.problems.push({ ...origin, field: "id", message: `duplicate service id ${serviceId}` });
      return;
    }
    organization.services.push({
      sourceId: serviceId,
      name: str(service.name),
      alternateName: str(service.alternate_name),
      description: str(service.description),
      url: str(service.url),
      email: str(service.email),
      status: str(service.status),
      applicationProcess: str(service.application_process),
      feesDescription: str(service.fees_description),
      eligibilityDescription: str(service.eligibility_description),
      assuredDate: str(service.assured_date),
      languages: list(service.languages).flatMap((l) => str(l.code) ?? str(l.name) ?? []),
      terms: termsOf(service.attributes),
      areas: list(service.service_areas).flatMap((area) => str(area.name) ?? []),
      phones: phonesOf(service.phones, origin),
      hours,
      locationIds,
      hoursAt,
      origin,
    });
  }

  addOrganization(value: Json, origin: Origin): void {
    const organization = this.organizationFor(value, origin, `organization:${origin.row}`);
    for (const location of list(value.locations))
      this.addLocation(organization, locationOf(location, origin, `${organization.sourceId}:loc`));
    for (const service of list(value.services)) this.addService(service, origin, value);
  }

  /** Any of the accepted shapes; anything else is reported. */
  add(value: unknown, row = 1): void {
    const origin = { file: this.file, row };
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.add(item, index + 1));
      return;
    }
    if (!isObject(value)) {
      this.problems.push({ ...origin, field: "", message: "not an HSDS object", refused: true });
      return;
    }
    if (Array.isArray(value.contents)) {
      value.contents.forEach((item, index) => this.add(item, index + 1));
      return;
    }
    if ("services" in value || "organization_identifiers" in value || "website" in value) {
      if (!("service_at_locations" in value) && !("organization_id" in value)) {
        this.addOrganization(value, origin);
        return;
      }
    }
    if ("name" in value) {
      this.addService(value, origin);
      return;
    }
    this.problems.push({
      ...origin,
      field: "",
      message: "neither an HSDS service nor an organization",
      refused: true,
    });
  }
}

export function readHsdsJson(
  file: string,
  contents: string,
): { organizations: RawOrganization[]; problems: Problem[] } {
  const collector = new JsonCollector(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(contents);
  } catch (error) {
    return {
      organizations: [],
      problems: [
        {
          file,
          row: 1,
          field: "",
          message: `not JSON: ${(error as Error).message}`,
          refused: true,
        },
      ],
    };
  }
  collector.add(parsed);
  return { organizations: [...collector.organizations.values()], problems: collector.problems };
}
