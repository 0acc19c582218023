import { beforeAll, describe, expect, it } from "vitest";
import {
  locations,
  organizations,
  organizationTranslations,
  phones,
  schedules,
  serviceAtLocation,
  serviceLanguages,
  services,
  serviceTaxonomy,
  serviceTranslations,
  taxonomyTerms,
  taxonomyTermTranslations,
} from "#db/schema";
import { getPublishedOrganizationPage } from "~/directory/organizations.server";
import { lookupZip } from "~/geo/zips.server";
import { useTestEnvironment } from "../support/environment";

const env = useTestEnvironment();
const today = new Date("2025-06-01T12:00:00Z");

beforeAll(async () => {
  const { db } = env();
  const [asylum] = await db
    .insert(taxonomyTerms)
    .values({ code: "asylum", name: "Asylum" })
    .returning();
  await db
    .insert(taxonomyTermTranslations)
    .values({ termId: asylum!.id, locale: "es", name: "Asilo", keywords: ["asilo"] });

  const [org] = await db
    .insert(organizations)
    .values({
      slug: "queens-legal-aid",
      name: "Queens Legal Aid",
      description: "Free immigration help in Queens.",
      originalLanguage: "en",
      status: "published",
      assuredDate: "2025-05-01",
    })
    .returning();
  await db.insert(organizationTranslations).values({
    organizationId: org!.id,
    locale: "es",
    description: "Ayuda de inmigración gratuita en Queens.",
  });
  await db.insert(phones).values({ organizationId: org!.id, number: "(718) 555-0100" });

  const [clinic, shelter, hidden] = await db
    .insert(services)
    .values([
      {
        organizationId: org!.id,
        name: "Asylum clinic",
        description: "We help you prepare your asylum application.",
        eligibilityDescription: "Anyone who arrived in the last year.",
        applicationProcess: "Call us to make an appointment.",
        status: "active",
        fees: "free",
        populations: ["families"],
        assuredDate: "2024-01-01",
      },
      {
        organizationId: org!.id,
        name: "Survivor support",
        description: "Legal help for survivors of violence.",
        status: "active",
        fees: "sliding_scale",
        assuredDate: "2025-04-15",
      },
      { organizationId: org!.id, name: "Paused program", status: "paused" },
    ])
    .returning();
  await db.insert(serviceTranslations).values({
    serviceId: clinic!.id,
    locale: "es",
    name: "Clínica de asilo",
    description: "Le ayudamos a preparar su solicitud de asilo.",
  });
  await db.insert(serviceTaxonomy).values({ serviceId: clinic!.id, termId: asylum!.id });
  await db.insert(serviceLanguages).values([
    { serviceId: clinic!.id, code: "es" },
    { serviceId: clinic!.id, code: "en" },
  ]);

  const [office, safeHouse] = await db
    .insert(locations)
    .values([
      {
        organizationId: org!.id,
        name: "Main office",
        address1: "40-10 Junction Blvd",
        city: "Corona",
        county: "36081",
        postalCode: "11368",
        latitude: 40.7498,
        longitude: -73.8626,
      },
      {
        organizationId: org!.id,
        name: "Safe house",
        address1: "1 Secret Street",
        city: "Brooklyn",
        county: "36047",
        postalCode: "11201",
        latitude: 40.69,
        longitude: -73.99,
        confidential: true,
      },
    ])
    .returning();
  await db.insert(serviceAtLocation).values([
    { serviceId: clinic!.id, locationId: office!.id },
    { serviceId: shelter!.id, locationId: safeHouse!.id },
    { serviceId: hidden!.id, locationId: office!.id },
  ]);
  await db.insert(phones).values({
    organizationId: org!.id,
    locationId: safeHouse!.id,
    number: "(718) 555-0199",
  });
  await db.insert(schedules).values([
    { serviceId: clinic!.id, weekday: 1, opensAt: "09:00", closesAt: "17:00" },
    { serviceId: clinic!.id, weekday: 3, opensAt: "13:00", closesAt: "19:30" },
  ]);

  await db.insert(organizations).values({
    slug: "not-ready-yet",
    name: "Not Ready Yet",
    status: "draft",
  });
});

