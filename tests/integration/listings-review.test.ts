import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  changeSets,
  organizations,
  organizationTranslations,
  locations,
  phones,
  schedules,
  searchOutbox,
  serviceAtLocation,
  services,
} from "#db/schema";
import { handlerFor } from "~/directory/entities.server";
import {
  approveChangeSet,
  getChangeSetForReview,
  listReviewQueue,
  returnChangeSet,
  withdrawChangeSet,
} from "~/directory/change-sets.server";
import { createLocation, updateLocation } from "~/directory/locations.server";
import { updateOrganizationProfile } from "~/directory/organization-editing.server";
import { deletePhone } from "~/directory/phones.server";
import { createService, setServiceStatus, updateService } from "~/directory/services.server";
import type { ServiceFields } from "~/directory/fields";
import type { Database } from "~/db.server";
import type { Actor } from "~/accounts/permissions";
import { coalitionToday } from "~/coalition.server";
import { useTestEnvironment } from "../support/environment";
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

async function outboxFor(db: Database, entityId: string) {
  return db.select().from(searchOutbox).where(eq(searchOutbox.entityId, entityId));
}

async function serviceFields(db: Database, serviceId: string) {
  return db.transaction(async (tx) => (await handlerFor("service").load(tx, serviceId))!.fields);
}

let staff: Actor;

beforeAll(async () => {
  await ensureTaxonomy(env().db);
  staff = await staffMember(env().db);
});

