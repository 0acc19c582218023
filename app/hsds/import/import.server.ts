import type { Actor } from "~/accounts/permissions";
import type { Database } from "~/db.server";
import { planImport } from "./map.server";
import type { TermMapping } from "./mapping.server";
import { readFiles, type SourceFiles } from "./read.server";
import type { Problem } from "./types";
import { writeImport, type Counts } from "./write.server";

/*
 * An import, start to end: read the files (any accepted format) → one normalised shape → map
 * and validate → write (or dry run). Used by `npm run hsds:import` and /staff/import.
 */

export interface ImportReport {
  source: string;
  applied: boolean;
  counts: Counts;
  /** Every problem, as `file:row field: message`, in file and row order. */
  problems: Problem[];
  /** Records not imported (an organization or service, a location without an address...). */
  refused: number;
}

export async function runImport(
  db: Database,
  input: {
    actor: Actor;
    files: SourceFiles;
    mapping: TermMapping;
    apply: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  const read = readFiles(input.files);
  const planned = planImport(read.organizations, input.mapping);
  const written = await writeImport(db, {
    actor: input.actor,
    organizations: planned.organizations,
    source: read.source,
    apply: input.apply,
    onProgress: input.onProgress,
  });
  const problems = [...read.problems, ...planned.problems, ...written.problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.row - b.row,
  );
  return {
    source: read.source,
    applied: input.apply,
    counts: written.counts,
    problems,
    refused: problems.filter((problem) => problem.refused).length,
  };
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.row} ${problem.field}: ${problem.message}`;
}

/** The report as the command line prints it. */
export function formatReport(report: ImportReport): string {
  const lines = report.problems.map(formatProblem);
  const verb = report.applied ? "" : "would be ";
  for (const [kind, counts] of Object.entries(report.counts))
    lines.push(
      `${kind}: ${counts.created} ${verb}created, ${counts.updated} ${verb}updated, ${counts.unchanged} unchanged, ${counts.skipped} skipped`,
    );
  lines.push(
    `${report.problems.length} problem(s), ${report.refused} refused` +
      (report.applied ? "" : " — dry run: nothing written; add --apply to write"),
  );
  return lines.join("\n");
}
