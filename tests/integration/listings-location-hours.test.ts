import { eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { changeSets, locations, schedules, serviceAtLocation } from "#db/schema";
import * as editLocationPage from "~/routes/($lang).portal.locations.$locationId.edit";
import * as newLocationPage from "~/routes/($lang).portal.orgs.$orgId.locations.new";
import type { Actor } from "~/accounts/permissions";
import { approveChangeSet, getChangeSetForReview } from "~/directory/change-sets.server";
import { handlerFor } from "~/directory/entities.server";
import { locationFormDefaults } from "~/directory/forms";
import { createLocation, updateLocation } from "~/directory/locations.server";
import { presentOrganizationPage } from "~/directory/organization-view";
import { getPublishedOrganizationPage } from "~/directory/organizations.server";
import { previewChangeSet } from "~/directory/preview.server";
import { buildDocuments } from "~/search/documents.server";
import type { Database } from "~/db.server";
import { useTestEnvironment } from "../support/environment";
import { refusal, requestAs, unwrapData } from "../support/requests";
import {
  createOrganization,
  editorOf,
  ensureTaxonomy,
  insertLocation,
  insertService,
  staffMember,
} from "../support/factories";

/*
 * Hours per service at a location (issue 12 item 7, HSDS service_at_location schedules): each
 * service offered at a location keeps the hours it usually has there, or its own hours there,
 * chosen on the location form and reviewed with the location.
 */

const env = useTestEnvironment();
const context = {};

let staff: Actor;

beforeAll(async () => {
  await ensureTaxonomy(env().db);
  staff = await staffMember(env().db);
});

type Slot = [opensAt: string, closesAt: string];

/** One service's part of the location form: its choice and the grid rows typed (weekday → slot). */
interface ServicePart {
  id: string;
  choice?: "same" | "different";
  hours?: Partial<Record<number, Slot>>;
  /** The second slot of a day, by weekday. */
  second?: Partial<Record<number, Slot>>;
}

/** The location form as a browser sends it: every service's choice and its 7 × 2 hours grid. */
function locationForm(
  ticked: string[],
  parts: ServicePart[],
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {
    name: "Corona office",
    address1: "40-10 Junction Blvd",
    city: "Queens",
    postalCode: "11368",
    latitude: "40.7512",
    longitude: "-73.8702",
    serviceIds: ticked,
  };
  parts.forEach((part, index) => {
    const at = `serviceHours[${index}]`;
    form[`${at}.serviceId`] = part.id;
    form[`${at}.choice`] = part.choice ?? "same";
    for (let weekday = 1, row = 0; weekday <= 7; weekday++) {
      for (let slot = 0; slot < 2; slot++, row++) {
        const typed = (slot === 0 ? part.hours : part.second)?.[weekday];
        form[`${at}.hours[${row}].weekday`] = String(weekday);
        form[`${at}.hours[${row}].opensAt`] = typed?.[0] ?? "";
        form[`${at}.hours[${row}].closesAt`] = typed?.[1] ?? "";
      }
    }
  });
  return { ...form, ...overrides };
}

async function hoursHere(db: Database, locationId: string) {
  const rows = await db
    .select({
      serviceId: schedules.serviceId,
      weekday: schedules.weekday,
      opensAt: schedules.opensAt,
      closesAt: schedules.closesAt,
    })
    .from(schedules)
    .where(eq(schedules.locationId, locationId));
  return rows.sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.weekday - b.weekday);
}

async function organizationWithTwoServices(db: Database) {
  const organization = await createOrganization(db);
  const asylum = await insertService(db, organization.id, {
    values: { name: "Asylum clinic" },
    hours: [{ weekday: 1, opensAt: "09:00", closesAt: "17:00" }],
  });
  const daca = await insertService(db, organization.id, {
    values: { name: "DACA renewals" },
    hours: [{ weekday: 3, opensAt: "09:00", closesAt: "17:00" }],
  });
  const editor = await editorOf(db, organization.id);
  return { organization, asylum, daca, editor };
}

