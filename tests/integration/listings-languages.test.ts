import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { changeSets } from "#db/schema";
import * as languagesRoute from "~/routes/($lang).portal.languages";
import * as newPhonePage from "~/routes/($lang).portal.orgs.$orgId.phones";
import * as editServicePage from "~/routes/($lang).portal.services.$serviceId.edit";
import * as reviewPage from "~/routes/($lang).staff.review.$changeSetId";
import { useTestEnvironment } from "../support/environment";
import { requestAs, unwrapData } from "../support/requests";
import {
  createOrganization,
  editorOf,
  ensureTaxonomy,
  insertLocation,
  insertService,
  staffMember,
} from "../support/factories";

/* Issue 12 item 8: editors pick languages by name, in their own language, never by code. */

const env = useTestEnvironment();
const context = {};
let ids: { org: string; service: string; location: string };

beforeAll(async () => {
  const { db } = env();
  await ensureTaxonomy(db);
  const org = await createOrganization(db);
  const location = await insertLocation(db, org.id);
  const service = await insertService(db, org.id, {
    locationIds: [location.id],
    languages: ["es", "quc"],
  });
  ids = { org: org.id, service: service.id, location: location.id };
});

function serviceForm(overrides: Record<string, string | string[]> = {}) {
  const form: Record<string, string | string[]> = {
    name: "Asylum clinic",
    description: "Help with asylum applications.",
    fees: "free",
    acceptingNewClients: "on",
    deliveryMethods: ["in_person"],
    categories: ["asylum"],
    languages: ["es"],
    locationIds: [ids.location],
  };
  return { ...form, ...overrides };
}

describe("languages by name on the listing forms", () => {
  it("shows the stored languages by name in the editor's language", async () => {
    const editor = await editorOf(env().db, ids.org);
    const page = (await editServicePage.loader({
      request: await requestAs(env().db, editor, `/es/portal/services/${ids.service}/edit`),
      params: { lang: "es", serviceId: ids.service },
      context,
    })) as { languageNames: Record<string, string> };
    expect(page.languageNames).toMatchObject({
      es: "Español",
      quc: expect.stringMatching(/^(K.iche.|Quiché)$/),
    });
  });

  it("re-renders an unknown name with a message naming it and everything typed", async () => {
    const editor = await editorOf(env().db, ids.org);
    const typed = serviceForm({ otherLanguages: "mam, Klingonés, tseltal", name: "Clínica" });
    const result = await editServicePage.action({
      request: await requestAs(env().db, editor, `/es/portal/services/${ids.service}/edit`, typed),
      params: { lang: "es", serviceId: ids.service },
      context,
    });
    const { data, status } = unwrapData<{
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    }>(result);
    expect(status).toBe(400);
    expect(data.result.error).toEqual({
      otherLanguages: ["unknownLanguages?names=Klingon%C3%A9s"],
    });
    expect(data.result.initialValue).toMatchObject({
      name: "Clínica",
      otherLanguages: "mam, Klingonés, tseltal",
    });
    const proposals = await env()
      .db.select()
      .from(changeSets)
      .where(eq(changeSets.organizationId, ids.org));
    expect(proposals).toEqual([]);
  });

  it("stores the codes of names typed in the editor's language, in English or natively", async () => {
    const editor = await editorOf(env().db, ids.org);
    const response = (await editServicePage.action({
      request: await requestAs(
        env().db,
        editor,
        `/fr/portal/services/${ids.service}/edit`,
        // "espagnol" (French) ticks nothing twice: Spanish is also a checkbox.
        serviceForm({ otherLanguages: "Mam, tseltal ; K’iche’, espagnol, Wolof" }),
      ),
      params: { lang: "fr", serviceId: ids.service },
      context,
    })) as Response;
    expect(response.status).toBe(302);
    const [proposal] = await env()
      .db.select()
      .from(changeSets)
      .where(eq(changeSets.organizationId, ids.org));
    const languages = JSON.stringify(proposal?.changes);
    for (const code of ["mam", "tzh", "quc", "wo"]) expect(languages).toContain(`"${code}"`);
  });

  it("names the proposed languages on the staff review page, rare ones too", async () => {
    const [proposal] = await env()
      .db.select()
      .from(changeSets)
      .where(eq(changeSets.organizationId, ids.org));
    const review = (await reviewPage.loader({
      request: await requestAs(
        env().db,
        await staffMember(env().db),
        `/en/staff/review/${proposal!.id}`,
      ),
      params: { lang: "en", changeSetId: proposal!.id },
      context,
    })) as { references: Record<string, string> };
    expect(review.references).toMatchObject({ mam: "Mam", tzh: "Tzeltal", wo: "Wolof" });
  });

  it("re-renders the phone form with the unknown name too", async () => {
    const editor = await editorOf(env().db, ids.org);
    const result = await newPhonePage.action({
      request: await requestAs(env().db, editor, `/portal/orgs/${ids.org}/phones`, {
        number: "718-555-0199",
        type: "voice",
        otherLanguages: "Mam, Elvish",
      }),
      params: { orgId: ids.org },
      context,
    });
    const { data, status } = unwrapData<{ result: { error: Record<string, string[]> } }>(result);
    expect(status).toBe(400);
    expect(data.result.error).toEqual({ otherLanguages: ["unknownLanguages?names=Elvish"] });
  });

  it("suggests languages by name to signed-in people only, never cached", async () => {
    const editor = await editorOf(env().db, ids.org);
    const response = await languagesRoute.loader({
      request: await requestAs(env().db, editor, "/es/portal/languages?q=tsel"),
      params: { lang: "es" },
      context,
    });
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const body = (await response.json()) as { suggestions: Array<{ code: string; name: string }> };
    expect(body.suggestions[0]).toMatchObject({ code: "tzh", name: "Tseltal" });

    const anonymous = await languagesRoute.loader({
      request: await requestAs(env().db, null, "/portal/languages?q=mam"),
      params: {},
      context,
    });
    expect(anonymous.status).toBe(401);
  });
});
