import { crc32 } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { exportDirectory, type DirectoryExport } from "~/hsds/export.server";
import { zipFiles } from "~/hsds/zip.server";
import { loader as openDataLoader } from "~/routes/($lang).staff.open-data[.]zip";
import { editorOf, staffMember } from "../support/factories";
import { callRoute } from "../support/routes";
import { requestAs } from "../support/requests";
import { useTestEnvironment } from "../support/environment";
import { expectHsds, expectHsdsTabular, hsdsTables, parseCsv } from "../support/hsds-schemas";
import { createSearchScenario } from "../support/search-fixtures";

const env = useTestEnvironment();
let exported: DirectoryExport;

beforeAll(async () => {
  await createSearchScenario(env().db);
  exported = await exportDirectory(env().db, { batchSize: 2 });
});

describe("HSDS 3.0 export", () => {
  it("writes a tabular data package that validates against the official tabular schema", () => {
    const official = hsdsTables();
    const datapackage = JSON.parse(exported.files.get("datapackage.json")!);
    const tables: Record<string, unknown[]> = {};
    for (const resource of datapackage.resources) {
      const table = official[resource.name];
      expect(table, resource.name).toBeDefined();
      expect(resource.path).toBe(table!.path);
      const csv = exported.files.get(resource.path)!;
      const header = csv.split("\r\n")[0]!.split(",");
      for (const column of header)
        expect(table!.fields, `${resource.name}.${column}`).toContain(column);
      tables[resource.name] = parseCsv(csv);
    }
    expectHsdsTabular(tables);
    expect(tables.organization).toHaveLength(6);
    expect(tables.service).toHaveLength(8);
    expect(tables.service_at_location).toHaveLength(8);
    expect(tables.taxonomy).toHaveLength(5);
    // Every link points at a row that is in the package.
    const ids = (name: string) => new Set(tables[name]!.map((row) => (row as { id: string }).id));
    const services = ids("service");
    const locations = ids("location");
    for (const row of tables.service_at_location as { service_id: string; location_id: string }[]) {
      expect(services.has(row.service_id)).toBe(true);
      expect(locations.has(row.location_id)).toBe(true);
    }
    const terms = ids("taxonomy_term");
    for (const row of tables.attribute as { taxonomy_term_id: string }[])
      expect(terms.has(row.taxonomy_term_id)).toBe(true);
  });

  it("writes services.json: every public service, fully nested and valid", () => {
    const services = JSON.parse(exported.files.get("services.json")!);
    expect(services).toHaveLength(8);
    for (const service of services) expectHsds("service", service);
  });

  it("exports nothing that is not public", () => {
    const everything = [...exported.files.values()].join("\n");
    for (const secret of ["Hidden Lane", "Safe house", "Draft Org", "Paused Asylum Intake"])
      expect(everything).not.toContain(secret);
  });

  it("packs the same files into a zip, each entry intact", () => {
    const zip = zipFiles(exported.files);
    const entries = new Map<string, string>();
    let offset = 0;
    while (zip.readUInt32LE(offset) === 0x04034b50) {
      const checksum = zip.readUInt32LE(offset + 14);
      const size = zip.readUInt32LE(offset + 18);
      const nameLength = zip.readUInt16LE(offset + 26);
      const name = zip.toString("utf8", offset + 30, offset + 30 + nameLength);
      const data = zip.subarray(offset + 30 + nameLength, offset + 30 + nameLength + size);
      expect(crc32(data), name).toBe(checksum);
      entries.set(name, data.toString("utf8"));
      offset += 30 + nameLength + size;
    }
    expect(entries).toEqual(exported.files);
    // The end-of-central-directory record counts every entry.
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
    expect(zip.readUInt16LE(zip.length - 12)).toBe(exported.files.size);
  });

  it("lets staff download the same export as a zip, and nobody else", async () => {
    const { db } = env();
    const staff = await callRoute(
      openDataLoader,
      await requestAs(db, await staffMember(db), "/staff/open-data.zip"),
    );
    expect(staff.status).toBe(200);
    expect(staff.headers.get("Content-Type")).toBe("application/zip");
    expect(staff.headers.get("Content-Disposition")).toMatch(/attachment; filename="puente-hsds-/);
    const editor = await editorOf(db);
    const refused = await callRoute(
      openDataLoader,
      await requestAs(db, editor, "/staff/open-data.zip"),
    );
    expect(refused.status).toBe(404);
  });
});