describe("an editor of an untrusted organization", () => {
  it("proposes a change that is not applied, not indexed and waits in the review queue", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const service = await insertService(db, organization.id);
    const editor = await editorOf(db, organization.id);
    const before = await serviceFields(db, service.id);

    const outcome = await updateService(db, {
      actor: editor,
      serviceId: service.id,
      changes: {
        name: "Asylum and TPS clinic",
        languages: ["es", "ht"],
        hours: [{ weekday: 2, opensAt: "10:00", closesAt: "14:00" }],
      },
    });

    expect(outcome.status).toBe("pending");
    expect(await serviceFields(db, service.id)).toEqual(before);
    expect(await outboxFor(db, service.id)).toEqual([]);
    const queue = await listReviewQueue(db, { actor: staff });
    const entry = queue.find((item) => item.entityId === service.id);
    expect(entry).toMatchObject({
      status: "pending",
      organizationName: organization.name,
      authorEmail: editor.email,
      fields: ["name", "languages", "hours"],
    });
    const [submitted] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, service.id), eq(auditLog.action, "submit")));
    expect(submitted?.actorUserId).toBe(editor.userId);
  });

  it("is published by staff approval: applied, audited with before/after and re-indexed", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const service = await insertService(db, organization.id, { languages: ["en"] });
    const editor = await editorOf(db, organization.id);
    const outcome = await updateService(db, {
      actor: editor,
      serviceId: service.id,
      changes: { name: "Deportation defense", languages: ["en", "bn"], acceptingNewClients: false },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");

    const review = await getChangeSetForReview(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
    });
    // Not taking new clients is published at once (tests/integration/availability.test.ts):
    // it is not part of the proposal.
    expect(review.rows.map((row) => [row.field, row.current, row.proposed])).toEqual([
      ["name", service.name, "Deportation defense"],
      ["languages", ["en"], ["bn", "en"]],
    ]);
    expect((await serviceFields(db, service.id)).acceptingNewClients).toBe(false);

    await approveChangeSet(db, { actor: staff, changeSetId: outcome.changeSetId });

    const after = await serviceFields(db, service.id);
    expect(after).toMatchObject({
      name: "Deportation defense",
      languages: ["bn", "en"],
      acceptingNewClients: false,
    });
    // Re-indexed twice: for the availability change, and for the approval.
    expect(await outboxFor(db, service.id)).toHaveLength(2);
    const [changeSet] = await db
      .select()
      .from(changeSets)
      .where(eq(changeSets.id, outcome.changeSetId));
    expect(changeSet).toMatchObject({ status: "approved", reviewerUserId: staff.userId });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.changeSetId, outcome.changeSetId), eq(auditLog.action, "update")));
    expect(entry).toMatchObject({ actorUserId: staff.userId, organizationId: organization.id });
    expect(entry?.before).toMatchObject({ name: service.name, languages: ["en"] });
    expect(entry?.after).toMatchObject({ name: "Deportation defense", languages: ["bn", "en"] });
  });

  it("counts an approved change as a confirmation: last confirmed moves to today", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    await db
      .update(organizations)
      .set({ assuredDate: "2020-01-02" })
      .where(eq(organizations.id, organization.id));
    const service = await insertService(db, organization.id, {
      values: { assuredDate: "2020-01-02" },
    });
    const editor = await editorOf(db, organization.id);
    const outcome = await updateService(db, {
      actor: editor,
      serviceId: service.id,
      changes: { name: "Know your rights workshops" },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");
    const assured = async () => ({
      organization: (
        await db.select().from(organizations).where(eq(organizations.id, organization.id))
      )[0]!.assuredDate,
      service: (await db.select().from(services).where(eq(services.id, service.id)))[0]!
        .assuredDate,
    });
    expect(await assured()).toEqual({ organization: "2020-01-02", service: "2020-01-02" });

    await approveChangeSet(db, { actor: staff, changeSetId: outcome.changeSetId });

    const today = coalitionToday(new Date()).isoDate;
    expect(await assured()).toEqual({ organization: today, service: today });
  });

  it("approval, outbox row and audit entry commit or roll back together", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const service = await insertService(db, organization.id);
    const outcome = await updateService(db, {
      actor: await editorOf(db, organization.id),
      serviceId: service.id,
      changes: { name: "Renamed inside a rolled-back transaction" },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");

    const rollback = new Error("roll back");
    await expect(
      db.transaction(async (tx) => {
        await approveChangeSet(tx, { actor: staff, changeSetId: outcome.changeSetId });
        expect(
          await tx.select().from(searchOutbox).where(eq(searchOutbox.entityId, service.id)),
        ).toHaveLength(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);

    expect((await serviceFields(db, service.id)).name).toBe(service.name);
    expect(await outboxFor(db, service.id)).toEqual([]);
    const [changeSet] = await db
      .select()
      .from(changeSets)
      .where(eq(changeSets.id, outcome.changeSetId));
    expect(changeSet?.status).toBe("pending");
  });

  it("gets a change sent back with a comment; nothing is applied and it cannot be approved later", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const service = await insertService(db, organization.id);
    const outcome = await updateService(db, {
      actor: await editorOf(db, organization.id),
      serviceId: service.id,
      changes: { fees: "fee" },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");

    await returnChangeSet(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
      comment: "Please describe the fees before we publish this.",
    });

    const [changeSet] = await db
      .select()
      .from(changeSets)
      .where(eq(changeSets.id, outcome.changeSetId));
    expect(changeSet).toMatchObject({
      status: "returned",
      reviewComment: "Please describe the fees before we publish this.",
    });
    expect((await serviceFields(db, service.id)).fees).toBe("free");
    await expect(
      approveChangeSet(db, { actor: staff, changeSetId: outcome.changeSetId }),
    ).rejects.toMatchObject({
      status: 409,
      messageKey: "review.conflict.notPending",
    });
  });

  it("proposes a new service with its languages, hours and location, created on approval", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const location = await insertLocation(db, organization.id);
    const editor = await editorOf(db, organization.id);
    const fields: Omit<ServiceFields, "status"> = {
      name: "Citizenship workshop",
      alternateName: null,
      description: "Group help with naturalization forms.",
      url: null,
      email: null,
      fees: "free",
      feesDescription: null,
      eligibilityDescription: "Permanent residents for 5 years.",
      applicationProcess: "Call to register.",
      acceptingNewClients: true,
      takesDetainedCases: false,
      deliveryMethods: ["in_person"],
      providerTypes: ["accredited_representative"],
      populations: ["families"],
      courtsServed: [],
      categories: ["naturalization"],
      languages: ["es", "zh-Hans"],
      statewide: false,
      counties: ["36081"],
      locationIds: [location.id],
      hours: [{ weekday: 6, opensAt: "10:00", closesAt: "13:00" }],
    };
    const outcome = await createService(db, {
      actor: editor,
      organizationId: organization.id,
      fields,
    });
    expect(outcome).toMatchObject({ status: "pending", entityId: null });
    expect(
      await db.select().from(services).where(eq(services.organizationId, organization.id)),
    ).toEqual([]);
    if (outcome.status !== "pending") return;

    const { entityId } = await approveChangeSet(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
    });

    expect(await serviceFields(db, entityId)).toEqual({
      ...fields,
      status: "active",
      languages: ["es", "zh-Hans"],
    });
    const [changeSet] = await db
      .select()
      .from(changeSets)
      .where(eq(changeSets.id, outcome.changeSetId));
    expect(changeSet?.entityId).toBe(entityId);
    expect(await outboxFor(db, entityId)).toHaveLength(1);
  });

  it("replaces an earlier pending proposal for the same service, and may withdraw it", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const service = await insertService(db, organization.id);
    const editor = await editorOf(db, organization.id);
    const first = await updateService(db, {
      actor: editor,
      serviceId: service.id,
      changes: { name: "First try" },
    });
    const second = await updateService(db, {
      actor: editor,
      serviceId: service.id,
      changes: { name: "Second try" },
    });
    if (first.status !== "pending" || second.status !== "pending")
      throw new Error("expected proposals");

    const rows = await db.select().from(changeSets).where(eq(changeSets.entityId, service.id));
    expect(rows.find((row) => row.id === first.changeSetId)?.status).toBe("withdrawn");
    expect(rows.find((row) => row.id === second.changeSetId)?.status).toBe("pending");

    await withdrawChangeSet(db, { actor: editor, changeSetId: second.changeSetId });
    const [withdrawn] = await db
      .select()
      .from(changeSets)
      .where(eq(changeSets.id, second.changeSetId));
    expect(withdrawn?.status).toBe("withdrawn");
  });

  it("pauses and reopens a service at once (availability needs no review)", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const service = await insertService(db, organization.id);
    const editor = await editorOf(db, organization.id);

    expect(
      await setServiceStatus(db, { actor: editor, serviceId: service.id, status: "paused" }),
    ).toMatchObject({
      status: "applied",
    });
    expect((await serviceFields(db, service.id)).status).toBe("paused");
    expect(await outboxFor(db, service.id)).toHaveLength(1);
    // Reopening after a pause is availability too: published at once.
    expect(
      await setServiceStatus(db, { actor: editor, serviceId: service.id, status: "active" }),
    ).toMatchObject({
      status: "applied",
    });
    expect((await serviceFields(db, service.id)).status).toBe("active");
  });

  it("submitting what is already published creates no proposal", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const service = await insertService(db, organization.id);
    const current = await serviceFields(db, service.id);
    const outcome = await updateService(db, {
      actor: await editorOf(db, organization.id),
      serviceId: service.id,
      changes: { ...current, languages: [...current.languages].reverse() },
    });
    expect(outcome.status).toBe("unchanged");
    expect(await db.select().from(changeSets).where(eq(changeSets.entityId, service.id))).toEqual(
      [],
    );
  });

  it("shows staff which fields someone else changed after the proposal", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const service = await insertService(db, organization.id);
    const outcome = await updateService(db, {
      actor: await editorOf(db, organization.id),
      serviceId: service.id,
      changes: { name: "Editor's name", fees: "sliding_scale" },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");
    await updateService(db, {
      actor: staff,
      serviceId: service.id,
      changes: { name: "Staff's name" },
    });

    const review = await getChangeSetForReview(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
    });
    expect(review.rows).toEqual([
      {
        field: "name",
        base: service.name,
        current: "Staff's name",
        proposed: "Editor's name",
        changedSinceProposed: true,
      },
      {
        field: "fees",
        base: "free",
        current: "free",
        proposed: "sliding_scale",
        changedSinceProposed: false,
      },
    ]);
  });

  it("proposes a translation of the description, published on approval", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    // Count only the outbox rows the change writes, not the fixture's own.
    await db.delete(searchOutbox).where(eq(searchOutbox.entityId, organization.id));
    const outcome = await updateOrganizationProfile(db, {
      actor: await editorOf(db, organization.id),
      organizationId: organization.id,
      changes: { translations: { es: "Ayuda legal gratuita de inmigración." } },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");
    expect(
      await db
        .select()
        .from(organizationTranslations)
        .where(eq(organizationTranslations.organizationId, organization.id)),
    ).toEqual([]);

    const review = await getChangeSetForReview(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
    });
    expect(review.rows).toMatchObject([
      { field: "translations.es", current: null, proposed: "Ayuda legal gratuita de inmigración." },
    ]);
    await approveChangeSet(db, { actor: staff, changeSetId: outcome.changeSetId });
    const translations = await db
      .select()
      .from(organizationTranslations)
      .where(eq(organizationTranslations.organizationId, organization.id));
    expect(translations).toMatchObject([
      { locale: "es", description: "Ayuda legal gratuita de inmigración." },
    ]);
    expect(await outboxFor(db, organization.id)).toHaveLength(1);
  });

  it("proposes removing a phone number; approval deletes it", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    // Count only the outbox rows the change writes, not the fixture's own.
    await db.delete(searchOutbox).where(eq(searchOutbox.entityId, organization.id));
    const phone = await insertPhone(db, organization.id);
    const outcome = await deletePhone(db, {
      actor: await editorOf(db, organization.id),
      phoneId: phone.id,
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");
    expect(await db.select().from(phones).where(eq(phones.id, phone.id))).toHaveLength(1);

    const review = await getChangeSetForReview(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
    });
    expect(review.rows.find((row) => row.field === "number")).toMatchObject({
      current: "718-555-0100",
      proposed: null,
    });
    await approveChangeSet(db, { actor: staff, changeSetId: outcome.changeSetId });
    expect(await db.select().from(phones).where(eq(phones.id, phone.id))).toEqual([]);
    expect(await outboxFor(db, organization.id)).toHaveLength(1);
  });
});

