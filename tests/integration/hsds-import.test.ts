import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  locations,
  organizations,
  phones,
  schedules,
  serviceLanguages,
  services,
} from "#db/schema";
import { COMMAND_LINE_ACTOR } from "~/hsds/import/actor";
import {
  formatProblem,
  formatReport,
  runImport,
  type ImportReport,
} from "~/hsds/import/import.server";
import { loadMapping } from "~/hsds/import/mapping.server";
import { filesFromPath, type SourceFiles } from "~/hsds/import/read.server";
import { parseSearchParams } from "~/search/params";
import { searchServices } from "~/search/search.server";
import { resolvePlace } from "~/geo/places.server";
import { drainSearchOutbox } from "~/search/sync.server";
import { exportDirectory } from "~/hsds/export.server";
import { zipFiles } from "~/hsds/zip.server";
import type { Actor } from "~/accounts/permissions";
import { action as importAction, loader as importLoader } from "~/routes/($lang).staff.import";
import {
  createLocation,
  createOrganization,
  createPhone,
  createService,
  editorOf,
  seedTaxonomy,
  staffMember,
} from "../support/factories";
import { requestAs } from "../support/requests";
import { callRoute } from "../support/routes";
import { useTestEnvironment } from "../support/environment";
import { hsdsSchemaDir, parseCsv } from "../support/hsds-schemas";

const env = useTestEnvironment();
const FIXTURES = path.resolve(__dirname, "../fixtures/hsds");
const mapping = loadMapping();

function importFiles(files: SourceFiles, apply: boolean): Promise<ImportReport> {
  return runImport(env().db, { actor: COMMAND_LINE_ACTOR, files, mapping, apply });
}
const importPath = (target: string, apply = true) => importFiles(filesFromPath(target), apply);
const messages = (report: ImportReport) => report.problems.map(formatProblem);

async function tableCounts() {
  const db = env().db;
  const [[o], [s], [l], [p]] = await Promise.all([
    db.select({ n: count() }).from(organizations),
    db.select({ n: count() }).from(services),
    db.select({ n: count() }).from(locations),
    db.select({ n: count() }).from(phones),
  ]);
  return { organizations: o!.n, services: s!.n, locations: l!.n, phones: p!.n };
}

beforeAll(async () => {
  await seedTaxonomy(env().db);
});

