import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { readHsdsJson } from "./read-json";
import { readSpreadsheet } from "./read-spreadsheet";
import { readTabularPackage } from "./read-tabular";
import type { Problem, RawOrganization, ReadResult } from "./types";
import { unzip } from "./unzip.server";

/**
 * The files of an import by name (a folder's or a zip's entries, or one file), whatever the
 * format: HSDS JSON (.json), an HSDS tabular package (datapackage.json + CSVs), a coalition
 * spreadsheet (.csv).
 */
export interface SourceFiles {
  /** The file or folder name, shown in listings' history as "imported from <source>". */
  source: string;
  files: Map<string, Buffer>;
}

/** A path on disk (file, folder or .zip) as SourceFiles. */
export function filesFromPath(target: string): SourceFiles {
  const source = path.basename(path.resolve(target));
  const files = new Map<string, Buffer>();
  if (statSync(target).isDirectory()) {
    for (const name of readdirSync(target).sort()) {
      const full = path.join(target, name);
      if (statSync(full).isFile()) files.set(name, readFileSync(full));
    }
  } else {
    files.set(source, readFileSync(target));
  }
  return { source, files };
}

/** An uploaded or read file: a zip is opened, anything else kept as is. */
export function expandZip(input: SourceFiles): SourceFiles {
  const files = new Map<string, Buffer>();
  for (const [name, contents] of input.files) {
    if (name.toLowerCase().endsWith(".zip")) {
      for (const [entry, data] of unzip(contents))
        if (!entry.endsWith("/")) files.set(path.posix.basename(entry), data);
    } else files.set(name, contents);
  }
  return { source: input.source, files };
}

export function readFiles(input: SourceFiles): ReadResult {
  const { source, files } = expandZip(input);
  const organizations: RawOrganization[] = [];
  const problems: Problem[] = [];
  const add = (read: { organizations: RawOrganization[]; problems: Problem[] }) => {
    organizations.push(...read.organizations);
    problems.push(...read.problems);
  };
  const text = (name: string) =>
    files
      .get(name)!
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  if (files.has("datapackage.json")) {
    add(readTabularPackage(new Map([...files.keys()].map((name) => [name, text(name)]))));
    // An export's services.json repeats the package: the package alone is read.
    return { source, organizations, problems };
  }
  for (const name of files.keys()) {
    const lower = name.toLowerCase();
    if (lower.endsWith(".json")) add(readHsdsJson(name, text(name)));
    else if (lower.endsWith(".csv")) add(readSpreadsheet(name, text(name)));
    else
      problems.push({
        file: name,
        row: 1,
        field: "",
        message: "not a .json, .csv or .zip file; left out",
      });
  }
  if (files.size === 0)
    problems.push({ file: source, row: 1, field: "", message: "no files", refused: true });
  return { source, organizations, problems };
}
