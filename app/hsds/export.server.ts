import { asc, eq } from "drizzle-orm";
import { organizations } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { hsdsOrganizations } from "./api.server";
import { allTaxonomies, allTerms, hsdsTerm } from "./taxonomies.server";
import type { HsdsOrganization, HsdsService } from "./types";

/*
 * The whole public directory as HSDS 3.0 open data: a tabular data package (datapackage.json
 * and one CSV per table, the layout of schema/compiled/tabular.json) and services.json (every
 * service fully nested, as GET /api/hsds/services/{id} answers). Built from the same objects as
 * the API, so the export shows exactly what the API and the public pages show.
 */

/** The tables Puente fills, with their scalar columns in the order of tabular.json. */
export const TABLES = {
  organization: {
    path: "organizations.csv",
    fields: [
      "id",
      "name",
      "alternate_name",
      "description",
      "email",
      "website",
      "tax_status",
      "tax_id",
      "year_incorporated",
      "legal_status",
      "logo",
      "uri",
      "parent_organization_id",
    ],
  },
  service: {
    path: "services.csv",
    fields: [
      "id",
      "organization_id",
      "program_id",
      "name",
      "alternate_name",
      "description",
      "url",
      "email",
      "status",
      "interpretation_services",
      "application_process",
      "fees_description",
      "wait_time",
      "fees",
      "accreditations",
      "eligibility_description",
      "minimum_age",
      "maximum_age",
      "assured_date",
      "assurer_email",
      "licenses",
      "alert",
      "last_modified",
    ],
  },
  service_at_location: {
    path: "service_at_location.csv",
    fields: ["id", "service_id", "location_id", "description"],
  },
  location: {
    path: "locations.csv",
    fields: [
      "id",
      "location_type",
      "url",
      "organization_id",
      "name",
      "alternate_name",
      "description",
      "transportation",
      "latitude",
      "longitude",
      "external_identifier",
      "external_identifier_type",
    ],
  },
  address: {
    path: "addresses.csv",
    fields: [
      "id",
      "location_id",
      "attention",
      "address_1",
      "address_2",
      "city",
      "region",
      "state_province",
      "postal_code",
      "country",
      "address_type",
    ],
  },
  accessibility: {
    path: "accessibility.csv",
    fields: ["id", "location_id", "description", "details", "url"],
  },
  phone: {
    path: "phones.csv",
    fields: [
      "id",
      "location_id",
      "service_id",
      "organization_id",
      "contact_id",
      "service_at_location_id",
      "number",
      "extension",
      "type",
      "description",
    ],
  },
  schedule: {
    path: "schedules.csv",
    fields: [
      "id",
      "service_id",
      "location_id",
      "service_at_location_id",
      "valid_from",
      "valid_to",
      "dtstart",
      "timezone",
      "until",
      "count",
      "wkst",
      "freq",
      "interval",
      "byday",
      "byweekno",
      "bymonthday",
      "byyearday",
      "description",
      "opens_at",
      "closes_at",
      "schedule_link",
      "attending_type",
      "notes",
    ],
  },
  service_area: {
    path: "service_areas.csv",
    fields: ["id", "service_id", "name", "description", "extent", "extent_type", "uri"],
  },
  language: {
    path: "languages.csv",
    fields: ["id", "service_id", "location_id", "phone_id", "name", "code", "note"],
  },
  attribute: {
    path: "attributes.csv",
    fields: ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
  },
  taxonomy: {
    path: "taxonomies.csv",
    fields: ["id", "name", "description", "uri", "version"],
  },
  taxonomy_term: {
    path: "taxonomy_terms.csv",
    fields: [
      "id",
      "code",
      "name",
      "description",
      "parent_id",
      "taxonomy",
      "language",
      "taxonomy_id",
      "term_uri",
    ],
  },
} as const;
export type TableName = keyof typeof TABLES;

type Row = Record<string, unknown>;

