import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { locations } from "#db/schema";
import { commitChange } from "~/directory/change-sets.server";
import { getPublishedOrganizationPage } from "~/directory/organizations.server";
import { presentOrganizationPage } from "~/directory/organization-view";
import { parseSearchParams } from "~/search/params";
import { resolvePlace } from "~/geo/places.server";
import { ensureSearchIndex } from "~/search/reindex.server";
import { loadSearchPage } from "~/search/search-page.server";
import { searchServices } from "~/search/search.server";
import { drainSearchOutbox } from "~/search/sync.server";
import type { CoalitionSettings } from "~/coalition";
import { resetConfigCache } from "~/config.server";
import { forgetDirectoryMapCenter } from "~/geo/map-center.server";
import { loader as rootLoader } from "~/root";
import { useTestEnvironment } from "../support/environment";
import { unreachableMeilisearch } from "../support/meilisearch-process";
import { callRoute, getRequest } from "../support/routes";
import {
  createLocation,
  createOrganization,
  createService,
  ensureTaxonomy,
  staffMember,
} from "../support/factories";

/*
 * A directory beyond New York: a clinic in El Paso keeps Mountain time although Texas is
 * mostly Central, and one in Houston keeps Central time. "Open now" and "today's hours" are
 * read on each place's own clock, on both engines, and hours in another zone name it.
 */

const env = useTestEnvironment();
/** Wednesday 25 Nov 2026, 9:30 am in New York = 8:30 in Houston = 7:30 in El Paso. */
const NOW = new Date("2026-11-25T14:30:00Z");
const WEEKDAYS = [1, 2, 3, 4, 5];
let slug = "";

beforeAll(async () => {
  const db = env().db;
  await ensureSearchIndex(db);
  await ensureTaxonomy(db);
  const organization = await createOrganization(db, { name: "Border Rights Project" });
  slug = organization.slug;
  const staff = await staffMember(db);
  // El Paso through the one write path every edit takes: the zone comes from the point.
  const elPasoId = await db.transaction(async (tx) => {
    const outcome = await commitChange(tx, {
      actor: staff,
      organization: { id: organization.id, trusted: false },
      entityType: "location",
      entityId: null,
      operation: "create",
      before: null,
      submitted: {
        name: "El Paso office",
        description: null,
        address1: "1100 N Stanton St",
        address2: null,
        city: "El Paso",
        county: "48141" as never,
        postalCode: "79902",
        latitude: 31.7706,
        longitude: -106.4906,
        accessibility: null,
        transportation: null,
        confidential: false,
      },
    });
    return outcome.entityId!;
  });
  const houston = await createLocation(db, {
    organizationId: organization.id,
    address1: "2 Main St",
    city: "Houston",
    county: "48201",
    stateProvince: "TX",
    postalCode: "77002",
    latitude: 29.7604,
    longitude: -95.3698,
    timeZone: "America/Chicago",
  });
  // Both open 8:00 to 12:00 on weekdays, on their own clocks.
  const hours = (locationId: string) =>
    WEEKDAYS.map((weekday) => ({ weekday, opensAt: "08:00", closesAt: "12:00", locationId }));
  await createService(db, {
    organizationId: organization.id,
    name: "Border asylum clinic",
    categories: ["asylum"],
    locationIds: [elPasoId],
    hours: hours(elPasoId),
  });
  await createService(db, {
    organizationId: organization.id,
    name: "Houston asylum clinic",
    categories: ["asylum"],
    locationIds: [houston.id],
    hours: hours(houston.id),
  });
  expect((await drainSearchOutbox(db)).failed).toBe(0);
});

async function openNowNames(engine: "meilisearch" | "postgres"): Promise<string[]> {
  const { query } = parseSearchParams(new URLSearchParams("q=clinic&open_now=true"), {
    locale: "en",
    resolvePlace,
    pageSize: 50,
  });
  const result = await searchServices(env().db, query, {
    now: NOW,
    ...(engine === "postgres" ? { client: unreachableMeilisearch } : {}),
  });
  expect(result.engine).toBe(engine);
  return result.hits.map((hit) => hit.serviceName).filter((name) => /clinic$/.test(name));
}

describe("a directory outside New York", () => {
  it("opens its maps on its own locations unless COALITION_MAP_CENTER says otherwise", async () => {
    forgetDirectoryMapCenter();
    const page = await callRoute(rootLoader, getRequest("/es/search"), { params: { lang: "es" } });
    const { mapCenter } = (page.data as { coalition: CoalitionSettings }).coalition;
    // Between El Paso and Houston, zoomed to hold both.
    expect(mapCenter.lat).toBeGreaterThan(29.5);
    expect(mapCenter.lat).toBeLessThan(32);
    expect(mapCenter.lng).toBeGreaterThan(-106.5);
    expect(mapCenter.lng).toBeLessThan(-95.3);
    expect(mapCenter.zoom).toBeLessThanOrEqual(6);

    process.env.COALITION_MAP_CENTER = "31.97,-99.9,6";
    resetConfigCache();
    try {
      const configured = await callRoute(rootLoader, getRequest("/es/search"), {
        params: { lang: "es" },
      });
      expect((configured.data as { coalition: CoalitionSettings }).coalition.mapCenter).toEqual({
        lat: 31.97,
        lng: -99.9,
        zoom: 6,
      });
    } finally {
      delete process.env.COALITION_MAP_CENTER;
      resetConfigCache();
    }
  });
});

describe("hours on each place's own clock", () => {
  it("takes the zone of a new location from its point (El Paso keeps Mountain time)", async () => {
    const [row] = await env()
      .db.select({ timeZone: locations.timeZone })
      .from(locations)
      .where(eq(locations.city, "El Paso"));
    expect(row?.timeZone).toBe("America/Denver");
  });

  it("says 'open now' in Houston at 8:30 there, not in El Paso at 7:30, on both engines", async () => {
    expect(await openNowNames("meilisearch")).toEqual(["Houston asylum clinic"]);
    expect(await openNowNames("postgres")).toEqual(["Houston asylum clinic"]);
  });

  it("names the zone beside hours kept outside the coalition's zone", async () => {
    const { query } = parseSearchParams(new URLSearchParams("q=border asylum clinic"), {
      locale: "es",
      resolvePlace,
      pageSize: 10,
    });
    const page = await loadSearchPage(env().db, query, { intl: "es", now: NOW });
    const hit = page.result.hits.find(
      (candidate) => candidate.serviceName === "Border asylum clinic",
    );
    expect(hit?.display.hoursToday).toMatch(/8:00.*12:00.*\(hora de las Montañas Rocosas\)/);

    const organization = await getPublishedOrganizationPage(env().db, slug, "en");
    const view = presentOrganizationPage(organization!, "en", "America/New_York");
    const lines = view.services.flatMap((service) => service.hours.flatMap((group) => group.lines));
    expect(lines.map((line) => line.hours)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\(Mountain Time\)$/),
        expect.stringMatching(/\(Central Time\)$/),
      ]),
    );
  });
});
