import type { Actor } from "~/accounts/permissions";
import type { Database } from "~/db.server";
import { assertCan } from "~/directory/access.server";
import { DomainError } from "~/http/errors";
import { runImport, type ImportReport } from "./import.server";
import { loadMapping } from "./mapping.server";

/** The largest file /staff/import takes (the form carries it twice: checked, then applied). */
export const MAX_IMPORT_FILE_BYTES = 8 * 1024 * 1024;

const ACCEPTED = /\.(json|csv|zip)$/i;

/**
 * /staff/import: an uploaded file (HSDS JSON, a coalition spreadsheet CSV, or a zip of a
 * tabular package) checked (dry run) or applied, as the signed-in staff member. Only those
 * who may create organizations (staff and admins) may.
 */
export async function importUpload(
  db: Database,
  input: { actor: Actor; fileName: string; contents: Buffer; apply: boolean },
): Promise<ImportReport> {
  assertCan(input.actor, "create", "organization", { organizationId: null });
  const fileName = input.fileName.split(/[\\/]/).pop()!.slice(0, 200);
  if (!ACCEPTED.test(fileName) || input.contents.length === 0)
    throw new DomainError(400, "import.errors.fileType", "staff");
  if (input.contents.length > MAX_IMPORT_FILE_BYTES)
    throw new DomainError(400, "import.errors.tooLarge", "staff");
  try {
    return await runImport(db, {
      actor: input.actor,
      files: { source: fileName, files: new Map([[fileName, input.contents]]) },
      mapping: loadMapping(),
      apply: input.apply,
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // A damaged zip or an unreadable file: say so instead of failing.
    throw new DomainError(400, "import.errors.unreadable", "staff");
  }
}