describe("changes that publish at once", () => {
  it("an editor of a trusted organization applies changes directly", async () => {
    const { db } = env();
    const organization = await createOrganization(db, { trusted: true });
    const service = await insertService(db, organization.id);
    const editor = await editorOf(db, organization.id);

    const outcome = await updateService(db, {
      actor: editor,
      serviceId: service.id,
      changes: { takesDetainedCases: true, courtsServed: ["nyc_varick_detained"] },
    });

    expect(outcome).toEqual({
      status: "applied",
      entityId: service.id,
      organizationId: organization.id,
    });
    expect(await serviceFields(db, service.id)).toMatchObject({
      takesDetainedCases: true,
      courtsServed: ["nyc_varick_detained"],
    });
    expect(await outboxFor(db, service.id)).toHaveLength(1);
    expect(await db.select().from(changeSets).where(eq(changeSets.entityId, service.id))).toEqual(
      [],
    );
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, service.id));
    expect(entry).toMatchObject({
      action: "update",
      actorUserId: editor.userId,
      actorEmail: editor.email,
    });
    expect(entry?.before).toMatchObject({ takesDetainedCases: false });
    expect(entry?.after).toMatchObject({ takesDetainedCases: true });
  });

  it("staff edit any organization directly", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    const outcome = await updateOrganizationProfile(db, {
      actor: staff,
      organizationId: organization.id,
      changes: { website: "https://example.org/legal" },
    });
    expect(outcome.status).toBe("applied");
    const [row] = await db
      .select()
      .from(organizations)
      .where(eq(organizations.id, organization.id));
    expect(row?.website).toBe("https://example.org/legal");
  });
});

