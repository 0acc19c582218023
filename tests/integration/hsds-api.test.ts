import type { AppLoadContext } from "@remix-run/node";
import { Meilisearch } from "meilisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { changeSets, organizations, services } from "#db/schema";
import { hsdsServicesPage } from "~/hsds/api.server";
import { derivedId } from "~/hsds/ids";
import { loader as rootLoader } from "~/routes/api.hsds._index";
import { loader as organizationLoader } from "~/routes/api.hsds.organizations.$id";
import { loader as organizationsLoader } from "~/routes/api.hsds.organizations._index";
import { loader as salLoader } from "~/routes/api.hsds.service_at_locations.$id";
import { loader as salsLoader } from "~/routes/api.hsds.service_at_locations._index";
import { loader as serviceLoader } from "~/routes/api.hsds.services.$id";
import { loader as servicesLoader } from "~/routes/api.hsds.services._index";
import { loader as taxonomyLoader } from "~/routes/api.hsds.taxonomies.$id";
import { loader as taxonomiesLoader } from "~/routes/api.hsds.taxonomies._index";
import { loader as termLoader } from "~/routes/api.hsds.taxonomy_terms.$id";
import { loader as termsLoader } from "~/routes/api.hsds.taxonomy_terms._index";
import { ensureSearchIndex } from "~/search/reindex.server";
import { drainSearchOutbox } from "~/search/sync.server";
import { createAccount } from "../support/factories";
import { useTestEnvironment } from "../support/environment";
import { createPhone } from "../support/factories";
import { expectHsds, expectHsdsPage } from "../support/hsds-schemas";
import { createSearchScenario, type SearchScenario } from "../support/search-fixtures";

const env = useTestEnvironment();
let scenario: SearchScenario;
let publicServiceIds: string[];

type Loader = (args: {
  request: Request;
  params: Record<string, string>;
  context: AppLoadContext;
}) => Promise<Response> | Response;

async function get(
  loader: Loader,
  path: string,
  params: Record<string, string> = {},
  headers = {},
) {
  const request = new Request(new URL(path, "http://localhost:3000"), { headers });
  const response = await loader({ request, params, context: {} });
  const text = await response.text();
  return { response, status: response.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  const { db } = env();
  await ensureSearchIndex(db);
  scenario = await createSearchScenario(db);
  const { services, organizations } = scenario;
  // An editor's proposal waiting for review: never part of the open data.
  const editor = await createAccount(db, {
    email: "editor-hsds@example.org",
    organizationIds: [organizations.queens.id],
  });
  await db.insert(changeSets).values({
    organizationId: organizations.queens.id,
    authorUserId: editor.id,
    authorEmail: editor.email,
    entityType: "service",
    entityId: services.asylumClinic.id,
    operation: "update",
    changes: { name: "Pending Secret Rename" },
  });
  await createPhone(db, {
    organizationId: organizations.queens.id,
    serviceId: services.asylumClinic.id,
    number: "(718) 555-0142",
    extension: "7",
    languages: ["es"],
  });
  expect((await drainSearchOutbox(db)).failed).toBe(0);
  publicServiceIds = [
    services.asylumClinic,
    services.adjustment,
    services.removal,
    services.naturalization,
    services.survivors,
    services.hotline,
    services.longIslandAsylum,
    services.tps,
  ]
    .map((service) => service.id)
    .sort();
});

describe("GET /api/hsds", () => {
  it("says which HSDS version it speaks, open to any origin and without cookies", async () => {
    const { response, body } = await get(rootLoader, "/api/hsds", {}, { Cookie: "lng=es" });
    expect(body.version).toBe("3.0");
    expect(body.openapi_url).toMatch(/openapi\.json$/);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(response.headers.get("Cache-Control")).toMatch(/public, max-age=\d+/);
  });
});

