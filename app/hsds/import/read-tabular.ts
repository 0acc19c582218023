import { parseCsv } from "./csv";
import { JsonCollector } from "./read-json";
import type { Problem, RawOrganization } from "./types";

/*
 * An HSDS 3.0 tabular data package (datapackage.json + one CSV per table, the layout of
 * schema/compiled/tabular.json): the tables are joined back into full services (the shape
 * of read-json.ts), so both formats map and write the same way.
 */

type Row = Record<string, unknown> & { __line: number };

export function readTabularPackage(files: Map<string, string>): {
  organizations: RawOrganization[];
  problems: Problem[];
} {
  const problems: Problem[] = [];
  let resources: Array<{ name?: string; path?: string }> = [];
  try {
    resources =
      (JSON.parse(files.get("datapackage.json")!) as { resources?: typeof resources }).resources ??
      [];
  } catch (error) {
    problems.push({
      file: "datapackage.json",
      row: 1,
      field: "",
      message: `not JSON: ${(error as Error).message}`,
      refused: true,
    });
    return { organizations: [], problems };
  }
  const paths = new Map<string, string>();
  for (const resource of resources)
    if (resource.name && resource.path) paths.set(resource.name, resource.path.split("/").pop()!);
  const table = (name: string): Row[] => {
    const file = paths.get(name) ?? `${name}.csv`;
    const contents = files.get(file);
    if (contents === undefined) {
      if (paths.has(name))
        problems.push({ file, row: 1, field: "", message: `table ${name} listed but missing` });
      return [];
    }
    return parseCsv(contents).rows.map(({ line, values }) => ({
      ...values,
      __line: line,
      __origin: { file, row: line },
    }));
  };
  const group = (rows: Row[], column: string) => {
    const groups = new Map<string, Row[]>();
    for (const row of rows) {
      const id = String(row[column] ?? "");
      if (!id) continue;
      if (!groups.has(id)) groups.set(id, []);
      groups.get(id)!.push(row);
    }
    return (id: unknown) => groups.get(String(id ?? "")) ?? [];
  };

  const organizations = table("organization");
  const services = table("service");
  const locations = table("location");
  const addressesOf = group(table("address"), "location_id");
  const accessibilityOf = group(table("accessibility"), "location_id");
  const phones = table("phone");
  const languages = table("language");
  const languagesOfPhone = group(languages, "phone_id");
  const languagesOfService = group(languages, "service_id");
  const withLanguages = (rows: Row[]) =>
    rows.map((phone) => ({ ...phone, languages: languagesOfPhone(phone.id) }));
  const phonesOfOrganization = group(
    phones.filter((p) => !p.service_id && !p.location_id && !p.service_at_location_id),
    "organization_id",
  );
  const phonesOfService = group(phones, "service_id");
  const phonesOfLocation = group(
    phones.filter((p) => !p.service_id),
    "location_id",
  );
  const schedules = table("schedule");
  const schedulesOfService = group(schedules, "service_id");
  const schedulesOfLocation = group(
    schedules.filter((s) => !s.service_id),
    "location_id",
  );
  const schedulesOfPlacement = group(schedules, "service_at_location_id");
  const areasOf = group(table("service_area"), "service_id");
  const placementsOf = group(table("service_at_location"), "service_id");
  const taxonomies = new Map(table("taxonomy").map((row) => [String(row.id), row]));
  const terms = new Map(table("taxonomy_term").map((row) => [String(row.id), row]));
  const attributesOf = group(
    // Attributes of services (link_entity "service"; link_type is free text, often the taxonomy).
    table("attribute").filter((a) => !a.link_entity || a.link_entity === "service"),
    "link_id",
  );
  const locationsById = new Map(locations.map((row) => [String(row.id), row]));
  const organizationsById = new Map(organizations.map((row) => [String(row.id), row]));

  const fullLocation = (location: Row) => ({
    ...location,
    addresses: addressesOf(location.id),
    accessibility: accessibilityOf(location.id),
    phones: withLanguages(phonesOfLocation(location.id)),
  });

  const servicesFile = paths.get("service") ?? "service.csv";
  const collector = new JsonCollector(servicesFile);
  const withServices = new Set<string>();
  for (const service of services) {
    const organization = organizationsById.get(String(service.organization_id));
    if (organization) withServices.add(String(organization.id));
    const full = {
      ...service,
      phones: withLanguages(phonesOfService(service.id)),
      // A schedule naming a location too is the service's hours there (below).
      schedules: schedulesOfService(service.id).filter(
        (s) => !s.service_at_location_id && !s.location_id,
      ),
      languages: languagesOfService(service.id),
      service_areas: areasOf(service.id),
      attributes: attributesOf(service.id).map((attribute) => {
        const term = terms.get(String(attribute.taxonomy_term_id));
        const taxonomy = term && taxonomies.get(String(term.taxonomy_id));
        return {
          taxonomy_term: term ? { ...term, taxonomy: term.taxonomy || taxonomy?.name } : undefined,
        };
      }),
      service_at_locations: placementsOf(service.id).flatMap((placement) => {
        const location = locationsById.get(String(placement.location_id));
        if (!location) {
          problems.push({
            file: paths.get("service_at_location") ?? "service_at_location.csv",
            row: placement.__line,
            field: "location_id",
            message: `no location ${String(placement.location_id)}`,
          });
          return [];
        }
        return [
          {
            ...placement,
            location: fullLocation(location),
            schedules: [
              ...schedulesOfPlacement(placement.id),
              ...schedulesOfService(service.id).filter(
                (s) =>
                  !s.service_at_location_id &&
                  String(s.location_id ?? "") === String(placement.location_id),
              ),
            ],
          },
        ];
      }),
      organization: organization && {
        ...organization,
        phones: withLanguages(phonesOfOrganization(organization.id)),
      },
    };
    collector.addService(full, { file: servicesFile, row: service.__line });
  }
  // Organizations without services are still listed, with their locations.
  for (const organization of organizations) {
    if (withServices.has(String(organization.id))) continue;
    collector.addOrganization(
      {
        ...organization,
        phones: withLanguages(phonesOfOrganization(organization.id)),
        locations: locations.filter((l) => l.organization_id === organization.id).map(fullLocation),
      },
      { file: paths.get("organization") ?? "organization.csv", row: organization.__line },
    );
  }
  // Location-level schedules have no service in Puente; say so rather than drop them silently.
  for (const location of locations)
    for (const schedule of schedulesOfLocation(location.id))
      problems.push({
        file: paths.get("schedule") ?? "schedule.csv",
        row: schedule.__line,
        field: "location_id",
        message: "hours of a location without a service are not kept",
      });
  return {
    organizations: [...collector.organizations.values()],
    problems: [...problems, ...collector.problems],
  };
}
