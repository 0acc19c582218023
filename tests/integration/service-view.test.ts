import { beforeAll, describe, expect, it } from "vitest";
import { loader as organizationLoader } from "~/routes/($lang).orgs.$slug";
import { loader as searchLoader } from "~/routes/($lang).search";
import { ensureSearchIndex } from "~/search/reindex.server";
import { drainSearchOutbox } from "~/search/sync.server";
import { useTestEnvironment } from "../support/environment";
import {
  createLocation,
  createOrganization,
  createPhone,
  createService,
  seedTaxonomy,
} from "../support/factories";
import { callRoute, getRequest } from "../support/routes";

/*
 * The search results and the organization page are two views of one service view
 * (app/directory/service-view.server.ts): the same listing must show the same number to dial
 * and the same text in the visitor's language on both.
 */

const env = useTestEnvironment();

beforeAll(async () => {
  const { db } = env();
  await ensureSearchIndex(db);
  await seedTaxonomy(db);
  const organization = await createOrganization(db, {
    slug: "harlem-immigrant-help",
    name: "Harlem Immigrant Help",
  });
  const office = await createLocation(db, { organizationId: organization.id });
  const service = await createService(db, {
    organizationId: organization.id,
    name: "Citizenship workshop",
    description: "We fill in the naturalization form with you.",
    categories: ["naturalization"],
    locationIds: [office.id],
    // Written by a volunteer for readers of Mexican Spanish and of Simplified Chinese.
    translations: [
      {
        locale: "es-MX",
        name: "Taller de ciudadanía",
        description: "Llenamos con usted la solicitud de naturalización.",
      },
      { locale: "zh-Hans", name: "入籍讲习班", description: "我们和您一起填写入籍申请表。" },
    ],
  });
  await createPhone(db, {
    organizationId: organization.id,
    serviceId: service.id,
    number: "(212) 555-0142",
    extension: "12",
  });
  expect((await drainSearchOutbox(db)).failed).toBe(0);
});

async function bothViews(lang: string) {
  const search = await callRoute(searchLoader, getRequest(`/${lang}/search?q=citizenship`), {
    params: { lang },
  });
  expect(search.status).toBe(200);
  const hit = search.data.hits.find(
    (candidate: { organizationSlug: string }) =>
      candidate.organizationSlug === "harlem-immigrant-help",
  );
  const organization = await callRoute(
    organizationLoader,
    getRequest(`/${lang}/orgs/harlem-immigrant-help`),
    { params: { lang, slug: "harlem-immigrant-help" } },
  );
  expect(organization.status).toBe(200);
  return { hit, service: organization.data.services[0] };
}

describe("one listing, two pages", () => {
  it.each([
    ["en", "Citizenship workshop", "We fill in the naturalization form with you."],
    ["es", "Taller de ciudadanía", "Llenamos con usted la solicitud de naturalización."],
    ["zh-Hant", "入籍讲习班", "我们和您一起填写入籍申请表。"],
    ["fr", "Citizenship workshop", "We fill in the naturalization form with you."],
  ])(
    "shows the same text in %s on /search and on the organization page",
    async (lang, name, description) => {
      const { hit, service } = await bothViews(lang);
      expect(hit.serviceName).toBe(name);
      expect(service.name.text).toBe(name);
      expect(hit.serviceDescription).toBe(description);
      expect(service.description.text).toBe(description);
      // Not marked "(in English)" when a text in the visitor's language exists.
      expect(service.description.fallback).toBe(lang === "fr");
    },
  );

  it("dials the same number, with the country code and the extension, on both pages", async () => {
    const { hit, service } = await bothViews("en");
    expect(hit.phone.tel).toBe("+12125550142;ext=12");
    expect(service.phones.map((phone: { tel: string }) => phone.tel)).toEqual([
      "+12125550142;ext=12",
    ]);
  });
});
