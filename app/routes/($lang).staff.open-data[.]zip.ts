import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/accounts/permissions";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { exportDirectory } from "~/hsds/export.server";
import { zipFiles } from "~/hsds/zip.server";

/** `/staff/open-data.zip`: the public directory as HSDS 3.0 open data (as `npm run hsds:export`). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!can(actor, "review", "changeSet")) throw new Response("Not found", { status: 404 });
  const { files } = await exportDirectory(db());
  const today = new Date().toISOString().slice(0, 10);
  return new Response(new Uint8Array(zipFiles(files)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="puente-hsds-${today}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