describe("npm run hsds:import: HSDS 3.0 JSON", () => {
  it("imports the official examples (service, list page, organization with services), reporting what it could not keep", async () => {
    const examples = path.join(hsdsSchemaDir(), "examples");
    const dry = await importPath(path.join(examples, "service_full.json"), false);
    expect(dry.applied).toBe(false);
    expect(dry.counts.service.created).toBe(1);
    expect((await tableCounts()).services).toBe(0);

    const service = await importPath(path.join(examples, "service_full.json"));
    expect(service.counts.organization.created).toBe(1);
    expect(service.counts.service.created).toBe(1);
    expect(messages(service)).toContain(
      'service_full.json:1 postal_code: location "MyCity Civic Center" has no usable postal_code ("ABC 1234" is not a US ZIP code); left out',
    );
    expect(
      messages(service).some((line) => /unknown term "name".*kept as a keyword/.test(line)),
    ).toBe(true);
    const [row] = await env()
      .db.select()
      .from(services)
      .where(eq(services.id, "ac148810-d857-441c-9679-408f346de14b"));
    expect(row?.name).toBe("Community Counselling");
    expect(row?.keywords).toEqual(["name"]);
    const languages = await env()
      .db.select({ code: serviceLanguages.code })
      .from(serviceLanguages)
      .where(eq(serviceLanguages.serviceId, row!.id));
    expect(languages.map((l) => l.code)).toContain("ur");

    // The same service as a list page and inside its organization: the same rows, updated.
    for (const file of ["service_list.json", "organization_full.json", "organization_list.json"]) {
      const report = await importPath(path.join(examples, file));
      expect(report.counts.organization.created, file).toBe(0);
      expect(report.counts.service.created, file).toBe(0);
    }
    expect((await tableCounts()).services).toBe(1);
    expect((await tableCounts()).organizations).toBe(1);
  });

  it("imports a directory outside New York: places from any US ZIP, messy values normalised and reported", async () => {
    const report = await importPath(path.join(FIXTURES, "beyond-new-york.json"));
    const lines = messages(report);
    expect(report.counts.organization.created).toBe(2);
    expect(report.counts.service.created).toBe(2);
    expect(lines).toEqual(
      expect.arrayContaining([
        'beyond-new-york.json:1 languages: unknown language "Klingon" left out',
        'beyond-new-york.json:1 taxonomy_term: unknown term "Legal Aid Clinic" (local) kept as a keyword',
        'beyond-new-york.json:2 phone: "not a phone" is not a phone number; left out',
        "beyond-new-york.json:2 latitude: no coordinates and ZIP 00001 unknown: no map pin",
      ]),
    );
    expect(report.refused).toBe(0);

    const db = env().db;
    const [austin] = await db
      .select()
      .from(services)
      .where(eq(services.name, "Austin Asylum Clinic"));
    expect(austin!.description).toBe("Free help with asylum applications & work permits.");
    expect(austin!.keywords).toEqual(["Legal Aid Clinic"]);
    const languages = await db
      .select({ code: serviceLanguages.code })
      .from(serviceLanguages)
      .where(eq(serviceLanguages.serviceId, austin!.id));
    expect(languages.map((l) => l.code).sort()).toEqual(["es", "tl", "yue"]);
    const hours = await db
      .select({
        weekday: schedules.weekday,
        opensAt: schedules.opensAt,
        closesAt: schedules.closesAt,
      })
      .from(schedules)
      .where(eq(schedules.serviceId, austin!.id))
      .orderBy(schedules.weekday);
    expect(hours).toEqual([
      { weekday: 1, opensAt: "09:00:00", closesAt: "17:00:00" },
      { weekday: 3, opensAt: "09:00:00", closesAt: "17:00:00" },
      { weekday: 5, opensAt: "09:00:00", closesAt: "13:00:00" },
    ]);
    const [phone] = await db.select().from(phones).where(eq(phones.serviceId, austin!.id));
    expect(phone).toMatchObject({ number: "(512) 555-0147", extension: "12" });

    const placed = await db
      .select({
        city: locations.city,
        state: locations.stateProvince,
        county: locations.county,
        latitude: locations.latitude,
      })
      .from(locations)
      .orderBy(locations.city);
    expect(placed).toEqual([
      { city: "Austin", state: "TX", county: "48453", latitude: expect.closeTo(30.27, 1) },
      { city: "Los Angeles", state: "CA", county: "06037", latitude: 34.0537 },
      { city: "Nowhere", state: "CA", county: "06000", latitude: null },
    ]);

    // Imported listings are published, not trusted, with no editors, and say where they came from.
    const [texas] = await db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Texas Immigrant Justice"));
    expect(texas).toMatchObject({ status: "published", trusted: false });
    const history = await db.select().from(auditLog).where(eq(auditLog.organizationId, texas!.id));
    expect(history.find((entry) => entry.action === "import")?.after).toEqual({
      source: "beyond-new-york.json",
    });

    // Searchable once the outbox is drained: by category, and by the kept keyword.
    expect((await drainSearchOutbox(db)).failed).toBe(0);
    const { query } = parseSearchParams(new URLSearchParams({ q: "legal aid clinic" }), {
      locale: "en",
      resolvePlace,
      pageSize: 50,
    });
    const byKeyword = await searchServices(db, query);
    expect(byKeyword.hits.map((hit) => hit.serviceName)).toContain("Austin Asylum Clinic");
  }, 90_000); // The first import loads the US ZIP table (25 MB): slow on a loaded machine.

  it("re-importing the same data changes nothing and creates no duplicate", async () => {
    const before = await tableCounts();
    const [{ n: auditBefore }] = (await env().db.select({ n: count() }).from(auditLog)) as [
      { n: number },
    ];
    const report = await importPath(path.join(FIXTURES, "beyond-new-york.json"));
    for (const [kind, counts] of Object.entries(report.counts)) {
      expect(counts.created, kind).toBe(0);
      expect(counts.updated, kind).toBe(0);
    }
    expect(report.counts.service.unchanged).toBe(2);
    expect(await tableCounts()).toEqual(before);
    const [{ n: auditAfter }] = (await env().db.select({ n: count() }).from(auditLog)) as [
      { n: number },
    ];
    expect(auditAfter).toBe(auditBefore);
    expect(formatReport(report)).toContain("service: 0 created, 0 updated, 2 unchanged, 0 skipped");
  });
});

