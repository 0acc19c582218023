import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { expect } from "vitest";

/*
 * The official HSDS 3.0 schemas (not a copy): from HSDS_SCHEMA_DIR, else from `shared/` beside
 * the checkout (CI: <x>/repo and <x>/shared), else two levels up (a worktree under wt/).
 */
const repoRoot = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

export function hsdsSchemaDir(): string {
  const candidates = [
    process.env.HSDS_SCHEMA_DIR,
    path.resolve(repoRoot, "../shared/hsds-3.0"),
    path.resolve(repoRoot, "../../shared/hsds-3.0"),
  ].filter((candidate): candidate is string => !!candidate);
  const found = candidates.find((candidate) =>
    existsSync(path.join(candidate, "schema/openapi.json")),
  );
  if (!found)
    throw new Error(
      `HSDS 3.0 schemas not found (looked in ${candidates.join(", ")}); set HSDS_SCHEMA_DIR`,
    );
  return found;
}

const read = (file: string) =>
  JSON.parse(readFileSync(path.join(hsdsSchemaDir(), "schema", file), "utf8")) as Record<
    string,
    unknown
  >;

let ajv: Ajv | undefined;
function validator(): Ajv {
  if (ajv) return ajv;
  // strict: false: the HSDS schemas carry Frictionless keywords (datapackage_metadata, ...).
  ajv = new Ajv({ strict: false });
  addFormats.default(ajv);
  // The plain schemas reference each other by file name.
  addPlainSchemas(ajv);
  return ajv;
}

/** The plain schemas reference each other by file name ("metadata.json"). */
function addPlainSchemas(target: Ajv): void {
  for (const file of readdirSync(path.join(hsdsSchemaDir(), "schema")))
    if (file.endsWith(".json") && file !== "openapi.json") target.addSchema(read(file), file);
}

/** A minimal RFC 4180 reader: rows as objects keyed by the header, empty cells left out. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\n") {
      record.push(field.replace(/\r$/, ""));
      records.push(record);
      record = [];
      field = "";
    } else field += char;
  }
  if (field || record.length) records.push([...record, field]);
  const [header = [], ...rows] = records;
  return rows.map((cells) =>
    Object.fromEntries(
      header.flatMap((name, column) => (cells[column] ? [[name, cells[column]!]] : [])),
    ),
  );
}

let tabularValidator: ValidateFunction | undefined;

/** The official tabular schema (compiled/tabular.json), CSV strings coerced to its types. */
export function expectHsdsTabular(tables: Record<string, unknown[]>): void {
  if (!tabularValidator) {
    const coercing = new Ajv({ strict: false, coerceTypes: true });
    addFormats.default(coercing);
    addPlainSchemas(coercing);
    tabularValidator = coercing.compile(read("compiled/tabular.json"));
  }
  tabularValidator(tables);
  expect(
    tabularValidator.errors ?? [],
    JSON.stringify(tabularValidator.errors?.slice(0, 5)),
  ).toEqual([]);
}

/** Table name → its CSV file and every column HSDS defines for it (compiled/tabular.json). */
export function hsdsTables(): Record<string, { path: string; fields: string[] }> {
  const tabular = read("compiled/tabular.json") as {
    properties: Record<string, { items: { path: string; properties: Record<string, unknown> } }>;
  };
  return Object.fromEntries(
    Object.entries(tabular.properties).map(([name, table]) => [
      name,
      { path: table.items.path, fields: Object.keys(table.items.properties) },
    ]),
  );
}

export type HsdsShape =
  | "service"
  | "service_list"
  | "organization"
  | "organization_list"
  | "service_at_location"
  | "service_at_location_list"
  | "taxonomy"
  | "taxonomy_term";

const FILES: Record<HsdsShape, string> = {
  service: "compiled/service.json",
  service_list: "compiled/service_list.json",
  organization: "compiled/organization.json",
  organization_list: "compiled/organization_list.json",
  service_at_location: "compiled/service_at_location.json",
  service_at_location_list: "compiled/service_at_location_list.json",
  taxonomy: "taxonomy.json",
  taxonomy_term: "taxonomy_term.json",
};

const compiled = new Map<string, ValidateFunction>();
function compile(key: string, make: () => object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = validator().compile(make())));
  return validate;
}

function itemSchema(shape: HsdsShape): object {
  if (shape === "taxonomy" || shape === "taxonomy_term") return { $ref: FILES[shape] };
  return read(FILES[shape]);
}

/** Fails the test with ajv's messages unless `data` is a valid HSDS object of this shape. */
export function expectHsds(shape: HsdsShape, data: unknown): void {
  const validate = compile(shape, () => itemSchema(shape));
  validate(data);
  expect(
    validate.errors ?? [],
    `${shape}: ${JSON.stringify(validate.errors?.slice(0, 5))}`,
  ).toEqual([]);
}

/**
 * A Page object of openapi.json (components.schemas.Page) whose contents are `shape` items:
 * the Page schema for the envelope, the item schema (compiled once) for each item.
 */
export function expectHsdsPage(shape: HsdsShape, data: unknown): void {
  const validate = compile("page", () => {
    const openapi = read("openapi.json") as {
      components: { schemas: { Page: { properties: Record<string, unknown> } } };
    };
    const pageSchema = openapi.components.schemas.Page;
    return {
      allOf: [pageSchema],
      // The OpenAPI lists these fields without marking them required; a Page without them is useless.
      required: [...Object.keys(pageSchema.properties), "contents"],
      properties: { contents: { type: "array" } },
    };
  });
  validate(data);
  expect(validate.errors ?? [], `page: ${JSON.stringify(validate.errors?.slice(0, 5))}`).toEqual(
    [],
  );
  for (const item of (data as { contents: unknown[] }).contents) expectHsds(shape, item);
}
