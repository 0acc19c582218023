import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Meilisearch, MeilisearchApiError } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meiliForSearch } from "~/search/meili.server";
import { searchApiKey, searchKeyUid } from "~/search/search-key.server";
import { servicesIndexName } from "~/search/meili.server";
import { startEmbeddedServices, type EmbeddedServices } from "../../server/services-client";
import { useTestEnvironment } from "../support/environment";

const env = useTestEnvironment();

describe("the embedded Meilisearch", () => {
  let services: EmbeddedServices | undefined;
  let dataDir = "";
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "puente-meili-key-"));
    services = await startEmbeddedServices({
      dataDir,
      postgres: false,
      meili: true,
      ephemeral: true,
    });
  }, 120_000);
  afterAll(() => services?.stop());

  it("gets its master key from its environment, not from its command line", async () => {
    const masterKey = services!.meiliMasterKey!;
    const pid = readFileSync(path.join(dataDir, "meilisearch/meilisearch.pid"), "utf8").trim();
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(commandLine.join(" ")).toContain("--db-path");
    expect(commandLine.join(" ")).not.toContain(masterKey);
    expect(commandLine.join(" ")).not.toContain("--master-key");
    const environment = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    expect(environment).toContain(`MEILI_MASTER_KEY=${masterKey}`);
    // ...and it is protected by it.
    const anonymous = await fetch(`${services!.meiliHost}/indexes`);
    expect(anonymous.status).toBe(401);
    const withKey = await fetch(`${services!.meiliHost}/indexes`, {
      headers: { Authorization: `Bearer ${masterKey}` },
    });
    expect(withKey.status).toBe(200);
  });
});

describe("the search-only key", () => {
  it("is created once per index prefix, and every search uses it", async () => {
    const key = await searchApiKey();
    expect(key).toBeTruthy();
    expect(key).not.toBe(process.env.MEILI_MASTER_KEY);
    expect(await searchApiKey()).toBe(key);
    const stored = await env().meili.getKey(searchKeyUid(env().indexPrefix));
    expect(stored.key).toBe(key);
    expect(stored.actions).toEqual(["search"]);
    expect(stored.indexes).toEqual([`${env().indexPrefix}*`]);
    expect(stored.expiresAt).toBeNull();
    expect((await meiliForSearch()).config.apiKey).toBe(key);
  });

  it("can search the directory's index and cannot change it (403 from Meilisearch)", async () => {
    const indexName = servicesIndexName();
    await env()
      .meili.index(indexName)
      .addDocuments([{ id: "s1", serviceName: "Asylum Clinic" }], { primaryKey: "id" })
      .waitTask({ timeout: 30_000 });
    const searcher = new Meilisearch({
      host: env().meili.config.host,
      apiKey: await searchApiKey(),
    });

    const found = await searcher.index(indexName).search("asylum");
    expect(found.hits.map((hit) => hit.id)).toEqual(["s1"]);

    const refusals = await Promise.all([
      searcher
        .index(indexName)
        .addDocuments([{ id: "s2", serviceName: "Fake listing" }])
        .then(
          () => undefined,
          (error: unknown) => error,
        ),
      searcher
        .index(indexName)
        .deleteAllDocuments()
        .then(
          () => undefined,
          (error: unknown) => error,
        ),
      searcher.createKey({ actions: ["*"], indexes: ["*"], expiresAt: null }).then(
        () => undefined,
        (error: unknown) => error,
      ),
      // Only this deployment's indexes, not the others on a shared server.
      searcher
        .index("someone_else_services")
        .search("asylum")
        .then(
          () => undefined,
          (error: unknown) => error,
        ),
    ]);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(MeilisearchApiError);
      expect((refusal as MeilisearchApiError).response.status).toBe(403);
    }
  });
});
