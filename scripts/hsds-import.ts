/**
 * `npm run hsds:import -- <file-or-folder> [--apply] [--mapping <file>]`: imports HSDS 3.0 JSON,
 * an HSDS tabular data package (folder or .zip) or a coalition spreadsheet (.csv). A dry run
 * unless --apply; exits 1 when a record was refused. See docs/import.md.
 */
import { migrateDatabase } from "#db/migrate";
import { connectDatabase } from "~/db.server";
import { COMMAND_LINE_ACTOR } from "~/hsds/import/actor";
import { formatReport, runImport } from "~/hsds/import/import.server";
import { DEFAULT_MAPPING_FILE, loadMapping } from "~/hsds/import/mapping.server";
import { filesFromPath } from "~/hsds/import/read.server";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("hsds:import", async () => {
  const args = process.argv.slice(2);
  const apply = args.includes("--apply");
  const mappingAt = args.indexOf("--mapping");
  const mappingFile = mappingAt >= 0 ? args[mappingAt + 1] : DEFAULT_MAPPING_FILE;
  const target = args.find(
    (arg, index) => !arg.startsWith("--") && (mappingAt < 0 || index !== mappingAt + 1),
  );
  if (!target || !mappingFile)
    throw new Error("usage: npm run hsds:import -- <file-or-folder> [--apply] [--mapping <file>]");
  const mapping = loadMapping(mappingFile);
  const files = filesFromPath(target);
  let refused = 0;
  await withDatabaseUrl(async (databaseUrl) => {
    await migrateDatabase(databaseUrl);
    const connection = connectDatabase(databaseUrl, { max: 2 });
    try {
      const progress = process.stderr.isTTY
        ? (done: number, total: number) => {
            const width = 30;
            const filled = Math.round((done / total) * width);
            process.stderr.write(
              `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}` +
                (done === total ? "\n" : ""),
            );
          }
        : undefined;
      const report = await runImport(connection.db, {
        actor: COMMAND_LINE_ACTOR,
        files,
        mapping,
        apply,
        onProgress: progress,
      });
      console.log(formatReport(report));
      refused = report.refused;
    } finally {
      await connection.close();
    }
  });
  if (refused > 0) process.exitCode = 1;
});