describe("services", () => {
  it("lists every public service as a valid Page, by id", async () => {
    const { body } = await get(servicesLoader, "/api/hsds/services");
    expectHsdsPage("service_list", body);
    expect(body.contents.map((service: { id: string }) => service.id)).toEqual(publicServiceIds);
    expect(body).toMatchObject({
      total_items: 8,
      total_pages: 1,
      page_number: 1,
      size: 8,
      first_page: true,
      last_page: true,
      empty: false,
    });
  });

  it("pages without overlap, and answers an empty page past the end", async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((number) =>
        get(servicesLoader, `/api/hsds/services?per_page=3&page=${number}`),
      ),
    );
    expect(pages.map(({ body }) => [body.size, body.first_page, body.last_page])).toEqual([
      [3, true, false],
      [3, false, false],
      [2, false, true],
    ]);
    expect(pages.flatMap(({ body }) => body.contents.map((s: { id: string }) => s.id))).toEqual(
      publicServiceIds,
    );
    const past = await get(servicesLoader, "/api/hsds/services?per_page=3&page=9");
    expectHsdsPage("service_list", past.body);
    expect(past.body).toMatchObject({ total_items: 8, size: 0, empty: true, contents: [] });
  });

  it("answers fully nested services with full=true and id + modification time with minimal=true", async () => {
    const full = await get(servicesLoader, "/api/hsds/services?full=true&per_page=100");
    expectHsdsPage("service", full.body);
    const minimal = await get(servicesLoader, "/api/hsds/services?minimal=true&per_page=1000");
    expectHsdsPage("service_list", minimal.body);
    expect(Object.keys(minimal.body.contents[0]).sort()).toEqual([
      "id",
      "last_modified",
      "name",
      "status",
    ]);
  });

  it("gives the full service: organization, locations, phones, hours, languages, taxonomy terms", async () => {
    const id = scenario.services.asylumClinic.id;
    const { body, response } = await get(serviceLoader, `/api/hsds/services/${id}`, { id });
    expectHsds("service", body);
    expect(body.organization.name).toBe("Queens Immigrant Legal Center");
    expect(body.name).toBe("Asylum Clinic");
    expect(body.phones).toEqual([
      expect.objectContaining({
        number: "(718) 555-0142",
        extension: 7,
        languages: [expect.objectContaining({ code: "es", name: "Spanish" })],
      }),
    ]);
    expect(body.languages.map((language: { code: string }) => language.code)).toEqual([
      "en",
      "es",
      "zh-Hans",
    ]);
    expect(body.service_at_locations).toHaveLength(2);
    expect(body.service_at_locations[0].location.addresses[0]).toMatchObject({
      address_1: "37-20 Junction Blvd",
      city: "Corona",
      postal_code: "11368",
      state_province: "NY",
    });
    const terms = body.attributes.map(
      (attribute: { taxonomy_term: { taxonomy: string; code: string } }) =>
        `${attribute.taxonomy_term.taxonomy}:${attribute.taxonomy_term.code}`,
    );
    expect(terms).toEqual([
      "puente-immigration-legal:asylum",
      "puente-populations:families",
      "puente-courts:nyc_26_federal_plaza",
      "puente-fees:free",
      "puente-provider-types:attorney",
    ]);
    expect(body.schedules[0]).toMatchObject({
      freq: "WEEKLY",
      byday: "MO",
      opens_at: "09:00",
      closes_at: "17:00",
    });
    expect(body.last_modified).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(response.headers.get("Last-Modified")).toBeTruthy();
  });

  it("answers 404 JSON for unknown, unpublished and paused services", async () => {
    for (const id of [
      derivedId("nothing"),
      scenario.services.draftService.id,
      scenario.services.paused.id,
      "not-a-uuid",
    ]) {
      const { status, body, response } = await get(serviceLoader, `/api/hsds/services/${id}`, {
        id,
      });
      expect(status).toBe(404);
      expect(body.error).toBe("not_found");
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
  });

  it("refuses a bad parameter with a 400 that names it", async () => {
    for (const [query, parameter] of [
      ["per_page=abc", "per_page"],
      ["per_page=0", "per_page"],
      ["per_page=101", "per_page"],
      ["page=0", "page"],
      ["full=yes", "full"],
      ["taxonomy_term_id=asylum", "taxonomy_term_id"],
      ["modified_after=yesterday", "modified_after"],
      ["format=xml", "format"],
      ["language=xx", "language"],
      ["colour=red", "colour"],
      ["page=1&page=2", "page"],
    ]) {
      const { status, body } = await get(servicesLoader, `/api/hsds/services?${query}`);
      expect(status, query).toBe(400);
      expect(body).toMatchObject({ error: "invalid_parameter", parameters: [{ parameter }] });
      expect(body.message).toContain(parameter);
    }
  });

  it("filters by taxonomy term, taxonomy, organization and modification time", async () => {
    const names = async (query: string) => {
      const { body } = await get(servicesLoader, `/api/hsds/services?${query}`);
      expectHsdsPage("service_list", body);
      return body.contents.map((service: { name: string }) => service.name).sort();
    };
    const { body: terms } = await get(termsLoader, "/api/hsds/taxonomy_terms?per_page=100");
    const term = (taxonomy: string, code: string) =>
      terms.contents.find(
        (candidate: { taxonomy: string; code: string }) =>
          candidate.taxonomy === taxonomy && candidate.code === code,
      ).id;
    expect(await names(`taxonomy_term_id=${term("puente-immigration-legal", "asylum")}`)).toEqual([
      "Asylum Clinic",
      "Asylum Representation",
    ]);
    expect(await names(`taxonomy_term_id=${term("puente-populations", "survivors")}`)).toEqual([
      "Legal Help for Survivors",
    ]);
    expect(await names(`taxonomy_term_id=${term("puente-courts", "orange_county_jail")}`)).toEqual([
      "TPS Renewals",
    ]);
    expect(await names(`taxonomy_term_id=${derivedId("no such term")}`)).toEqual([]);
    expect(await names(`organization_id=${scenario.organizations.queens.id}`)).toEqual([
      "Adjustment of Status Workshop",
      "Asylum Clinic",
    ]);
    expect(await names("modified_after=2999-01-01")).toEqual([]);
    expect(await names("modified_after=2000-01-01T00:00:00Z")).toHaveLength(8);
  });

  it("counts a service as modified when it or its organization changed (modified_after)", async () => {
    const { db } = env();
    const { organizations: orgs, services: all } = scenario;
    await db.update(services).set({ updatedAt: new Date("2020-01-01T00:00:00Z") });
    await db.update(organizations).set({ updatedAt: new Date("2020-01-01T00:00:00Z") });
    const later = new Date("2021-01-01T00:00:00Z");
    await db
      .update(organizations)
      .set({ updatedAt: later })
      .where(eq(organizations.id, orgs.queens.id));
    await db.update(services).set({ updatedAt: later }).where(eq(services.id, all.tps.id));
    // A service changed while paused is still not public.
    await db.update(services).set({ updatedAt: later }).where(eq(services.id, all.paused.id));
    const { body } = await get(
      servicesLoader,
      "/api/hsds/services?modified_after=2020-06-01T00:00:00Z",
    );
    expectHsdsPage("service_list", body);
    expect(body.contents.map((service: { name: string }) => service.name).sort()).toEqual([
      "Adjustment of Status Workshop",
      "Asylum Clinic",
      "TPS Renewals",
    ]);
    expect(body.total_items).toBe(3);
  });

  it("searches with the same engine as /search, Meilisearch or the Postgres fallback", async () => {
    const viaRoute = await get(servicesLoader, "/api/hsds/services?search=asylm");
    expectHsdsPage("service_list", viaRoute.body);
    const unreachable = new Meilisearch({ host: "http://127.0.0.1:1", apiKey: "x", timeout: 2000 });
    const fallback = await hsdsServicesPage(
      env().db,
      new Request("http://localhost/api/hsds/services?search=asylum"),
      { searchTarget: { client: unreachable } },
    );
    const fallbackBody = await fallback.json();
    expectHsdsPage("service_list", fallbackBody);
    for (const body of [viaRoute.body, fallbackBody]) {
      const names = body.contents.map((service: { name: string }) => service.name);
      expect(names).toContain("Asylum Clinic");
      expect(names).toContain("Asylum Representation");
      expect(names).not.toContain("Unpublished Asylum Service");
      expect(names).not.toContain("Paused Asylum Intake");
    }
  });
});

