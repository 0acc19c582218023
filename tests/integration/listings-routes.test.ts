import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { changeSets, organizations, phones, services } from "#db/schema";
import * as root from "~/root";
import * as portalLayout from "~/routes/($lang).portal";
import * as organizationPage from "~/routes/($lang).portal.orgs.$orgId._index";
import * as phonesPage from "~/routes/($lang).portal.orgs.$orgId.phones";
import * as newLocationPage from "~/routes/($lang).portal.orgs.$orgId.locations.new";
import * as editPhonePage from "~/routes/($lang).portal.phones.$phoneId.edit";
import * as editServicePage from "~/routes/($lang).portal.services.$serviceId.edit";
import * as staffLayout from "~/routes/($lang).staff";
import * as reviewPage from "~/routes/($lang).staff.review.$changeSetId";
import { useTestEnvironment } from "../support/environment";
import { refusal, requestAs, unwrapData } from "../support/requests";
import {
  editorOf,
  ensureTaxonomy,
  insertLocation,
  createOrganization,
  insertPhone,
  insertService,
  staffMember,
} from "../support/factories";

const env = useTestEnvironment();
const context = {};

let ids: {
  orgA: string;
  orgB: string;
  serviceA: string;
  serviceB: string;
  locationA: string;
  locationB: string;
  phoneA: string;
  phoneB: string;
};

beforeAll(async () => {
  const { db } = env();
  await ensureTaxonomy(db);
  const orgA = await createOrganization(db);
  const orgB = await createOrganization(db);
  const locationA = await insertLocation(db, orgA.id);
  const locationB = await insertLocation(db, orgB.id);
  const serviceA = await insertService(db, orgA.id, { locationIds: [locationA.id] });
  const serviceB = await insertService(db, orgB.id);
  const phoneA = await insertPhone(db, orgA.id);
  const phoneB = await insertPhone(db, orgB.id);
  ids = {
    orgA: orgA.id,
    orgB: orgB.id,
    serviceA: serviceA.id,
    serviceB: serviceB.id,
    locationA: locationA.id,
    locationB: locationB.id,
    phoneA: phoneA.id,
    phoneB: phoneB.id,
  };
});

/** A complete, valid service form as a person would submit it. */
function serviceForm(overrides: Record<string, string | string[]> = {}) {
  const form: Record<string, string | string[]> = {
    name: "Asylum clinic",
    description: "Help with asylum applications.",
    fees: "free",
    acceptingNewClients: "on",
    deliveryMethods: ["in_person"],
    categories: ["asylum"],
    languages: ["en", "es"],
    locationIds: [ids.locationA],
  };
  for (let weekday = 1, row = 0; weekday <= 7; weekday++) {
    for (let slot = 0; slot < 2; slot++, row++) {
      form[`hours[${row}].weekday`] = String(weekday);
      form[`hours[${row}].opensAt`] = weekday === 1 && slot === 0 ? "09:00" : "";
      form[`hours[${row}].closesAt`] = weekday === 1 && slot === 0 ? "17:00" : "";
    }
  }
  return { ...form, ...overrides };
}