describe("locations", () => {
  it("take coordinates and county from the ZIP code, offline", async () => {
    const { db } = env();
    const organization = await createOrganization(db, { trusted: true });
    const outcome = await createLocation(db, {
      actor: await editorOf(db, organization.id),
      organizationId: organization.id,
      fields: {
        name: null,
        description: null,
        address1: "37-12 82nd St",
        address2: null,
        city: "Jackson Heights",
        county: null,
        postalCode: "11372",
        latitude: null,
        longitude: null,
        accessibility: null,
        transportation: null,
        confidential: false,
      },
    });
    const location = await db.transaction(async (tx) =>
      handlerFor("location").load(tx, outcome.entityId!),
    );
    expect(location?.fields.county).toBe("36081");
    expect(location?.fields.latitude).toBeCloseTo(40.75, 1);
    expect(location?.fields.longitude).toBeCloseTo(-73.88, 1);
  });

  it("keep a point clicked on the map, and refuse a ZIP code that cannot be placed", async () => {
    const { db } = env();
    const organization = await createOrganization(db, { trusted: true });
    const location = await insertLocation(db, organization.id);
    const editor = await editorOf(db, organization.id);
    const fields = {
      name: null,
      description: null,
      address1: location.address1,
      address2: null,
      city: location.city,
      county: "36081" as const,
      postalCode: location.postalCode,
      accessibility: null,
      transportation: null,
      confidential: false,
    };
    await updateLocation(db, {
      actor: editor,
      locationId: location.id,
      fields: { ...fields, latitude: 40.7512, longitude: -73.8702 },
    });
    const moved = await db.transaction(async (tx) => handlerFor("location").load(tx, location.id));
    expect(moved?.fields).toMatchObject({ latitude: 40.7512, longitude: -73.8702 });

    await expect(
      updateLocation(db, {
        actor: editor,
        locationId: location.id,
        fields: {
          ...fields,
          postalCode: "00000",
          county: null,
          latitude: 40.7512,
          longitude: -73.8702,
        },
      }),
    ).rejects.toMatchObject({ status: 400, messageKey: "formErrors.placeNotFound" });
  });

  it("a new location with its own phone, its services and their hours there goes through one review", async () => {
    const { db } = env();
    const organization = await createOrganization(db);
    await insertPhone(db, organization.id, { number: "718-555-0100" });
    const clinic = await insertService(db, organization.id, {
      hours: [{ weekday: 1, opensAt: "09:00", closesAt: "17:00" }],
    });
    const editor = await editorOf(db, organization.id);
    const outcome = await createLocation(db, {
      actor: editor,
      organizationId: organization.id,
      fields: {
        name: "Corona office",
        description: null,
        address1: "40-10 Junction Blvd",
        address2: null,
        city: "Queens",
        county: null,
        postalCode: "11368",
        latitude: 40.7512,
        longitude: -73.8702,
        accessibility: null,
        transportation: null,
        confidential: false,
        phone: "718-555-0222",
        serviceIds: [clinic.id],
        serviceHours: { [clinic.id]: [{ weekday: 6, opensAt: "10:00", closesAt: "14:00" }] },
      },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");
    expect(
      await db.select().from(locations).where(eq(locations.organizationId, organization.id)),
    ).toEqual([]);
    const review = await getChangeSetForReview(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
    });
    expect(review.rows.map((row) => row.field)).toEqual(
      expect.arrayContaining(["phone", "serviceIds", `serviceHours.${clinic.id}`]),
    );

    const { entityId } = await approveChangeSet(db, {
      actor: staff,
      changeSetId: outcome.changeSetId,
    });

    const location = await db.transaction(async (tx) => handlerFor("location").load(tx, entityId));
    expect(location?.fields).toMatchObject({
      phone: "718-555-0222",
      serviceIds: [clinic.id],
      serviceHours: { [clinic.id]: [{ weekday: 6, opensAt: "10:00", closesAt: "14:00" }] },
    });
    const [placed] = await db
      .select()
      .from(serviceAtLocation)
      .where(eq(serviceAtLocation.locationId, entityId));
    expect(placed?.serviceId).toBe(clinic.id);
    // The service's own hours stay; the location's are the service_at_location schedule.
    const hours = await db.select().from(schedules).where(eq(schedules.serviceId, clinic.id));
    expect(
      hours
        .map((row) => [row.locationId, row.weekday, row.opensAt])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      [
        [null, 1, "09:00:00"],
        [entityId, 6, "10:00:00"],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(await outboxFor(db, clinic.id)).toHaveLength(1);

    // Emptying the phone removes the location's line: the organization's is shown instead.
    await updateLocation(db, {
      actor: staff,
      locationId: entityId,
      fields: { ...location!.fields, county: null, phone: null },
    });
    const phoneRows = await db
      .select()
      .from(phones)
      .where(eq(phones.organizationId, organization.id));
    expect(phoneRows.map((row) => row.number)).toEqual(["718-555-0100"]);
  });
});
