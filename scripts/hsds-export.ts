/**
 * `npm run hsds:export -- <folder>`: writes the public directory as HSDS 3.0 open data into
 * <folder>: datapackage.json and one CSV per table, and services.json (full services).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { migrateDatabase } from "#db/migrate";
import { connectDatabase } from "~/db.server";
import { exportDirectory } from "~/hsds/export.server";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("hsds:export", async () => {
  const folder = process.argv[2];
  if (!folder) throw new Error("usage: npm run hsds:export -- <folder>");
  await withDatabaseUrl(async (databaseUrl) => {
    await migrateDatabase(databaseUrl);
    const connection = connectDatabase(databaseUrl, { max: 2 });
    try {
      const { files, counts } = await exportDirectory(connection.db);
      await mkdir(folder, { recursive: true });
      for (const [name, contents] of files) await writeFile(path.join(folder, name), contents);
      console.log(
        `[puente] HSDS 3.0 export in ${path.resolve(folder)}: ${Object.entries(counts)
          .filter(([, count]) => count > 0)
          .map(([table, count]) => `${count} ${table}`)
          .join(", ")}`,
      );
    } finally {
      await connection.close();
    }
  });
});
