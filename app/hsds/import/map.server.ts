import { isCategoryCode, type CategoryCode } from "#db/codes/categories";
import { isCountyCode, type CountyCode } from "#db/codes/counties";
import {
  COURTS,
  FEE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
  type Court,
  type FeeType,
  type PhoneType,
  type Population,
  type ProviderType,
  type ServiceStatus,
} from "#db/codes/directory";
import type {
  LocationFields,
  OrganizationFields,
  PhoneFields,
  ServiceFields,
} from "~/directory/fields";
import { COUNTIES } from "~/geo/counties";
import { countyFipsOfZip, lookupZip, stateCode, unknownCountyOf } from "~/geo/zips.server";
import { derivedId, UUID } from "../ids";
import { mappedCategory, type TermMapping } from "./mapping.server";
import {
  hoursText,
  languageCode,
  normalisePhone,
  postalCode,
  stripHtml,
  timeOfDay,
  weekdays,
  type HoursRow,
} from "./normalise";
import type {
  Origin,
  Problem,
  RawHours,
  RawLocation,
  RawOrganization,
  RawPhone,
  RawService,
} from "./types";

/*
 * A read organization as the fields Puente's write path takes (app/directory/fields.ts), with
 * ids kept from the source (an HSDS UUID as is, any other id as a stable UUID derived from it)
 * so a later import of the same data finds and updates the same rows.
 */

export interface PlannedLocation {
  id: string;
  /** The address and point only: links, phones and hours of a location come in other ways. */
  fields: Omit<LocationFields, "phone" | "serviceIds" | "serviceHours">;
  state: string;
  country: string;
  origin: Origin;
}

export interface PlannedService {
  id: string;
  fields: ServiceFields;
  /** Its hours at some of its places, by planned location id (service_at_location schedules). */
  hoursAt: Record<string, HoursRow[]>;
  keywords: string[];
  assuredDate: string | null;
  origin: Origin;
}

export interface PlannedPhone {
  id: string;
  fields: PhoneFields;
  origin: Origin;
}

export interface PlannedOrganization {
  id: string;
  profile: Pick<OrganizationFields, "name" | "alternateName" | "description" | "website" | "email">;
  locations: PlannedLocation[];
  services: PlannedService[];
  phones: PlannedPhone[];
  origin: Origin;
}

/** The Puente id of a source record: its own id when it is a UUID, else one derived from it. */
export function importedId(kind: string, sourceId: string): string {
  return UUID.test(sourceId) ? sourceId.toLowerCase() : derivedId(`import:${kind}:${sourceId}`);
}

const clean = (value: string | undefined) => (value ? stripHtml(value) || null : null);

const STATUS: Record<string, ServiceStatus> = {
  active: "active",
  inactive: "paused",
  "temporarily closed": "paused",
  defunct: "archived",
};