describe("what is public, and only that", () => {
  it("never exports a confidential address, a draft, a pending change or anyone's account", async () => {
    const everything = JSON.stringify(
      await Promise.all([
        get(servicesLoader, "/api/hsds/services?full=true&per_page=100"),
        get(
          organizationsLoader,
          "/api/hsds/organizations?full=true&full_service=true&per_page=100",
        ),
        get(salsLoader, "/api/hsds/service_at_locations?full=true&per_page=100"),
      ]),
    );
    for (const secret of [
      "Hidden Lane",
      "Safe house",
      "40.76",
      "Draft Org",
      "Unpublished Asylum Service",
      "Paused Asylum Intake",
      "Pending Secret Rename",
      "editor-hsds@example.org",
    ])
      expect(everything).not.toContain(secret);
    const id = scenario.services.survivors.id;
    const { body } = await get(serviceLoader, `/api/hsds/services/${id}`, { id });
    expectHsds("service", body);
    const location = body.service_at_locations[0].location;
    expect(location.addresses).toEqual([]);
    expect(location.latitude).toBeUndefined();
    expect(location.name).toBeUndefined();
  });
});

describe("organizations", () => {
  it("lists published organizations, plain or fully nested", async () => {
    const plain = await get(organizationsLoader, "/api/hsds/organizations");
    expectHsdsPage("organization_list", plain.body);
    expect(plain.body.total_items).toBe(6);
    const full = await get(
      organizationsLoader,
      "/api/hsds/organizations?full=true&full_service=true",
    );
    expectHsdsPage("organization", full.body);
    const searched = await get(organizationsLoader, "/api/hsds/organizations?search=asylum");
    expect(searched.body.contents.map((org: { name: string }) => org.name)).toContain(
      "Queens Immigrant Legal Center",
    );
  });

  it("gives one organization with its services, locations and phones; 404 for a draft", async () => {
    const id = scenario.organizations.queens.id;
    const { body } = await get(organizationLoader, `/api/hsds/organizations/${id}`, { id });
    expectHsds("organization", body);
    expect(body.services).toHaveLength(2);
    expect(body.locations).toHaveLength(2);
    expect(body.phones.map((phone: { number: string }) => phone.number)).toEqual([
      "(718) 555-0101",
    ]);
    const full = await get(organizationLoader, `/api/hsds/organizations/${id}?full_service=true`, {
      id,
    });
    expectHsds("organization", full.body);
    expect(full.body.services[0].service_at_locations.length).toBeGreaterThan(0);
    const draft = scenario.organizations.draft.id;
    const missing = await get(organizationLoader, `/api/hsds/organizations/${draft}`, {
      id: draft,
    });
    expect(missing.status).toBe(404);
  });
});