describe("portal routes refuse another organization's data", () => {
  it("an editor of A gets 404 for B's pages, even through A's forms", async () => {
    const editor = await editorOf(env().db, ids.orgA);
    const as = (path: string, form?: Record<string, string | string[]>) =>
      requestAs(env().db, editor, path, form);

    expect(
      await refusal(async () =>
        editServicePage.loader({
          request: await as(`/portal/services/${ids.serviceB}/edit`),
          params: { serviceId: ids.serviceB },
          context,
        }),
      ),
    ).toBe(404);
    expect(
      await refusal(async () =>
        editServicePage.action({
          request: await as(`/portal/services/${ids.serviceB}/edit`, serviceForm()),
          params: { serviceId: ids.serviceB },
          context,
        }),
      ),
    ).toBe(404);
    expect(
      await refusal(async () =>
        organizationPage.action({
          request: await as(`/portal/orgs/${ids.orgB}`, {
            name: "Taken over",
            originalLanguage: "en",
          }),
          params: { orgId: ids.orgB },
          context,
        }),
      ),
    ).toBe(404);
    // A's own service, offered at B's location through the form's checkbox values.
    expect(
      await refusal(async () =>
        editServicePage.action({
          request: await as(
            `/portal/services/${ids.serviceA}/edit`,
            serviceForm({ locationIds: [ids.locationA, ids.locationB] }),
          ),
          params: { serviceId: ids.serviceA },
          context,
        }),
      ),
    ).toBe(404);
    // A new phone of A whose form data names B's service.
    expect(
      await refusal(async () =>
        phonesPage.action({
          request: await as(`/portal/orgs/${ids.orgA}/phones`, {
            number: "718-555-0111",
            type: "voice",
            serviceId: ids.serviceB,
          }),
          params: { orgId: ids.orgA },
          context,
        }),
      ),
    ).toBe(404);
    expect(
      await refusal(async () =>
        editPhonePage.action({
          request: await as(`/portal/phones/${ids.phoneB}/edit`, { intent: "delete" }),
          params: { phoneId: ids.phoneB },
          context,
        }),
      ),
    ).toBe(404);
    expect(
      await refusal(async () =>
        staffLayout.loader({ request: await as("/staff"), params: {}, context }),
      ),
    ).toBe(404);

    const { db } = env();
    expect(await db.select().from(changeSets)).toEqual([]);
    expect(await db.select().from(phones).where(eq(phones.id, ids.phoneB))).toHaveLength(1);
  });

  it("sends someone who is not signed in to the login page", async () => {
    const response = await portalLayout
      .loader({
        request: await requestAs(env().db, null, "/es/portal"),
        params: { lang: "es" },
        context,
      })
      .catch((thrown: unknown) => thrown);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe(
      "/es/login?redirectTo=%2Fes%2Fportal",
    );
  });
});

describe("a rejected form", () => {
  it("answers 400 with a message at each wrong field and every value the person typed", async () => {
    const editor = await editorOf(env().db, ids.orgA);
    const typed = serviceForm({
      name: "   ",
      description: "Our new description, typed with care.",
      languages: ["es", "ht"],
      otherLanguages: "mam, tzh",
      "hours[2].opensAt": "10:00",
      "hours[2].closesAt": "09:00",
      email: "not an email",
    });
    const result = await editServicePage.action({
      request: await requestAs(env().db, editor, `/portal/services/${ids.serviceA}/edit`, typed),
      params: { serviceId: ids.serviceA },
      context,
    });

    const { data, status } = unwrapData<{
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    }>(result);
    expect(status).toBe(400);
    expect(data.result.error).toEqual({
      name: ["required"],
      email: ["email"],
      "hours[2].closesAt": ["hoursOrder"],
    });
    expect(data.result.initialValue).toMatchObject({
      name: "   ",
      description: "Our new description, typed with care.",
      languages: ["es", "ht"],
      otherLanguages: "mam, tzh",
      email: "not an email",
      // A single checked box is kept as the one value it sent.
      categories: "asylum",
      hours: expect.arrayContaining([{ weekday: "2", opensAt: "10:00", closesAt: "09:00" }]),
    });
    const { db } = env();
    const [unchanged] = await db.select().from(services).where(eq(services.id, ids.serviceA));
    expect(unchanged?.description).toBe("Help with asylum applications.");
  });

  it.each<{
    form: string;
    route: { action: typeof organizationPage.action };
    path: () => string;
    params: () => Record<string, string>;
    typed: Record<string, string>;
    errors: string[];
  }>([
    {
      form: "organization profile",
      route: organizationPage,
      path: () => `/portal/orgs/${ids.orgA}`,
      params: () => ({ orgId: ids.orgA }),
      typed: {
        name: " ",
        description: "A description typed with care.",
        originalLanguage: "en",
        website: "not a web address",
      },
      errors: ["name", "website"],
    },
    {
      form: "new phone",
      route: phonesPage,
      path: () => `/portal/orgs/${ids.orgA}/phones`,
      params: () => ({ orgId: ids.orgA }),
      typed: { number: "call us", extension: "12", type: "voice", description: "Front desk" },
      errors: ["number"],
    },
    {
      form: "phone",
      route: editPhonePage,
      path: () => `/portal/phones/${ids.phoneA}/edit`,
      params: () => ({ phoneId: ids.phoneA }),
      typed: { number: "718-555-0100", extension: "x9", type: "voice", description: "Intake" },
      errors: ["extension"],
    },
  ])("re-renders the $form form with a message at each wrong field", async (example) => {
    const editor = await editorOf(env().db, ids.orgA);
    const result = await example.route.action({
      request: await requestAs(env().db, editor, example.path(), example.typed),
      params: example.params(),
      context,
    });
    const { data, status } = unwrapData<{
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    }>(result);
    expect(status).toBe(400);
    expect(Object.keys(data.result.error).sort()).toEqual(example.errors);
    expect(data.result.initialValue).toMatchObject(example.typed);
  });

  it("puts a ZIP code that cannot be placed at the ZIP code field, keeping the address", async () => {
    const editor = await editorOf(env().db, ids.orgA);
    const result = await newLocationPage.action({
      request: await requestAs(env().db, editor, `/portal/orgs/${ids.orgA}/locations/new`, {
        address1: "1 Nowhere Lane",
        city: "Nowhere",
        postalCode: "00000",
      }),
      params: { orgId: ids.orgA },
      context,
    });
    const { data, status } = unwrapData<{
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    }>(result);
    expect(status).toBe(400);
    expect(data.result.error).toEqual({ postalCode: ["placeNotFound"] });
    expect(data.result.initialValue).toMatchObject({
      address1: "1 Nowhere Lane",
      city: "Nowhere",
      postalCode: "00000",
    });
  });
});