describe("round trip: export → import into an empty database → export", () => {
  async function emptyDirectory() {
    await env().db.delete(organizations);
  }

  /** The export's tables, without what a new database cannot keep: row times, random row ids. */
  function comparable(files: Map<string, string>) {
    const tables: Record<string, string[]> = {};
    const datapackage = JSON.parse(files.get("datapackage.json")!) as {
      resources: Array<{ name: string; path: string }>;
    };
    const randomIds = new Set(["schedule", "service_area", "service_at_location"]);
    for (const resource of datapackage.resources) {
      tables[resource.name] = parseCsv(files.get(resource.path)!)
        .map((row) => {
          delete row.last_modified;
          if (randomIds.has(resource.name)) delete row.id;
          delete row.service_at_location_id;
          return JSON.stringify(row);
        })
        .sort();
    }
    type Service = Record<string, unknown> & {
      schedules: Array<{ id?: string }>;
      service_areas: Array<{ id?: string }>;
      service_at_locations: Array<{ id?: string; schedules: Array<{ id?: string }> }>;
    };
    const services = (JSON.parse(files.get("services.json")!) as Service[])
      .map((service) => {
        delete service.last_modified;
        for (const row of [
          ...service.schedules,
          ...service.service_areas,
          ...service.service_at_locations,
          ...service.service_at_locations.flatMap((at) => at.schedules),
        ])
          delete row.id;
        return JSON.stringify(service);
      })
      .sort();
    return { tables, services };
  }

  async function createDirectory() {
    const db = env().db;
    const queens = await createOrganization(db, {
      name: "Queens Immigrant Legal Center",
      description: "Community legal services for immigrants in Queens.",
      website: "https://queens.example.org/",
    });
    const corona = await createLocation(db, {
      organizationId: queens.id,
      name: "Corona office",
      address1: "37-20 Junction Blvd",
      city: "Corona",
      county: "36081",
      postalCode: "11368",
      latitude: 40.7498,
      longitude: -73.8624,
      accessibility: "Step-free entrance",
    });
    const asylum = await createService(db, {
      organizationId: queens.id,
      name: "Asylum Clinic",
      description: "Help with asylum applications.",
      eligibilityDescription: "Anyone in New York City.",
      fees: "sliding_scale",
      populations: ["children", "survivors"],
      courtsServed: ["nyc_26_federal_plaza"],
      providerTypes: ["attorney"],
      assuredDate: "2026-10-01",
      categories: ["asylum", "work_permits"],
      languages: ["en", "es", "zh-Hans", "yue"],
      locationIds: [corona.id],
      areas: ["36081", "statewide"],
      hours: [
        { weekday: 1, opensAt: "09:00", closesAt: "17:00" },
        { weekday: 3, opensAt: "10:00", closesAt: "13:00" },
        // Its hours at the Corona office (service_at_location schedules) come back as such.
        { weekday: 6, opensAt: "10:00", closesAt: "14:00", locationId: corona.id },
      ],
    });
    await createPhone(db, {
      organizationId: queens.id,
      serviceId: asylum.id,
      number: "(718) 555-0101",
      extension: "12",
      languages: ["es"],
    });
    await createPhone(db, { organizationId: queens.id, number: "(718) 555-0100" });
    await createPhone(db, {
      organizationId: queens.id,
      locationId: corona.id,
      number: "718-555-0199",
      type: "fax",
    });
    const texas = await createOrganization(db, { name: "Texas Immigrant Justice" });
    const austin = await createLocation(db, {
      organizationId: texas.id,
      address1: "1000 Congress Ave",
      city: "Austin",
      county: "48453",
      stateProvince: "TX",
      postalCode: "78701",
      latitude: 30.2713,
      longitude: -97.7426,
    });
    await createService(db, {
      organizationId: texas.id,
      name: "DACA Renewals",
      categories: ["daca"],
      languages: ["es"],
      locationIds: [austin.id],
      assuredDate: "2026-09-15",
    });
    await createService(db, {
      organizationId: texas.id,
      name: "Statewide hotline",
      status: "active",
      deliveryMethods: ["phone"],
      categories: [],
      languages: ["en"],
      assuredDate: "2026-09-15",
    });
  }

  const asSourceFiles = (files: Map<string, string>, source: string): SourceFiles => ({
    source,
    files: new Map([...files].map(([name, text]) => [name, Buffer.from(text)])),
  });

  it("the tabular package: imported into an empty database, it exports the same data", async () => {
    await emptyDirectory();
    await createDirectory();
    const first = await exportDirectory(env().db);
    await emptyDirectory();
    const report = await importFiles(asSourceFiles(first.files, "open-data"), true);
    expect(report.problems.filter((problem) => problem.refused).map(formatProblem)).toEqual([]);
    expect(report.counts.service.created).toBe(3);
    const second = await exportDirectory(env().db);
    expect(comparable(second.files)).toEqual(comparable(first.files));
    // And importing the package again is a no-op.
    const again = await importFiles(asSourceFiles(first.files, "open-data"), true);
    expect(again.counts.service).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it("services.json alone: the same data again", async () => {
    const first = await exportDirectory(env().db);
    await emptyDirectory();
    const json = new Map([["services.json", first.files.get("services.json")!]]);
    const report = await importFiles(asSourceFiles(json, "services.json"), true);
    expect(report.refused).toBe(0);
    const second = await exportDirectory(env().db);
    // services.json does not carry organization-wide phones: the services are the same.
    expect(comparable(second.files).services).toEqual(comparable(first.files).services);
  });
});

describe("npm run hsds:import: tabular packages and coalition spreadsheets", () => {
  it("imports an HSDS tabular package (a folder, or the same as a zip) with its problems reported", async () => {
    const folder = path.join(FIXTURES, "tabular");
    const dry = await importPath(folder, false);
    expect(messages(dry)).toEqual([
      'phones.csv:3 phone: "815-555-01" is not a phone number; left out',
      'schedules.csv:3 opens_at: time "25:00" not understood',
      'schedules.csv:4 freq: only weekly schedules are kept (not "MONTHLY")',
      "service_at_location.csv:4 location_id: no location loc-9",
      'services.csv:3 taxonomy_term: unknown term "Housing help" (chicago-legal) kept as a keyword',
      'services.csv:3 languages: unknown language "Gibberish" left out',
      "services.csv:4 name: service has no name; not imported",
    ]);
    expect(dry.refused).toBe(1);
    expect(dry.counts.service).toMatchObject({ created: 2, skipped: 0 });

    const files = filesFromPath(folder);
    const zipped: SourceFiles = {
      source: "chicago.zip",
      files: new Map([
        ["chicago.zip", zipFiles(new Map([...files.files].map(([n, b]) => [n, b.toString()])))],
      ]),
    };
    const report = await importFiles(zipped, true);
    expect(report.counts.organization.created).toBe(2);
    const [tps] = await env()
      .db.select()
      .from(services)
      .where(eq(services.name, "TPS and work permits"));
    expect(tps).toMatchObject({
      description: "TPS\napplications & renewals",
      assuredDate: "2026-08-01",
    });
    const hours = await env().db.select().from(schedules).where(eq(schedules.serviceId, tps!.id));
    expect(hours.map((row) => row.weekday).sort()).toEqual([1, 2, 4]);
    const [rockford] = await env()
      .db.select({ state: locations.stateProvince, county: locations.county })
      .from(locations)
      .where(eq(locations.city, "Rockford"));
    expect(rockford).toEqual({ state: "IL", county: "17201" });
    expect((await importFiles(zipped, true)).counts.service).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it("imports a coalition spreadsheet (one row per service at a location) with its problems reported", async () => {
    const file = path.join(FIXTURES, "coalition-spreadsheet.csv");
    const report = await importPath(file);
    expect(messages(report)).toEqual([
      "coalition-spreadsheet.csv:1 favourite_colour: unknown column; left out",
      'coalition-spreadsheet.csv:2 taxonomy_term: unknown term "Tax Preparation" kept as a keyword',
      "coalition-spreadsheet.csv:4 taxonomy_term: no Puente category: listed as uncategorised",
      'coalition-spreadsheet.csv:4 languages: unknown language "Elvish" left out',
      'coalition-spreadsheet.csv:4 hours: hours "Sundays sometimes" not understood',
      'coalition-spreadsheet.csv:4 phone: "call us" is not a phone number; left out',
      "coalition-spreadsheet.csv:5 service_name: empty; row not imported",
      "coalition-spreadsheet.csv:6 address_1: no street address: the service is listed without this place",
    ]);
    expect(report.refused).toBe(1);
    expect(report.counts.service.created).toBe(3);
    const db = env().db;
    const [workshops] = await db
      .select()
      .from(services)
      .where(eq(services.name, "Citizenship Workshops"));
    expect(workshops!.description).toBe("Monthly naturalization workshops.");
    const places = await db
      .select({ city: locations.city, county: locations.county, latitude: locations.latitude })
      .from(locations)
      .where(eq(locations.organizationId, workshops!.organizationId))
      .orderBy(locations.city);
    expect(places).toEqual([
      { city: "Oakland", county: "06001", latitude: 37.8 },
      { city: "San Francisco", county: "06075", latitude: expect.closeTo(37.78, 1) },
    ]);
    const [phone] = await db.select().from(phones).where(eq(phones.serviceId, workshops!.id));
    expect(phone).toMatchObject({ number: "(415) 555-0199", extension: "7" });
    // The uncategorised service is still listed and searchable.
    const [kyr] = await db
      .select()
      .from(services)
      .where(eq(services.name, "Know Your Rights Trainings"));
    expect(kyr!.status).toBe("active");

    const again = await importPath(file);
    expect(again.counts.service).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(again.counts.location).toMatchObject({ created: 0, updated: 0 });
    expect(again.counts.phone).toMatchObject({ created: 0, updated: 0 });
  });

  it("reads the documented template without a problem", async () => {
    await env().db.delete(organizations);
    const report = await importPath(
      path.resolve(__dirname, "../../docs/import-template.csv"),
      false,
    );
    expect(messages(report)).toEqual([]);
    expect(report.counts.service.created).toBe(1);
    expect(report.counts.location.created).toBe(2);
  });
});

describe("/staff/import", () => {
  async function upload(actor: Actor | null, fields: Record<string, string | File>) {
    const signedIn = await requestAs(env().db, actor, "/staff/import");
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    const headers = new Headers({ Origin: "http://localhost" });
    const cookie = signedIn.headers.get("Cookie");
    if (cookie) headers.set("Cookie", cookie);
    return callRoute(
      importAction,
      new Request("http://localhost/staff/import", { method: "POST", headers, body }),
    );
  }
  const csvFile = () =>
    new File([readFileSync(path.join(FIXTURES, "coalition-spreadsheet.csv"))], "members.csv", {
      type: "text/csv",
    });

  it("is for staff and admins only, on the server", async () => {
    const db = env().db;
    const editor = await editorOf(db);
    expect(
      (await callRoute(importLoader, await requestAs(db, editor, "/staff/import"))).status,
    ).toBe(404);
    expect((await upload(editor, { intent: "check", file: csvFile() })).status).toBe(404);
    const anonymous = await upload(null, { intent: "check", file: csvFile() });
    expect([302, 303]).toContain(anonymous.status);
    expect(
      (
        await callRoute(
          importLoader,
          await requestAs(db, await staffMember(db, "admin"), "/staff/import"),
        )
      ).status,
    ).toBe(200);
  });

  it("checks an upload (nothing written), then applies it from the report's form", async () => {
    const db = env().db;
    await db.delete(organizations);
    const staff = await staffMember(db);
    const checked = await upload(staff, { intent: "check", file: csvFile() });
    expect(checked.status).toBe(200);
    expect(checked.data.report.applied).toBe(false);
    expect(checked.data.report.counts.service.created).toBe(3);
    expect(checked.data.report.problems).toContain(
      'members.csv:4 languages: unknown language "Elvish" left out',
    );
    expect((await tableCounts()).organizations).toBe(0);

    const applied = await upload(staff, {
      intent: "apply",
      fileName: checked.data.report.fileName,
      contents: checked.data.report.contents,
    });
    expect(applied.data.report.applied).toBe(true);
    expect((await tableCounts()).organizations).toBe(2);
    const [bay] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, "Bay Area Immigrant Rights"));
    // The newest entry: the audit log outlives the rows an earlier test deleted.
    const history = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.organizationId, bay!.id))
      .orderBy(auditLog.id);
    const imported = history.filter((entry) => entry.action === "import").at(-1);
    expect(imported).toMatchObject({ actorEmail: staff.email, after: { source: "members.csv" } });
  });

  it("refuses a file it cannot read, with a message on the form", async () => {
    const staff = await staffMember(env().db);
    const refused = await upload(staff, {
      intent: "check",
      file: new File(["PK not a zip"], "broken.zip", { type: "application/zip" }),
    });
    expect(refused.status).toBe(400);
    expect(refused.data.error).toBe("import.errors.unreadable");
    const wrongType = await upload(staff, {
      intent: "check",
      file: new File(["hello"], "notes.txt", { type: "text/plain" }),
    });
    expect(wrongType.data.error).toBe("import.errors.fileType");
  });
});