const PHONE_TYPES: Record<string, PhoneType> = {
  voice: "voice",
  cell: "voice",
  hotline: "hotline",
  text: "text",
  sms: "text",
  fax: "fax",
  tty: "tty",
  textphone: "tty",
  video: "voice",
  pager: "voice",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

class Mapper {
  constructor(
    private readonly mapping: TermMapping,
    private readonly problems: Problem[],
  ) {}

  private report(origin: Origin, field: string, message: string, refused = false) {
    this.problems.push({ ...origin, field, message, ...(refused ? { refused } : {}) });
  }

  private languages(values: string[], origin: Origin, field: string): string[] {
    const codes = new Set<string>();
    for (const value of values) {
      const code = languageCode(value);
      if (code) codes.add(code);
      else this.report(origin, field, `unknown language "${value}" left out`);
    }
    return [...codes].sort();
  }

  phone(
    raw: RawPhone,
    organizationId: string,
    owner: { serviceId: string | null; locationId: string | null },
    index: number,
  ): PlannedPhone | undefined {
    const normalised = normalisePhone(raw.number, raw.extension);
    if (!normalised) {
      this.report(raw.origin, "phone", `"${raw.number}" is not a phone number; left out`);
      return undefined;
    }
    const type = raw.type ? PHONE_TYPES[raw.type.toLowerCase()] : "voice";
    if (!type) this.report(raw.origin, "phone type", `unknown type "${raw.type}"; voice used`);
    const ownerKey = owner.serviceId ?? owner.locationId ?? organizationId;
    return {
      id: importedId(
        "phone",
        raw.sourceId ?? `${ownerKey}:${normalised.number}:${normalised.extension ?? ""}:${index}`,
      ),
      fields: {
        number: normalised.number,
        extension: normalised.extension,
        type: type ?? "voice",
        description: clean(raw.description),
        languages: this.languages(raw.languages, raw.origin, "phone languages"),
        ...owner,
      },
      origin: raw.origin,
    };
  }

  location(raw: RawLocation): PlannedLocation | undefined {
    const id = importedId("location", raw.sourceId);
    const zip = raw.postalCode ? postalCode(raw.postalCode) : undefined;
    const missing = [
      !raw.address1 && "address_1",
      !raw.city && "city",
      !zip && "postal_code",
    ].filter(Boolean);
    if (missing.length > 0) {
      const given = raw.postalCode && !zip ? ` ("${raw.postalCode}" is not a US ZIP code)` : "";
      this.report(
        raw.origin,
        missing.join(", "),
        `location "${raw.name ?? raw.sourceId}" has no usable ${missing.join(", ")}${given}; left out`,
        true,
      );
      return undefined;
    }
    const known = lookupZip(zip!.slice(0, 5));
    let latitude = Number(raw.latitude);
    let longitude = Number(raw.longitude);
    const given =
      raw.latitude !== undefined &&
      raw.longitude !== undefined &&
      String(raw.latitude).trim() !== "" &&
      Number.isFinite(latitude) &&
      Number.isFinite(longitude) &&
      Math.abs(latitude) <= 90 &&
      Math.abs(longitude) <= 180;
    if (!given) {
      if (known) {
        latitude = known.latitude;
        longitude = known.longitude;
      } else {
        this.report(raw.origin, "latitude", `no coordinates and ZIP ${zip} unknown: no map pin`);
      }
    }
    const state = (raw.state && stateCode(raw.state)) ?? known?.state;
    if (!state) this.report(raw.origin, "state_province", `unknown state "${raw.state ?? ""}"`);
    return {
      id,
      fields: {
        name: clean(raw.name),
        description: clean(raw.description),
        address1: raw.address1!,
        address2: raw.address2 ?? null,
        city: raw.city!,
        county: (countyFipsOfZip(zip!.slice(0, 5)) ?? unknownCountyOf(state)) as CountyCode,
        postalCode: zip!,
        latitude: given || known ? latitude : null,
        longitude: given || known ? longitude : null,
        accessibility: clean(raw.accessibility),
        transportation: clean(raw.transportation),
        confidential: false,
      },
      state: state ?? "",
      country: raw.country?.toUpperCase() === "USA" ? "US" : (raw.country ?? "US"),
      origin: raw.origin,
    };
  }

  private hours(rows: RawHours[]): HoursRow[] {
    const found = new Map<string, HoursRow>();
    for (const row of rows) {
      let parsed: HoursRow[] | undefined;
      if (row.text && !row.byday) {
        parsed = hoursText(row.text);
        if (!parsed) this.report(row.origin, "hours", `hours "${row.text}" not understood`);
      } else {
        if (row.freq && row.freq.toUpperCase() !== "WEEKLY") {
          this.report(row.origin, "freq", `only weekly schedules are kept (not "${row.freq}")`);
          continue;
        }
        const days = row.byday ? weekdays(row.byday) : undefined;
        const opensAt = row.opensAt ? timeOfDay(row.opensAt) : undefined;
        const closesAt = row.closesAt ? timeOfDay(row.closesAt) : undefined;
        if (!days) this.report(row.origin, "byday", `weekday "${row.byday ?? ""}" not understood`);
        else if (!opensAt || !closesAt)
          this.report(
            row.origin,
            !opensAt ? "opens_at" : "closes_at",
            `time "${(!opensAt ? row.opensAt : row.closesAt) ?? ""}" not understood`,
          );
        else if (opensAt >= closesAt)
          this.report(row.origin, "closes_at", `closes (${closesAt}) before it opens (${opensAt})`);
        else parsed = days.map((weekday) => ({ weekday, opensAt, closesAt }));
      }
      for (const hours of parsed ?? [])
        found.set(`${hours.weekday} ${hours.opensAt} ${hours.closesAt}`, hours);
    }
    return [...found.values()].sort(
      (a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt),
    );
  }

  private areas(raw: RawService): { statewide: boolean; counties: CountyCode[] } {
    let statewide = false;
    const counties = new Set<CountyCode>();
    const byName = new Map<string, CountyCode>();
    for (const [code, county] of Object.entries(COUNTIES)) {
      if (!isCountyCode(code)) continue;
      byName.set(county.name.toLowerCase(), code);
      byName.set(`${county.name.toLowerCase()} county`, code);
      const inner = /\(([^)]+)\)/.exec(county.name)?.[1];
      if (inner) byName.set(`${inner.toLowerCase()} county`, code);
      byName.set(county.name.replace(/ \(.*\)/, "").toLowerCase(), code);
    }
    for (const name of raw.areas) {
      const lower = name.trim().toLowerCase();
      if (lower === "new york state" || lower === "statewide") statewide = true;
      else if (byName.has(lower)) counties.add(byName.get(lower)!);
      else if (isCountyCode(lower)) counties.add(lower);
      else this.report(raw.origin, "service_area", `service area "${name}" not one of Puente's`);
    }
    return { statewide, counties: [...counties].sort() };
  }

  service(raw: RawService, locationIds: Map<string, string>): PlannedService | undefined {
    if (!raw.name) {
      this.report(raw.origin, "name", "service has no name; not imported", true);
      return undefined;
    }
    const categories = new Set<CategoryCode>();
    const populations = new Set<Population>();
    const courts = new Set<Court>();
    const providers = new Set<ProviderType>();
    let fees: FeeType | undefined;
    const keywords = new Set<string>();
    for (const term of raw.terms) {
      const code = term.code ?? "";
      const has = (list: readonly string[]) => list.includes(code);
      if (term.taxonomy === "puente-populations" && has(POPULATIONS))
        populations.add(code as Population);
      else if (term.taxonomy === "puente-courts" && has(COURTS)) courts.add(code as Court);
      else if (term.taxonomy === "puente-fees" && has(FEE_TYPES)) fees = code as FeeType;
      else if (term.taxonomy === "puente-provider-types" && has(PROVIDER_TYPES))
        providers.add(code as ProviderType);
      else if (
        (term.taxonomy === "puente-immigration-legal" || !term.taxonomy) &&
        isCategoryCode(code)
      )
        categories.add(code);
      else {
        const mapped = mappedCategory(this.mapping, term);
        if (mapped) categories.add(mapped);
        else {
          const word = term.name ?? term.code;
          if (!word) continue;
          keywords.add(word);
          this.report(
            raw.origin,
            "taxonomy_term",
            `unknown term "${word}"${term.taxonomy ? ` (${term.taxonomy})` : ""} kept as a keyword`,
          );
        }
      }
    }
    if (categories.size === 0)
      this.report(raw.origin, "taxonomy_term", "no Puente category: listed as uncategorised");
    const status = raw.status ? STATUS[raw.status.toLowerCase()] : "active";
    if (!status) this.report(raw.origin, "status", `unknown status "${raw.status}"; active used`);
    const places = raw.locationIds.flatMap((id) => locationIds.get(id) ?? []);
    const assuredDate = raw.assuredDate?.slice(0, 10);
    return {
      id: importedId("service", raw.sourceId),
      fields: {
        name: raw.name,
        alternateName: raw.alternateName ?? null,
        description: clean(raw.description) ?? "",
        url: raw.url ?? null,
        email: raw.email ?? null,
        status: status ?? "active",
        fees: fees ?? "free",
        feesDescription: clean(raw.feesDescription),
        eligibilityDescription: clean(raw.eligibilityDescription),
        applicationProcess: clean(raw.applicationProcess),
        acceptingNewClients: true,
        takesDetainedCases: populations.has("detained"),
        deliveryMethods: places.length > 0 ? ["in_person"] : ["remote"],
        providerTypes: [...providers].sort(),
        populations: [...populations].sort(),
        courtsServed: [...courts].sort(),
        categories: [...categories].sort(),
        languages: this.languages(raw.languages, raw.origin, "languages"),
        ...this.areas(raw),
        locationIds: [...new Set(places)].sort(),
        hours: this.hours(raw.hours),
      },
      hoursAt: Object.fromEntries(
        raw.hoursAt.flatMap((at) => {
          const locationId = locationIds.get(at.locationId);
          const hours = this.hours(at.hours);
          return locationId && hours.length > 0 ? [[locationId, hours]] : [];
        }),
      ),
      keywords: [...keywords].sort(),
      assuredDate: assuredDate && ISO_DATE.test(assuredDate) ? assuredDate : null,
      origin: raw.origin,
    };
  }

  organization(raw: RawOrganization): PlannedOrganization | undefined {
    if (!raw.name) {
      this.report(raw.origin, "organization.name", "organization has no name; not imported", true);
      return undefined;
    }
    const id = importedId("organization", raw.sourceId);
    const locations: PlannedLocation[] = [];
    const locationIds = new Map<string, string>();
    for (const rawLocation of raw.locations) {
      const location = this.location(rawLocation);
      if (!location) continue;
      locationIds.set(rawLocation.sourceId, location.id);
      locations.push(location);
    }
    const services: PlannedService[] = [];
    const servicePhones: Array<[RawPhone[], string]> = [];
    for (const rawService of raw.services) {
      const service = this.service(rawService, locationIds);
      if (!service) continue;
      services.push(service);
      servicePhones.push([rawService.phones, service.id]);
    }
    const phones: PlannedPhone[] = [];
    const addPhones = (
      list: RawPhone[],
      owner: { serviceId: string | null; locationId: string | null },
    ) =>
      list.forEach((phone, index) => {
        const planned = this.phone(phone, id, owner, index);
        if (planned && !phones.some((p) => p.id === planned.id)) phones.push(planned);
      });
    addPhones(raw.phones, { serviceId: null, locationId: null });
    for (const location of raw.locations) {
      const locationId = locationIds.get(location.sourceId);
      if (locationId) addPhones(location.phones, { serviceId: null, locationId });
    }
    for (const [list, serviceId] of servicePhones) addPhones(list, { serviceId, locationId: null });
    return {
      id,
      profile: {
        name: raw.name,
        alternateName: raw.alternateName ?? null,
        description: clean(raw.description) ?? "",
        website: raw.website ?? null,
        email: raw.email ?? null,
      },
      locations,
      services,
      phones,
      origin: raw.origin,
    };
  }
}

/** Maps every organization, reporting what was changed, left out or refused. */
export function planImport(
  organizations: RawOrganization[],
  mapping: TermMapping,
): { organizations: PlannedOrganization[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const mapper = new Mapper(mapping, problems);
  const planned = organizations.flatMap((raw) => mapper.organization(raw) ?? []);
  // The same organization twice under different ids: by name and address.
  const seen = new Map<string, PlannedOrganization>();
  for (const organization of planned)
    for (const location of organization.locations) {
      const key = `${organization.profile.name.toLowerCase()}|${location.fields.address1.toLowerCase()}|${location.fields.postalCode.slice(0, 5)}`;
      const other = seen.get(key);
      if (other && other.id !== organization.id)
        problems.push({
          ...organization.origin,
          field: "organization",
          message: `"${organization.profile.name}" at ${location.fields.address1} appears twice (also ${other.origin.file}:${other.origin.row})`,
        });
      else seen.set(key, organization);
    }
  return { organizations: planned, problems };
}