describe("getPublishedOrganizationPage", () => {
  it("shows the visitor's language where a translation exists, and marks the fallbacks", async () => {
    const page = await getPublishedOrganizationPage(env().db, "queens-legal-aid", "es", today);
    expect(page).toBeDefined();
    expect(page!.organization.description).toEqual({
      text: "Ayuda de inmigración gratuita en Queens.",
      lang: "es",
      fallback: false,
    });
    const clinic = page!.services.find((service) => service.name.text === "Clínica de asilo");
    expect(clinic?.description).toEqual({
      text: "Le ayudamos a preparar su solicitud de asilo.",
      lang: "es",
      fallback: false,
    });
    // Not translated: the original English text, flagged so the page says "(in English)".
    expect(clinic?.eligibility).toEqual({
      text: "Anyone who arrived in the last year.",
      lang: "en",
      fallback: true,
    });
    expect(clinic?.categories).toEqual([{ code: "asylum", name: "Asilo" }]);
    expect(clinic?.languages).toEqual(["en", "es"]);
    expect(clinic?.hours).toEqual([
      { weekday: 1, opensAt: "09:00", closesAt: "17:00", locationId: null },
      { weekday: 3, opensAt: "13:00", closesAt: "19:30", locationId: null },
    ]);
    const survivors = page!.services.find((service) => service.name.text === "Survivor support");
    expect(survivors?.name).toEqual({ text: "Survivor support", lang: "en", fallback: true });
  });

  it("shows the original text without a fallback mark in the original language", async () => {
    const page = await getPublishedOrganizationPage(env().db, "queens-legal-aid", "en", today);
    expect(page!.organization.description).toEqual({
      text: "Free immigration help in Queens.",
      lang: "en",
      fallback: false,
    });
    expect(page!.services.map((service) => service.name.text)).toEqual([
      "Asylum clinic",
      "Survivor support",
    ]);
    expect(page!.organization.phones.map((phone) => phone.tel)).toEqual(["+17185550100"]);
  });

  it("marks listings nobody confirmed recently", async () => {
    const page = await getPublishedOrganizationPage(env().db, "queens-legal-aid", "en", today);
    expect(page!.organization.stale).toBe(false);
    const clinic = page!.services.find((service) => service.name.text === "Asylum clinic");
    expect(clinic?.lastVerified).toBe("2024-01-01");
    expect(clinic?.stale).toBe(true);
  });

  it("never reveals where a confidential location is, but keeps the phone to call", async () => {
    const page = await getPublishedOrganizationPage(env().db, "queens-legal-aid", "en", today);
    const confidential = page!.locations.find((location) => location.confidential);
    expect(confidential).toMatchObject({
      name: null,
      address: null,
      geo: null,
      county: "36047",
    });
    expect(confidential!.phones.map((phone) => phone.number)).toEqual(["(718) 555-0199"]);
    expect(JSON.stringify(page)).not.toContain("Secret Street");
    expect(JSON.stringify(page)).not.toContain("Safe house");

    const office = page!.locations.find((location) => !location.confidential);
    expect(office?.address?.line1).toBe("40-10 Junction Blvd");
    expect(office?.geo).toEqual({ lat: 40.7498, lng: -73.8626 });
  });

  it("leaves out services that are not active", async () => {
    const page = await getPublishedOrganizationPage(env().db, "queens-legal-aid", "en", today);
    expect(page!.services.some((service) => service.name.text === "Paused program")).toBe(false);
  });

  it("finds neither draft organizations nor unknown slugs", async () => {
    expect(await getPublishedOrganizationPage(env().db, "not-ready-yet", "en")).toBeUndefined();
    expect(await getPublishedOrganizationPage(env().db, "no-such-org", "en")).toBeUndefined();
  });
});

describe("locations on the public page", () => {
  it("fall back to the organization's phone, and say when the pin is only the ZIP code's centre", async () => {
    const { db } = env();
    const [org] = await db
      .insert(organizations)
      .values({
        slug: "bronx-immigrant-help",
        name: "Bronx Immigrant Help",
        status: "published",
        assuredDate: "2025-05-01",
      })
      .returning();
    await db.insert(phones).values({ organizationId: org!.id, number: "(718) 555-0300" });
    const zipCentre = lookupZip("10451")!;
    const [atZipCentre, placed] = await db
      .insert(locations)
      .values([
        {
          organizationId: org!.id,
          address1: "1 Grand Concourse",
          city: "Bronx",
          county: "36005",
          postalCode: "10451",
          latitude: zipCentre.latitude,
          longitude: zipCentre.longitude,
        },
        {
          organizationId: org!.id,
          address1: "500 Courtlandt Ave",
          city: "Bronx",
          county: "36005",
          postalCode: "10451",
          latitude: 40.8201,
          longitude: -73.9187,
        },
      ])
      .returning();
    await db
      .insert(phones)
      .values({ organizationId: org!.id, locationId: placed!.id, number: "(718) 555-0301" });
    const [service] = await db
      .insert(services)
      .values({ organizationId: org!.id, name: "Walk-in clinic", status: "active" })
      .returning();
    await db.insert(serviceAtLocation).values([
      { serviceId: service!.id, locationId: atZipCentre!.id },
      { serviceId: service!.id, locationId: placed!.id },
    ]);

    const page = await getPublishedOrganizationPage(db, "bronx-immigrant-help", "en", today);
    const byId = new Map(page!.locations.map((location) => [location.id, location]));
    expect(byId.get(atZipCentre!.id)).toMatchObject({
      approximateGeo: true,
      phonesFromOrganization: true,
      phones: [expect.objectContaining({ number: "(718) 555-0300" })],
    });
    expect(byId.get(placed!.id)).toMatchObject({
      approximateGeo: false,
      phonesFromOrganization: false,
      phones: [expect.objectContaining({ number: "(718) 555-0301" })],
    });
  });
});