describe("duplicates and the command line", () => {
  it("reports the same organization and address under another id, and does not import it twice", async () => {
    const db = env().db;
    await db.delete(organizations);
    await importPath(path.join(FIXTURES, "beyond-new-york.json"));
    const renamed = JSON.parse(readFileSync(path.join(FIXTURES, "beyond-new-york.json"), "utf8"));
    renamed.contents[0].organization.id = "another-id-for-the-same-organization";
    renamed.contents[0].id = "another-id-for-the-same-service";
    const report = await importFiles(
      {
        source: "copy.json",
        files: new Map([["copy.json", Buffer.from(JSON.stringify(renamed))]]),
      },
      true,
    );
    expect(messages(report)).toContain(
      'copy.json:1 organization: "Texas Immigrant Justice" at 1000 Congress Ave is already in Puente (/orgs/texas-immigrant-justice) under another id; not imported again',
    );
    expect(report.counts.organization.skipped).toBe(1);
    const texas = await db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Texas Immigrant Justice"));
    expect(texas).toHaveLength(1);
  });

  it("npm run hsds:import: a dry run by default, --apply writes, exit 1 when a record was refused", async () => {
    const run = promisify(execFile);
    const cli = async (...args: string[]) => {
      try {
        const { stdout } = await run(
          path.resolve("node_modules/.bin/tsx"),
          ["scripts/hsds-import.ts", ...args],
          {
            env: { ...process.env, DATABASE_URL: env().databaseUrl },
            timeout: 90_000,
          },
        );
        return { code: 0, stdout };
      } catch (error) {
        const failed = error as { code: number; stdout: string };
        return { code: failed.code, stdout: failed.stdout };
      }
    };
    await env().db.delete(organizations);
    const dry = await cli("docs/import-template.csv");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      "service: 1 would be created, 0 would be updated, 0 unchanged, 0 skipped",
    );
    expect(dry.stdout).toContain("dry run: nothing written");
    expect((await tableCounts()).services).toBe(0);
    const applied = await cli("docs/import-template.csv", "--apply");
    expect(applied.stdout).toContain("service: 1 created");
    expect((await tableCounts()).services).toBe(1);
    const refused = await cli(path.join(FIXTURES, "coalition-spreadsheet.csv"));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      "coalition-spreadsheet.csv:5 service_name: empty; row not imported",
    );
  }, 200_000);
});