async function newLocationId(db: Database, organizationId: string) {
  const [row] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(eq(locations.organizationId, organizationId));
  return row!.id;
}

async function postNewLocation(
  db: Database,
  actor: Actor,
  organizationId: string,
  form: Record<string, string | string[]>,
) {
  return newLocationPage.action({
    request: await requestAs(db, actor, `/portal/orgs/${organizationId}/locations/new`, form),
    params: { orgId: organizationId },
    context,
  });
}

describe("hours per service at a location", () => {
  it("two services at one new location keep different hours there after approval", async () => {
    const { db } = env();
    const { organization, asylum, daca, editor } = await organizationWithTwoServices(db);

    const response = (await postNewLocation(
      db,
      editor,
      organization.id,
      locationForm(
        [asylum.id, daca.id],
        [
          { id: asylum.id, choice: "different", hours: { 2: ["10:00", "14:00"] } },
          {
            id: daca.id,
            choice: "different",
            hours: { 4: ["10:00", "14:00"] },
            second: { 4: ["17:00", "19:00"] },
          },
        ],
      ),
    )) as Response;
    expect(response.status).toBe(302);
    // One change set, nothing published yet.
    const [pending] = await db
      .select()
      .from(changeSets)
      .where(eq(changeSets.organizationId, organization.id));
    expect(pending?.status).toBe("pending");
    expect(
      await db.select().from(locations).where(eq(locations.organizationId, organization.id)),
    ).toEqual([]);

    // Staff see each service's hours here as a row of its own, named by the service.
    const review = await getChangeSetForReview(db, { actor: staff, changeSetId: pending!.id });
    const rowsOf = (serviceId: string) =>
      review.rows.find((row) => row.field === `serviceHours.${serviceId}`);
    expect(rowsOf(asylum.id)).toMatchObject({
      current: null,
      proposed: [{ weekday: 2, opensAt: "10:00", closesAt: "14:00" }],
    });
    expect(rowsOf(daca.id)?.proposed).toEqual([
      { weekday: 4, opensAt: "10:00", closesAt: "14:00" },
      { weekday: 4, opensAt: "17:00", closesAt: "19:00" },
    ]);
    expect(review.references[asylum.id]).toBe("Asylum clinic");

    // The preview shows the public page with each service's hours at the new place.
    const preview = await previewChangeSet(db, {
      actor: editor,
      changeSetId: pending!.id,
      locale: "en",
    });
    const previewed = (name: string) =>
      preview.page.services.find((service) => service.name.text === name)!.hours;
    expect(previewed("Asylum clinic")).toEqual(
      expect.arrayContaining([
        { weekday: 1, opensAt: "09:00", closesAt: "17:00", locationId: null },
        expect.objectContaining({ weekday: 2, opensAt: "10:00", locationId: expect.any(String) }),
      ]),
    );
    expect(previewed("DACA renewals")).not.toContainEqual(expect.objectContaining({ weekday: 2 }));

    const { entityId: locationId } = await approveChangeSet(db, {
      actor: staff,
      changeSetId: pending!.id,
    });

    expect(await hoursHere(db, locationId)).toEqual(
      [
        { serviceId: asylum.id, weekday: 2, opensAt: "10:00:00", closesAt: "14:00:00" },
        { serviceId: daca.id, weekday: 4, opensAt: "10:00:00", closesAt: "14:00:00" },
        { serviceId: daca.id, weekday: 4, opensAt: "17:00:00", closesAt: "19:00:00" },
      ].sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.weekday - b.weekday),
    );
    // Their own hours, everywhere else, are untouched.
    const own = await db
      .select({ serviceId: schedules.serviceId, weekday: schedules.weekday })
      .from(schedules)
      .where(isNull(schedules.locationId));
    expect(own.filter((row) => [asylum.id, daca.id].includes(row.serviceId))).toEqual(
      expect.arrayContaining([
        { serviceId: asylum.id, weekday: 1 },
        { serviceId: daca.id, weekday: 3 },
      ]),
    );

    // The public page: each service names the new place beside its hours there.
    const page = await getPublishedOrganizationPage(db, organization.slug, "en");
    const view = presentOrganizationPage(page!, "en-US", "America/New_York");
    const groups = (name: string) =>
      view.services.find((service) => service.name.text === name)!.hours;
    expect(groups("Asylum clinic")).toEqual([
      { locationId: null, lines: [{ days: "Mon", hours: expect.stringMatching(/9:00/) }] },
      { locationId, lines: [{ days: "Tue", hours: expect.stringMatching(/10:00.*2:00/) }] },
    ]);
    expect(groups("DACA renewals")).toContainEqual({
      locationId,
      lines: [{ days: "Thu", hours: expect.stringMatching(/10:00.*2:00.*5:00.*7:00/) }],
    });

    // Search: the document of each service at the new place carries its hours there.
    const { documents } = await buildDocuments(db, [asylum.id, daca.id]);
    const documentOf = (serviceId: string) =>
      documents.find((document) => document.id.startsWith(serviceId) && document.locationId);
    expect(documentOf(asylum.id)?.hours).toEqual([
      { weekday: 2, opensAt: "10:00", closesAt: "14:00" },
    ]);
    expect(documentOf(daca.id)?.hours.map((row) => row.weekday)).toEqual([4, 4]);

    // Back in the form, each service shows "different hours here" with its rows.
    const loaded = await editLocationPage.loader({
      request: await requestAs(db, editor, `/portal/locations/${locationId}/edit`),
      params: { locationId },
      context,
    });
    const editing = loaded as Awaited<ReturnType<typeof editLocationPage.loader>>;
    const defaults = locationFormDefaults(editing.fields, editing.services);
    const entry = (serviceId: string) =>
      defaults.serviceHours.find((item) => item.serviceId === serviceId)!;
    expect(entry(asylum.id).choice).toBe("different");
    expect(entry(asylum.id).hours).toContainEqual({
      weekday: "2",
      opensAt: "10:00",
      closesAt: "14:00",
    });
    expect(entry(daca.id).choice).toBe("different");
    // The service's usual hours are worded for "same hours as the service usually has".
    expect(editing.services.find((service) => service.id === daca.id)?.usualHours).toEqual([
      { days: "Wed", hours: expect.stringMatching(/9:00/) },
    ]);
  });

  it("leaving 'same hours' writes no rows at the location and the service's own hours show", async () => {
    const { db } = env();
    const { organization, asylum, daca } = await organizationWithTwoServices(db);

    // Staff publish at once; rows typed under "same hours" are neither refused nor kept.
    const response = (await postNewLocation(
      db,
      staff,
      organization.id,
      locationForm(
        [asylum.id],
        [
          { id: asylum.id, choice: "same", hours: { 2: ["10:00", "09:00"] } },
          { id: daca.id, choice: "same" },
        ],
      ),
    )) as Response;
    expect(response.status).toBe(302);
    const locationId = await newLocationId(db, organization.id);

    expect(await hoursHere(db, locationId)).toEqual([]);
    const page = await getPublishedOrganizationPage(db, organization.slug, "en");
    const clinic = page!.services.find((service) => service.name.text === "Asylum clinic");
    expect(clinic?.locationIds).toEqual([locationId]);
    expect(clinic?.hours).toEqual([
      { weekday: 1, opensAt: "09:00", closesAt: "17:00", locationId: null },
    ]);
    const { documents } = await buildDocuments(db, [asylum.id]);
    expect(documents.find((document) => document.locationId === locationId)?.hours).toEqual([
      { weekday: 1, opensAt: "09:00", closesAt: "17:00" },
    ]);
  });

  it("going back to 'same hours' for one service removes only its rows at the location", async () => {
    const { db } = env();
    const { organization, asylum, daca, editor } = await organizationWithTwoServices(db);
    // Saved before hours could differ by service: one set of hours for both services here.
    const location = await insertLocation(db, organization.id);
    await db
      .insert(serviceAtLocation)
      .values([asylum.id, daca.id].map((serviceId) => ({ serviceId, locationId: location.id })));
    await db.insert(schedules).values(
      [asylum.id, daca.id].map((serviceId) => ({
        serviceId,
        locationId: location.id,
        weekday: 6,
        opensAt: "10:00",
        closesAt: "14:00",
      })),
    );
    const loaded = await db.transaction((tx) => handlerFor("location").load(tx, location.id));
    const saturday = [{ weekday: 6, opensAt: "10:00", closesAt: "14:00" }];
    expect(loaded!.fields.serviceHours).toEqual({ [asylum.id]: saturday, [daca.id]: saturday });
    const defaults = locationFormDefaults(loaded!.fields, [{ id: asylum.id }, { id: daca.id }]);
    expect(defaults.serviceHours.map((entry) => entry.choice)).toEqual(["different", "different"]);

    // DACA goes back to its own hours; the editor's untrusted organization waits for review.
    const outcome = await updateLocation(db, {
      actor: editor,
      locationId: location.id,
      fields: {
        ...loaded!.fields,
        county: null,
        serviceHours: { [asylum.id]: saturday },
      },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");
    const review = await getChangeSetForReview(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
    });
    expect(review.rows).toEqual([
      expect.objectContaining({
        field: `serviceHours.${daca.id}`,
        current: saturday,
        proposed: null,
      }),
    ]);
    await approveChangeSet(db, { actor: staff, changeSetId: outcome.changeSetId });
    expect((await hoursHere(db, location.id)).map((row) => row.serviceId)).toEqual([asylum.id]);
  });

  it("applies a proposal made before hours could differ by service to every service offered", async () => {
    const { db } = env();
    const { organization, asylum, daca, editor } = await organizationWithTwoServices(db);
    const location = await insertLocation(db, organization.id);
    const [legacy] = await db
      .insert(changeSets)
      .values({
        organizationId: organization.id,
        authorUserId: editor.userId,
        authorEmail: editor.email,
        entityType: "location",
        entityId: location.id,
        operation: "update",
        changes: {
          serviceIds: [asylum.id, daca.id],
          hours: [{ weekday: 5, opensAt: "09:00", closesAt: "12:00" }],
        },
        baseSnapshot: null,
      })
      .returning();
    await approveChangeSet(db, { actor: staff, changeSetId: legacy!.id });
    expect((await hoursHere(db, location.id)).map((row) => [row.serviceId, row.weekday])).toEqual(
      [
        [asylum.id, 5],
        [daca.id, 5],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });
});

describe("hours at a location the server refuses", () => {
  it("refuses hours for another organization's service, and for a service not offered here", async () => {
    const { db } = env();
    const { organization, asylum, daca, editor } = await organizationWithTwoServices(db);
    const other = await createOrganization(db);
    const foreign = await insertService(db, other.id);
    const tuesday = { 2: ["10:00", "14:00"] as Slot };

    // Ticked and given hours: the service is not theirs (404, as for any foreign id).
    expect(
      await refusal(async () =>
        postNewLocation(
          db,
          editor,
          organization.id,
          locationForm(
            [asylum.id, foreign.id],
            [{ id: asylum.id }, { id: foreign.id, choice: "different", hours: tuesday }],
          ),
        ),
      ),
    ).toBe(404);

    // Hours for a service not ticked here, foreign or their own: a message at its choice.
    const result = await postNewLocation(
      db,
      editor,
      organization.id,
      locationForm(
        [asylum.id],
        [
          { id: asylum.id },
          { id: daca.id, choice: "different", hours: tuesday },
          { id: foreign.id, choice: "different", hours: tuesday },
        ],
      ),
    );
    const { data, status } = unwrapData<{ result: { error: Record<string, string[]> } }>(result);
    expect(status).toBe(400);
    expect(data.result.error).toEqual({
      "serviceHours[1].choice": ["hoursNotOffered"],
      "serviceHours[2].choice": ["hoursNotOffered"],
    });

    // Forged values come back as form errors (400), never as a server error.
    const forged = await postNewLocation(
      db,
      editor,
      organization.id,
      locationForm([asylum.id], [{ id: "not-a-service", choice: "different", hours: tuesday }], {
        "serviceHours[1].serviceId": asylum.id,
        "serviceHours[1].choice": "sometimes",
        "serviceHours[2].serviceId": asylum.id,
        "serviceHours[2].choice": "different",
        "serviceHours[2].hours[0].weekday": "9",
        "serviceHours[2].hours[0].opensAt": "10:00",
        "serviceHours[2].hours[0].closesAt": "11:00",
      }),
    );
    const refused = unwrapData<{ result: { error: Record<string, string[]> } }>(forged);
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.data.result.error).sort()).toEqual([
      "serviceHours[0].serviceId",
      "serviceHours[1].choice",
      "serviceHours[2].hours[0].weekday",
    ]);

    // The same refusals for any caller of the domain functions.
    const fields = {
      name: null,
      description: null,
      address1: "40-10 Junction Blvd",
      address2: null,
      city: "Queens",
      county: null,
      postalCode: "11368",
      latitude: null,
      longitude: null,
      accessibility: null,
      transportation: null,
      confidential: false,
    };
    const hours = [{ weekday: 2, opensAt: "10:00", closesAt: "14:00" }];
    await expect(
      createLocation(db, {
        actor: editor,
        organizationId: organization.id,
        fields: { ...fields, serviceIds: [asylum.id], serviceHours: { [foreign.id]: hours } },
      }),
    ).rejects.toMatchObject({ status: 400, messageKey: "formErrors.hoursNotOffered" });
    await expect(
      createLocation(db, {
        actor: editor,
        organizationId: organization.id,
        fields: { ...fields, serviceIds: [foreign.id], serviceHours: { [foreign.id]: hours } },
      }),
    ).rejects.toMatchObject({ status: 404 });
    const location = await insertLocation(db, organization.id);
    await expect(
      updateLocation(db, {
        actor: staff,
        locationId: location.id,
        fields: { ...fields, serviceHours: { [foreign.id]: hours } },
      }),
    ).rejects.toMatchObject({ status: 400, messageKey: "formErrors.hoursNotOffered" });

    expect(
      await db.select().from(changeSets).where(eq(changeSets.organizationId, organization.id)),
    ).toEqual([]);
    expect(await hoursHere(db, location.id)).toEqual([]);
    expect(
      await db.select().from(schedules).where(eq(schedules.serviceId, foreign.id)),
    ).toHaveLength(1);
  });

  it("re-renders bad rows with a message at each field of each service, keeping what was typed", async () => {
    const { db } = env();
    const { organization, asylum, daca, editor } = await organizationWithTwoServices(db);
    const result = await postNewLocation(
      db,
      editor,
      organization.id,
      locationForm(
        [asylum.id, daca.id],
        [
          {
            id: asylum.id,
            choice: "different",
            hours: { 2: ["10:00", "09:00"], 3: ["10:00", ""] },
          },
          // "Different hours here" with nothing typed.
          { id: daca.id, choice: "different" },
        ],
      ),
    );
    const { data, status } = unwrapData<{
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    }>(result);
    expect(status).toBe(400);
    expect(data.result.error).toEqual({
      "serviceHours[0].hours[2].closesAt": ["hoursOrder"],
      "serviceHours[0].hours[4].closesAt": ["hoursIncomplete"],
      "serviceHours[1].choice": ["hoursHereEmpty"],
    });
    const typed = data.result.initialValue.serviceHours as Array<{
      serviceId: string;
      choice: string;
      hours: Array<{ weekday: string; opensAt?: string; closesAt?: string }>;
    }>;
    expect(typed[0]).toMatchObject({ serviceId: asylum.id, choice: "different" });
    expect(typed[0]!.hours[2]).toEqual({ weekday: "2", opensAt: "10:00", closesAt: "09:00" });
    expect(typed[1]).toMatchObject({ serviceId: daca.id, choice: "different" });
    expect(
      await db.select().from(changeSets).where(eq(changeSets.organizationId, organization.id)),
    ).toEqual([]);
  });
});