describe("a successful form", () => {
  it("redirects with a one-time message that the next page shows once", async () => {
    const editor = await editorOf(env().db, ids.orgA);
    const response = (await editServicePage.action({
      request: await requestAs(
        env().db,
        editor,
        `/es/portal/services/${ids.serviceA}/edit`,
        serviceForm({ name: "Clínica de asilo" }),
      ),
      params: { lang: "es", serviceId: ids.serviceA },
      context,
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/es/portal/services/${ids.serviceA}/edit`);
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;

    const page = (await root.loader({
      request: await requestAs(
        env().db,
        editor,
        `/es/portal/services/${ids.serviceA}/edit`,
        undefined,
        { Cookie: cookie },
      ),
      params: { lang: "es" },
      context,
    })) as Response;
    const { flash } = (await page.json()) as { flash: unknown };
    expect(flash).toEqual({
      kind: "info",
      text: "Sus cambios se enviaron al personal de la coalición para su revisión. Aparecerán cuando se aprueben.",
    });
  });

  it("lets staff approve from the review page", async () => {
    const { db } = env();
    const [proposal] = await db
      .select()
      .from(changeSets)
      .where(eq(changeSets.entityId, ids.serviceA));
    const staff = await staffMember(env().db);
    const response = (await reviewPage.action({
      request: await requestAs(env().db, staff, `/staff/review/${proposal!.id}`, {
        intent: "approve",
      }),
      params: { changeSetId: proposal!.id },
      context,
    })) as Response;
    expect(response.status).toBe(302);
    const [service] = await db.select().from(services).where(eq(services.id, ids.serviceA));
    expect(service?.name).toBe("Clínica de asilo");
  });

  it("takes no logo address: a logo on another host would be a third-party request", async () => {
    const { db } = env();
    const staff = await staffMember(db);
    const response = (await organizationPage.action({
      request: await requestAs(db, staff, `/portal/orgs/${ids.orgA}`, {
        name: "Queens Legal Aid",
        description: "Free immigration legal help.",
        originalLanguage: "en",
        logoUrl: "https://cdn.example.net/logo.png",
      }),
      params: { orgId: ids.orgA },
      context,
    })) as Response;
    expect(response.status).toBe(302);
    const [organization] = await db
      .select()
      .from(organizations)
      .where(eq(organizations.id, ids.orgA));
    expect(organization).toMatchObject({ name: "Queens Legal Aid", logoUrl: null });
  });

  it("refuses to send a proposal back without a comment", async () => {
    const { db } = env();
    const editor = await editorOf(env().db, ids.orgA);
    await editServicePage.action({
      request: await requestAs(
        env().db,
        editor,
        `/portal/services/${ids.serviceA}/edit`,
        serviceForm({ name: "Another name" }),
      ),
      params: { serviceId: ids.serviceA },
      context,
    });
    const [proposal] = await db.select().from(changeSets).where(eq(changeSets.status, "pending"));
    const result = await reviewPage.action({
      request: await requestAs(
        env().db,
        await staffMember(env().db),
        `/staff/review/${proposal!.id}`,
        {
          intent: "return",
          comment: " ",
        },
      ),
      params: { changeSetId: proposal!.id },
      context,
    });
    const { data, status } = unwrapData<{ result: { error: Record<string, string[]> } }>(result);
    expect(status).toBe(400);
    expect(data.result.error).toEqual({ comment: ["required"] });
  });
});