describe("service_at_locations", () => {
  it("lists services at their locations, filters by postcode and proximity", async () => {
    const all = await get(salsLoader, "/api/hsds/service_at_locations");
    expectHsdsPage("service_at_location_list", all.body);
    // Remote-only services have no location; every other public service has one per place.
    expect(all.body.total_items).toBe(8);
    const full = await get(salsLoader, "/api/hsds/service_at_locations?full=true");
    expectHsdsPage("service_at_location", full.body);

    const near = await get(
      salsLoader,
      "/api/hsds/service_at_locations?postcode=11368&proximity=1000",
    );
    const nearNames = near.body.contents.map(
      (sal: { service: { name: string } }) => sal.service.name,
    );
    expect(nearNames.sort()).toEqual(["Adjustment of Status Workshop", "Asylum Clinic"]);
    // In Queens by county: the confidential shelter counts, without giving away where it is.
    const queens = await get(salsLoader, "/api/hsds/service_at_locations?postcode=11368");
    expect(
      queens.body.contents.map((sal: { service: { name: string } }) => sal.service.name),
    ).toContain("Legal Help for Survivors");

    expect((await get(salsLoader, "/api/hsds/service_at_locations?proximity=100")).status).toBe(
      400,
    );
    const unknownZip = await get(salsLoader, "/api/hsds/service_at_locations?postcode=00000");
    expect(unknownZip.body.parameters[0].parameter).toBe("postcode");
  });

  it("filters services at locations by their service's organization and category", async () => {
    const names = async (query: string) => {
      const { body } = await get(salsLoader, `/api/hsds/service_at_locations?${query}`);
      expectHsdsPage("service_at_location_list", body);
      expect(body.total_items).toBe(body.contents.length);
      return body.contents.map((sal: { service: { name: string } }) => sal.service.name).sort();
    };
    expect(await names(`organization_id=${scenario.organizations.queens.id}`)).toEqual([
      "Adjustment of Status Workshop",
      "Asylum Clinic",
      "Asylum Clinic",
    ]);
    const { body: terms } = await get(termsLoader, "/api/hsds/taxonomy_terms?per_page=100");
    const tps = terms.contents.find(
      (term: { taxonomy: string; code: string }) =>
        term.taxonomy === "puente-immigration-legal" && term.code === "tps",
    ).id;
    expect(await names(`taxonomy_term_id=${tps}`)).toEqual(["TPS Renewals"]);
    expect(await names(`taxonomy_term_id=${tps}&postcode=11368&proximity=1000`)).toEqual([]);
  });

  it("gives one service at a location, nested; 404 for an unknown one", async () => {
    const { body: list } = await get(salsLoader, "/api/hsds/service_at_locations");
    const id = list.contents[0].id;
    const { body } = await get(salLoader, `/api/hsds/service_at_locations/${id}`, { id });
    expectHsds("service_at_location", body);
    expect(body.service.id).toBe(list.contents[0].service_id);
    const unknown = derivedId("nowhere");
    const missing = await get(salLoader, `/api/hsds/service_at_locations/${unknown}`, {
      id: unknown,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe("not_found");
  });
});

describe("taxonomies", () => {
  it("publishes categories, populations, courts, fees and provider types with stable codes", async () => {
    const { body } = await get(taxonomiesLoader, "/api/hsds/taxonomies");
    expectHsdsPage("taxonomy", body);
    expect(body.contents.map((taxonomy: { name: string }) => taxonomy.name)).toEqual([
      "puente-immigration-legal",
      "puente-populations",
      "puente-courts",
      "puente-fees",
      "puente-provider-types",
    ]);
    const id = body.contents[1].id;
    const one = await get(taxonomyLoader, `/api/hsds/taxonomies/${id}`, { id });
    expectHsds("taxonomy", one.body);
    const missing = await get(taxonomyLoader, "/api/hsds/taxonomies/x", { id: "x" });
    expect(missing.status).toBe(404);
  });

  it("names the terms in the interface language asked for", async () => {
    const english = await get(termsLoader, "/api/hsds/taxonomy_terms?per_page=100");
    expectHsdsPage("taxonomy_term", english.body);
    const spanish = await get(termsLoader, "/api/hsds/taxonomy_terms?per_page=100&language=es");
    expectHsdsPage("taxonomy_term", spanish.body);
    const find = (
      body: { contents: { code: string; name: string; language: string }[] },
      code: string,
    ) => body.contents.find((term) => term.code === code)!;
    expect(find(english.body, "asylum")).toMatchObject({ name: "Asylum", language: "en" });
    expect(find(spanish.body, "asylum")).toMatchObject({ name: "Asilo", language: "es" });
    expect(find(spanish.body, "sliding_scale").language).toBe("es");
    expect(find(spanish.body, "sliding_scale").name).not.toBe(
      find(english.body, "sliding_scale").name,
    );
    const populations = english.body.contents.find(
      (term: { taxonomy: string }) => term.taxonomy === "puente-populations",
    ).taxonomy_id;
    const filtered = await get(termsLoader, `/api/hsds/taxonomy_terms?taxonomy_id=${populations}`);
    expect(filtered.body.total_items).toBe(7);
    const id = find(english.body, "asylum") as unknown as { id: string };
    const one = await get(termLoader, `/api/hsds/taxonomy_terms/${id.id}?language=es`, {
      id: id.id,
    });
    expectHsds("taxonomy_term", one.body);
    expect(one.body.name).toBe("Asilo");
    const missing = await get(termLoader, `/api/hsds/taxonomy_terms/${derivedId("x")}`, {
      id: derivedId("x"),
    });
    expect(missing.status).toBe(404);
  });
});

describe("caching", () => {
  it("answers 304 to a client that already has the list (ETag)", async () => {
    const first = await get(servicesLoader, "/api/hsds/services");
    const etag = first.response.headers.get("ETag")!;
    expect(etag).toMatch(/^"/);
    const again = await get(servicesLoader, "/api/hsds/services", {}, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.response.headers.get("ETag")).toBe(etag);
    const changed = await get(
      servicesLoader,
      "/api/hsds/services",
      {},
      { "If-None-Match": '"old"' },
    );
    expect(changed.status).toBe(200);
  });

  it("answers 304 to If-Modified-Since for a service that has not changed", async () => {
    const id = scenario.services.tps.id;
    const first = await get(serviceLoader, `/api/hsds/services/${id}`, { id });
    const lastModified = first.response.headers.get("Last-Modified")!;
    const again = await get(
      serviceLoader,
      `/api/hsds/services/${id}`,
      { id },
      {
        "If-Modified-Since": lastModified,
      },
    );
    expect(again.status).toBe(304);
  });
});