/** RFC 4180: quoted when needed, CRLF line ends, empty for missing values. */
export function toCsv(fields: readonly string[], rows: readonly Row[]): string {
  const cell = (value: unknown) => {
    if (value === undefined || value === null) return "";
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [fields.join(","), ...rows.map((row) => fields.map((field) => cell(row[field])).join(","))]
    .map((line) => `${line}\r\n`)
    .join("");
}

const scalars = (object: object): Row =>
  Object.fromEntries(
    Object.entries(object).filter(([, value]) => typeof value !== "object" || value === null),
  );

export interface DirectoryExport {
  /** File name → contents. */
  files: Map<string, string>;
  counts: Partial<Record<TableName, number>>;
}

/** Every published organization with its services, in pages of `batchSize` organizations. */
async function* publishedOrganizations(db: DbOrTx, batchSize: number) {
  const ids = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.status, "published"))
    .orderBy(asc(organizations.id));
  for (let start = 0; start < ids.length; start += batchSize)
    yield (await hsdsOrganizations(
      db,
      ids.slice(start, start + batchSize).map((row) => row.id),
      {
        page: 1,
        perPage: batchSize,
        locale: "en",
        textLocale: undefined,
        full: true,
        fullService: true,
      },
    )) as HsdsOrganization[];
}

export async function exportDirectory(
  db: DbOrTx,
  options: { batchSize?: number } = {},
): Promise<DirectoryExport> {
  const tables = Object.fromEntries(
    Object.keys(TABLES).map((name) => [name, [] as Row[]]),
  ) as Record<TableName, Row[]>;
  const seen = new Set<string>();
  const once = (table: TableName, row: Row) => {
    const key = `${table}:${String(row.id)}`;
    if (seen.has(key)) return;
    seen.add(key);
    tables[table].push(row);
  };
  const addPhone = (phone: HsdsService["phones"][number]) => {
    once("phone", scalars(phone));
    for (const language of phone.languages) once("language", scalars(language));
  };
  const addLocation = (location: HsdsOrganization["locations"][number]) => {
    once("location", scalars(location));
    for (const address of location.addresses) once("address", scalars(address));
    for (const item of location.accessibility) once("accessibility", scalars(item));
    for (const phone of location.phones) addPhone(phone);
  };
  const services: HsdsService[] = [];

  for await (const batch of publishedOrganizations(db, options.batchSize ?? 200)) {
    for (const organization of batch) {
      once("organization", scalars(organization));
      for (const phone of organization.phones) addPhone(phone);
      for (const location of organization.locations) addLocation(location);
      for (const service of organization.services as HsdsService[]) {
        services.push(service);
        once("service", scalars(service));
        for (const phone of service.phones) addPhone(phone);
        for (const schedule of service.schedules) once("schedule", scalars(schedule));
        for (const area of service.service_areas) once("service_area", scalars(area));
        for (const language of service.languages) once("language", scalars(language));
        for (const attribute of service.attributes) once("attribute", scalars(attribute));
        for (const link of service.service_at_locations) {
          once("service_at_location", scalars(link));
          addLocation(link.location);
          for (const schedule of link.schedules) once("schedule", scalars(schedule));
        }
      }
    }
  }
  for (const taxonomy of allTaxonomies()) once("taxonomy", scalars(taxonomy));
  for (const term of await allTerms(db)) once("taxonomy_term", scalars(hsdsTerm(term, "en")));

  const files = new Map<string, string>();
  const resources = [];
  for (const [name, table] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
    files.set(table.path, toCsv(table.fields, tables[name]));
    resources.push({
      name,
      path: table.path,
      profile: "tabular-data-resource",
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      schema: { fields: table.fields.map((field) => ({ name: field })) },
    });
  }
  files.set(
    "datapackage.json",
    `${JSON.stringify(
      {
        name: "puente-directory",
        title: "Puente directory (HSDS 3.0)",
        profile: "tabular-data-package",
        created: new Date().toISOString(),
        resources,
      },
      null,
      2,
    )}\n`,
  );
  files.set("services.json", `${JSON.stringify(services, null, 2)}\n`);
  return {
    files,
    counts: Object.fromEntries(
      Object.entries(tables).map(([name, rows]) => [name, rows.length]),
    ) as DirectoryExport["counts"],
  };
}
