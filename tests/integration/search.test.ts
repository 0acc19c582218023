import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { locations, organizations, searchOutbox } from "#db/schema";
import { resolvePlace } from "~/geo/places.server";
import type { ServiceDocument } from "~/search/documents.server";
import { servicesIndexName } from "~/search/meili.server";
import { enqueueSearchSync } from "~/search-outbox/outbox.server";
import { parseSearchParams } from "~/search/params";
import { ensureSearchIndex } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { drainSearchOutbox } from "~/search/sync.server";
import type { SearchResult } from "~/search/types";
import { useTestEnvironment } from "../support/environment";
import { unreachableMeilisearch } from "../support/meilisearch-process";
import { updateOrganization, updateService } from "../support/factories";
import { createSearchScenario, type SearchScenario } from "../support/search-fixtures";

const env = useTestEnvironment();
let scenario: SearchScenario;

type Engine = "meilisearch" | "postgres";

async function search(
  engine: Engine,
  params: string,
  options: { locale?: string; now?: Date; pageSize?: number } = {},
): Promise<SearchResult> {
  const { query, ignored } = parseSearchParams(new URLSearchParams(params), {
    locale: options.locale ?? "en",
    resolvePlace,
    pageSize: options.pageSize ?? 50,
  });
  expect(ignored).toEqual([]);
  const result = await searchServices(env().db, query, {
    now: options.now,
    ...(engine === "postgres" ? { client: unreachableMeilisearch } : {}),
  });
  expect(result.engine).toBe(engine);
  return result;
}

const names = (result: SearchResult) => result.hits.map((hit) => hit.serviceName).sort();
const unique = (values: string[]) => [...new Set(values)].sort();

/** Wednesday 25 Nov 2026, 3:10 pm in New York (EST, UTC-5). */
const WEDNESDAY_AFTERNOON = new Date("2026-11-25T20:10:00Z");
/** Saturday 28 Nov 2026, 11:00 am in New York. */
const SATURDAY_MORNING = new Date("2026-11-28T16:00:00Z");
/** Monday 30 Nov 2026, 10:30 am in New York. */
const MONDAY_MORNING = new Date("2026-11-30T15:30:00Z");
/** Sunday 29 Nov 2026, 9:00 pm in New York. */
const SUNDAY_NIGHT = new Date("2026-11-30T02:00:00Z");

beforeAll(async () => {
  const created = await ensureSearchIndex(env().db);
  expect(created).toEqual({ action: "none", documents: 0 });
  scenario = await createSearchScenario(env().db);
  const drained = await drainSearchOutbox(env().db);
  expect(drained.failed).toBe(0);
  expect(drained.processed).toBeGreaterThan(0);
});

