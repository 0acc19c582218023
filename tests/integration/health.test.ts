import { describe, expect, it } from "vitest";
import { useTestEnvironment } from "../support/environment";
import { checkHealth } from "~/health.server";

const env = useTestEnvironment();

describe("health", () => {
  it("reports the database as answering", async () => {
    const report = await checkHealth(env().db);
    expect(report.database.ok).toBe(true);
    expect(report.search.engine).toBe("meilisearch");
  });
});
