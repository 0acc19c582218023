import { db } from "~/db.server";
import { checkHealth } from "~/health.server";

/** 200 while the database answers (status "ok", or "degraded" without search); else 503. */
export async function loader() {
  const report = await checkHealth(db());
  return Response.json(report, {
    status: report.database.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