describe.each<Engine>(["meilisearch", "postgres"])("search with %s", (engine) => {
  it("tolerates typos: 'asylm' finds the asylum services", async () => {
    const result = await search(engine, "q=asylm");
    expect(names(result)).toContain("Asylum Clinic");
    expect(names(result)).toContain("Asylum Representation");
  });

  it("understands how people ask: 'green card' finds adjustment of status", async () => {
    expect(names(await search(engine, "q=green+card"))).toContain("Adjustment of Status Workshop");
    expect(names(await search(engine, "q=tarjeta+verde"))).toContain(
      "Adjustment of Status Workshop",
    );
  });

  it("finds removal defense for 'deportación' and 'deportation'", async () => {
    expect(names(await search(engine, "q=deportación", { locale: "es" }))).toContain(
      "Removal Defense Project",
    );
    expect(names(await search(engine, "q=deportation"))).toContain("Removal Defense Project");
  });

  it("ranks first what matches every word: 'abogado para asilo'", async () => {
    const result = await search(engine, "q=abogado+para+asilo", { locale: "es" });
    // The asylum clinic has attorneys; the other asylum service does not say so.
    expect(result.hits.slice(0, 2).map((hit) => hit.serviceName)).toEqual([
      "Clínica de asilo",
      "Clínica de asilo",
    ]);
  });

  it("does not let a filler word empty the results: 'help with asylum'", async () => {
    const result = await search(engine, "q=help+with+asylum");
    expect(unique(names(result))).toEqual(["Asylum Clinic", "Asylum Representation"]);
  });

  it.each([
    ["asilo", "es"],
    ["asilo", "en"],
    ["庇护", "zh-Hans"],
    ["庇护", "en"],
    ["убежище", "ru"],
    ["убежище", "en"],
    ["لجوء", "ar"],
    ["لجوء", "en"],
    ["আশ্রয়", "bn"],
    ["azil", "ht"],
  ])("finds asylum services in any language: %s (interface %s)", async (q, locale) => {
    const result = await search(engine, `q=${encodeURIComponent(q)}`, { locale });
    expect(result.hits.map((hit) => hit.serviceId)).toContain(scenario.services.asylumClinic.id);
  });

  it.each([
    ["ciudadanía", "es"],
    ["ciudadania", "en"],
    ["入籍", "zh-Hans"],
    ["入籍", "en"],
  ])("finds naturalization in any language: %s (interface %s)", async (q, locale) => {
    const result = await search(engine, `q=${encodeURIComponent(q)}`, { locale });
    expect(result.hits.map((hit) => hit.serviceId)).toContain(scenario.services.naturalization.id);
  });

  it("never shows unpublished organizations or paused services", async () => {
    const all = names(await search(engine, "q=asylum"));
    expect(all).not.toContain("Unpublished Asylum Service");
    expect(all).not.toContain("Paused Asylum Intake");
    const everything = await search(engine, "");
    expect(everything.total).toBe(9);
    expect(names(everything)).not.toContain("Paused Asylum Intake");
  });

  it.each([
    ["category=asylum", ["Asylum Clinic", "Asylum Clinic", "Asylum Representation"]],
    ["category=removal_defense", ["Removal Defense Project"]],
    ["language=ko", ["Adjustment of Status Workshop"]],
    ["language=zh", ["Asylum Clinic", "Asylum Clinic", "Immigration Hotline"]],
    ["language=zh-Hans", ["Asylum Clinic", "Asylum Clinic", "Immigration Hotline"]],
    ["language=zh-Hant", []],
    ["language=ko&language=fr", ["Adjustment of Status Workshop", "Removal Defense Project"]],
    ["fees=sliding_scale", ["Adjustment of Status Workshop"]],
    ["fees=fee", ["Naturalization Workshops"]],
    ["accepting=false", ["Adjustment of Status Workshop"]],
    ["detained=true", ["Removal Defense Project"]],
    ["delivery=phone", ["Immigration Hotline", "Removal Defense Project"]],
    ["population=survivors", ["Legal Help for Survivors"]],
    ["court=nyc_varick_detained", ["Removal Defense Project"]],
    ["court=orange_county_jail", ["TPS Renewals"]],
    [
      "provider=accredited_representative",
      ["Adjustment of Status Workshop", "Naturalization Workshops"],
    ],
    [
      "category=asylum&language=es&fees=free",
      ["Asylum Clinic", "Asylum Clinic", "Asylum Representation"],
    ],
    ["category=asylum&provider=attorney&population=families", ["Asylum Clinic", "Asylum Clinic"]],
  ])("filters: %s", async (params, expected) => {
    expect(names(await search(engine, params))).toEqual([...expected].sort());
  });

  it.each([
    [WEDNESDAY_AFTERNOON, ["Asylum Clinic", "Asylum Clinic", "Immigration Hotline"]],
    [SATURDAY_MORNING, ["Immigration Hotline", "Removal Defense Project"]],
    // The Bronx office keeps its own (Saturday) hours: the service's Monday hours are elsewhere.
    [MONDAY_MORNING, ["Asylum Clinic", "Asylum Clinic", "Immigration Hotline"]],
    [SUNDAY_NIGHT, []],
  ])("open_now at %s", async (now, expected) => {
    expect(names(await search(engine, "open_now=true", { now }))).toEqual([...expected].sort());
  });

  it("orders by distance from a ZIP code when asked, places without a point last", async () => {
    const result = await search(engine, "near=11368&sort=closest");
    const located = result.hits.filter((hit) => hit.distanceMiles !== undefined);
    const distances = located.map((hit) => hit.distanceMiles!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(located.map((hit) => hit.address?.city)).toEqual([
      "Corona",
      "Corona",
      "Jackson Heights",
      "Bronx",
      "Bronx",
    ]);
    expect(distances[0]).toBeLessThan(0.5);
    expect(distances[2]).toBeGreaterThan(0.9);
    expect(distances[2]).toBeLessThan(1.5);
    // The shelter (confidential, in Queens) and the statewide hotline serve 11368's county.
    expect(
      result.hits
        .slice(located.length)
        .map((hit) => hit.serviceName)
        .sort(),
    ).toEqual(["Immigration Hotline", "Legal Help for Survivors"]);
    expect(names(result)).not.toContain("Asylum Representation"); // 13 miles: outside 10
  });

  it("widens with the radius", async () => {
    const result = await search(engine, "q=asylum&near=11368&radius=25");
    expect(result.hits.map((hit) => `${hit.serviceName} @ ${hit.address?.city}`)).toEqual([
      "Asylum Clinic @ Corona",
      "Asylum Clinic @ Jackson Heights",
      "Asylum Representation @ Hempstead",
    ]);
    expect(result.hits[2]!.distanceMiles).toBeGreaterThan(12);
    expect(result.hits[2]!.distanceMiles).toBeLessThan(14);
  });

  it("matches far-away counties only by radius: a Bronx search does not see the shelter", async () => {
    const result = await search(engine, "near=10451&radius=1");
    expect(names(result)).toEqual(
      ["Immigration Hotline", "Naturalization Workshops", "Removal Defense Project"].sort(),
    );
  });

  it("never reveals a confidential location", async () => {
    const result = await search(engine, "population=survivors&near=11368");
    const [hit] = result.hits;
    expect(hit?.serviceName).toBe("Legal Help for Survivors");
    expect(hit?.confidentialLocation).toBe(true);
    expect(hit?.address).toBeNull();
    expect(hit?.geo).toBeNull();
    expect(hit?.distanceMiles).toBeUndefined();
    expect(hit?.county).toBe("36081");
    const json = JSON.stringify(hit);
    expect(json).not.toContain("Hidden Lane");
    expect(json).not.toContain("11354");
    expect(json).not.toContain("Flushing");
    expect(json).not.toContain("40.76");
  });

  it("counts facets; a filter's own facet still counts the other choices", async () => {
    const all = await search(engine, "");
    expect(all.facets.categories).toMatchObject({
      asylum: 3,
      family_petitions: 1,
      naturalization: 1,
      vawa: 1,
      know_your_rights: 1,
    });
    expect(all.facets.languages).toMatchObject({ en: 8, es: 6, ko: 1, "zh-Hans": 3 });
    expect(all.facets.fees).toEqual({ free: 7, sliding_scale: 1, fee: 1 });
    expect(all.facets.accepting).toEqual({ true: 8, false: 1 });
    expect(all.facets.county).toMatchObject({ "36081": 4, "36005": 2, "36059": 1, "36071": 1 });

    const korean = await search(engine, "language=ko");
    expect(korean.total).toBe(1);
    expect(korean.facets.languages).toEqual(all.facets.languages);
    expect(korean.facets.categories).toEqual({ family_petitions: 1 });
    expect(korean.facets.fees).toEqual({ sliding_scale: 1 });
  });

  it("pages through results without overlap", async () => {
    const seen: string[] = [];
    let totalPages = 0;
    for (let page = 1; page <= 5; page++) {
      const result = await search(engine, `page=${page}`, { pageSize: 2 });
      expect(result.total).toBe(9);
      totalPages = result.totalPages;
      seen.push(...result.hits.map((hit) => hit.id));
    }
    expect(totalPages).toBe(5);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const beyond = await search(engine, "page=6", { pageSize: 2 });
    expect(beyond.hits).toEqual([]);
  });

  it("shows the visitor's language when a translation exists, and says when it does not", async () => {
    const result = await search(engine, "category=asylum&category=family_petitions", {
      locale: "es",
    });
    const clinic = result.hits.find((hit) => hit.serviceId === scenario.services.asylumClinic.id);
    expect(clinic?.serviceName).toBe("Clínica de asilo");
    expect(clinic?.textLanguage).toBe("es");
    const workshop = result.hits.find((hit) => hit.serviceId === scenario.services.adjustment.id);
    expect(workshop?.serviceName).toBe("Adjustment of Status Workshop");
    expect(workshop?.textLanguage).toBe("en");
  });

  it("carries what the results page shows", async () => {
    const result = await search(engine, "q=removal+defense+project");
    const hit = result.hits.find((h) => h.serviceId === scenario.services.removal.id)!;
    expect(hit).toMatchObject({
      organizationName: "Bronx Immigrant Defenders",
      organizationSlug: "bronx-defenders",
      languages: ["en", "es", "fr"],
      fees: "free",
      takesDetainedCases: true,
      courtsServed: ["nyc_varick_detained"],
      address: { line1: "360 E 161st St", line2: null, city: "Bronx", postalCode: "10451" },
      county: "36005",
      hours: [{ weekday: 6, opensAt: "10:00", closesAt: "14:00" }],
      stale: true,
    });
    const clinic = (await search(engine, "category=asylum")).hits.find(
      (h) => h.serviceId === scenario.services.asylumClinic.id,
    )!;
    expect(clinic.phone).toEqual({ number: "(718) 555-0101", tel: "+17185550101" });
    expect(clinic.stale).toBe(false);
    expect(clinic.lastVerified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const hotline = (await search(engine, "delivery=remote&language=ht")).hits[0]!;
    expect(hotline.phone?.tel).toBe("+18005550199");
    expect(hotline.locationId).toBeNull();
    expect(hotline.address).toBeNull();
  });
});

describe("falling back", () => {
  it("answers from Postgres when the live index is missing", async () => {
    const { query } = parseSearchParams(new URLSearchParams("category=asylum"), {
      locale: "en",
      resolvePlace,
    });
    const result = await searchServices(env().db, query, {
      indexName: `${env().indexPrefix}no_such_index`,
    });
    expect(result.engine).toBe("postgres");
    expect(result.total).toBe(3);
  });
});

describe("both engines agree", () => {
  it.each([
    "",
    "category=asylum",
    "language=es&fees=free",
    "near=11368&radius=25",
    "near=11368&language=es&category=asylum&category=vawa",
    "detained=true&delivery=phone",
    "population=families&population=workers&accepting=true",
  ])("same results and facet counts for %s", async (params) => {
    const [meili, postgres] = await Promise.all([
      search("meilisearch", params),
      search("postgres", params),
    ]);
    expect(postgres.total).toBe(meili.total);
    expect(postgres.hits.map((hit) => hit.id).sort()).toEqual(
      meili.hits.map((hit) => hit.id).sort(),
    );
    expect(postgres.facets).toEqual(meili.facets);
  });
});

describe("keeping the index in sync", () => {
  const documentOf = (id: string) =>
    env().meili.index(servicesIndexName()).getDocument<ServiceDocument>(id);

  it("stores no point and no address for a confidential location", async () => {
    const document = await documentOf(
      `${scenario.services.survivors.id}__${scenario.locations.shelter.id}`,
    );
    expect(document._geo).toBeUndefined();
    expect(document.address).toBeNull();
    expect(document.postalCode).toBeNull();
    expect(document.counties).toEqual(["36081"]);
    expect(JSON.stringify(document)).not.toContain("Hidden Lane");
  });

  it("applies edits, pauses and unpublishing through the outbox", async () => {
    const { db } = env();
    await updateService(db, scenario.services.adjustment.id, { name: "Green Card Workshop" });
    expect((await drainSearchOutbox(db)).processed).toBe(1);
    expect(names(await search("meilisearch", "q=workshop"))).toContain("Green Card Workshop");

    await updateService(db, scenario.services.adjustment.id, { status: "paused" });
    await drainSearchOutbox(db);
    expect(names(await search("meilisearch", "q=workshop"))).not.toContain("Green Card Workshop");

    await updateOrganization(db, scenario.organizations.bronx.id, { status: "archived" });
    await drainSearchOutbox(db);
    expect((await search("meilisearch", "")).total).toBe(6);

    await updateOrganization(db, scenario.organizations.bronx.id, { status: "published" });
    await updateService(db, scenario.services.adjustment.id, { status: "active" });
    await drainSearchOutbox(db);
    expect((await search("meilisearch", "")).total).toBe(9);
    expect(await db.select().from(searchOutbox)).toEqual([]);
  });

  it("moves a location's documents when the location changes", async () => {
    const { db } = env();
    await db.transaction(async (tx) => {
      await tx
        .update(locations)
        .set({ latitude: 40.7282, longitude: -73.7949, city: "Fresh Meadows", postalCode: "11365" })
        .where(eq(locations.id, scenario.locations.jacksonHeights.id));
      await enqueueSearchSync(tx, {
        entityType: "location",
        entityId: scenario.locations.jacksonHeights.id,
      });
    });
    await drainSearchOutbox(db);
    const result = await search("meilisearch", "category=asylum&near=11368");
    const moved = result.hits.find(
      (hit) => hit.locationId === scenario.locations.jacksonHeights.id,
    );
    expect(moved?.address?.city).toBe("Fresh Meadows");
    expect(moved?.distanceMiles).toBeGreaterThan(3);
  });

  it("removes the documents of a deleted location", async () => {
    const { db } = env();
    await db.transaction(async (tx) => {
      await tx.delete(locations).where(eq(locations.id, scenario.locations.newburgh.id));
      await enqueueSearchSync(tx, {
        entityType: "location",
        entityId: scenario.locations.newburgh.id,
      });
    });
    await drainSearchOutbox(db);
    const result = await search("meilisearch", "court=orange_county_jail");
    // The service remains, now without a place: one document, without an address.
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]?.address).toBeNull();
    expect(result.hits[0]?.locationId).toBeNull();
  });

  it("removes the documents of a deleted organization", async () => {
    const { db } = env();
    await db.transaction(async (tx) => {
      await tx.delete(organizations).where(eq(organizations.id, scenario.organizations.hudson.id));
      await enqueueSearchSync(tx, {
        entityType: "organization",
        entityId: scenario.organizations.hudson.id,
      });
    });
    await drainSearchOutbox(db);
    expect((await search("meilisearch", "court=orange_county_jail")).total).toBe(0);
  });
});
