import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, changeSets, searchOutbox } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import { listAuditLog } from "~/directory/audit.server";
import {
  approveChangeSet,
  getChangeSetForReview,
  listRecentChangeSets,
  listReviewQueue,
  returnChangeSet,
  withdrawChangeSet,
} from "~/directory/change-sets.server";
import { getPortalDashboard, getStaffDashboard } from "~/directory/dashboards.server";
import { confirmListing, listStaleListings } from "~/directory/freshness.server";
import type { LocationInput, PhoneFields, ServiceFields } from "~/directory/fields";
import {
  createLocation,
  getLocationForEditing,
  getNewLocationContext,
  updateLocation,
} from "~/directory/locations.server";
import {
  createOrganization,
  getOrganizationForEditing,
  listOrganizationsForStaff,
  updateOrganizationAdministration,
  updateOrganizationProfile,
} from "~/directory/organization-editing.server";
import {
  createPhone,
  deletePhone,
  getPhoneForEditing,
  listPhonesForEditing,
  updatePhone,
} from "~/directory/phones.server";
import {
  createService,
  getNewServiceContext,
  getServiceForEditing,
  setServiceStatus,
  updateService,
} from "~/directory/services.server";
import { useTestEnvironment } from "../support/environment";
import {
  editorOf,
  ensureTaxonomy,
  insertLocation,
  // The directory's own createOrganization is under test here.
  createOrganization as organizationFixture,
  insertPhone,
  insertService,
  staffMember,
} from "../support/factories";

const env = useTestEnvironment();

const serviceFields: Omit<ServiceFields, "status"> = {
  name: "Intruder's service",
  alternateName: null,
  description: "",
  url: null,
  email: null,
  fees: "free",
  feesDescription: null,
  eligibilityDescription: null,
  applicationProcess: null,
  acceptingNewClients: true,
  takesDetainedCases: false,
  deliveryMethods: ["in_person"],
  providerTypes: [],
  populations: [],
  courtsServed: [],
  categories: ["asylum"],
  languages: ["en"],
  statewide: false,
  counties: [],
  locationIds: [],
  hours: [],
};

const locationInput: LocationInput = {
  name: null,
  description: null,
  address1: "1 Intruder Way",
  address2: null,
  city: "Manhattan",
  county: "36061",
  postalCode: "10007",
  latitude: null,
  longitude: null,
  accessibility: null,
  transportation: null,
  confidential: false,
};

const phoneFields: PhoneFields = {
  number: "212-555-0199",
  extension: null,
  type: "voice",
  description: null,
  languages: [],
  serviceId: null,
  locationId: null,
};

interface World {
  editorA: Actor;
  editorBoth: Actor;
  a: { organizationId: string; serviceId: string; locationId: string; phoneId: string };
  b: {
    organizationId: string;
    serviceId: string;
    locationId: string;
    phoneId: string;
    changeSetId: string;
  };
}

let world: World;

beforeAll(async () => {
  const { db } = env();
  await ensureTaxonomy(db);
  const orgA = await organizationFixture(db);
  const orgB = await organizationFixture(db);
  const locationA = await insertLocation(db, orgA.id);
  const locationB = await insertLocation(db, orgB.id);
  const serviceA = await insertService(db, orgA.id, { locationIds: [locationA.id] });
  const serviceB = await insertService(db, orgB.id, { locationIds: [locationB.id] });
  const phoneA = await insertPhone(db, orgA.id);
  const phoneB = await insertPhone(db, orgB.id, { serviceId: serviceB.id });
  const proposal = await updateService(db, {
    actor: await editorOf(db, orgB.id),
    serviceId: serviceB.id,
    changes: { name: "B's proposal" },
  });
  if (proposal.status !== "pending") throw new Error("expected B's proposal to wait for review");
  world = {
    editorA: await editorOf(db, orgA.id),
    editorBoth: await editorOf(db, orgA.id, orgB.id),
    a: {
      organizationId: orgA.id,
      serviceId: serviceA.id,
      locationId: locationA.id,
      phoneId: phoneA.id,
    },
    b: {
      organizationId: orgB.id,
      serviceId: serviceB.id,
      locationId: locationB.id,
      phoneId: phoneB.id,
      changeSetId: proposal.changeSetId,
    },
  };
});

/** Every read and write an editor of A might try against B, directly or through A's forms. */
function attemptsOnB(): Array<[string, () => Promise<unknown>]> {
  const { db } = env();
  const actor = world.editorA;
  const { a, b } = world;
  return [
    [
      "read B's profile",
      () => getOrganizationForEditing(db, { actor, organizationId: b.organizationId }),
    ],
    [
      "update B's profile",
      () =>
        updateOrganizationProfile(db, {
          actor,
          organizationId: b.organizationId,
          changes: { name: "Taken over" },
        }),
    ],
    ["confirm B's listing", () => confirmListing(db, { actor, organizationId: b.organizationId })],
    [
      "open B's new-service form",
      () => getNewServiceContext(db, { actor, organizationId: b.organizationId }),
    ],
    [
      "create a service in B",
      () => createService(db, { actor, organizationId: b.organizationId, fields: serviceFields }),
    ],
    ["read B's service", () => getServiceForEditing(db, { actor, serviceId: b.serviceId })],
    [
      "update B's service",
      () => updateService(db, { actor, serviceId: b.serviceId, changes: { name: "Taken over" } }),
    ],
    [
      "pause B's service",
      () => setServiceStatus(db, { actor, serviceId: b.serviceId, status: "paused" }),
    ],
    [
      "archive B's service",
      () => setServiceStatus(db, { actor, serviceId: b.serviceId, status: "archived" }),
    ],
    [
      "offer A's new service at B's location",
      () =>
        createService(db, {
          actor,
          organizationId: a.organizationId,
          fields: { ...serviceFields, locationIds: [b.locationId] },
        }),
    ],
    [
      "offer A's service at B's location",
      () =>
        updateService(db, {
          actor,
          serviceId: a.serviceId,
          changes: { locationIds: [a.locationId, b.locationId] },
        }),
    ],
    [
      "open B's new-location form",
      () => getNewLocationContext(db, { actor, organizationId: b.organizationId }),
    ],
    [
      "create a location in B",
      () => createLocation(db, { actor, organizationId: b.organizationId, fields: locationInput }),
    ],
    ["read B's location", () => getLocationForEditing(db, { actor, locationId: b.locationId })],
    [
      "update B's location",
      () => updateLocation(db, { actor, locationId: b.locationId, fields: locationInput }),
    ],
    [
      "list B's phones",
      () => listPhonesForEditing(db, { actor, organizationId: b.organizationId }),
    ],
    ["read B's phone", () => getPhoneForEditing(db, { actor, phoneId: b.phoneId })],
    [
      "add a phone to B",
      () => createPhone(db, { actor, organizationId: b.organizationId, fields: phoneFields }),
    ],
    [
      "update B's phone",
      () => updatePhone(db, { actor, phoneId: b.phoneId, changes: { number: "212-555-0000" } }),
    ],
    ["delete B's phone", () => deletePhone(db, { actor, phoneId: b.phoneId })],
    [
      "attach A's new phone to B's service",
      () =>
        createPhone(db, {
          actor,
          organizationId: a.organizationId,
          fields: { ...phoneFields, serviceId: b.serviceId },
        }),
    ],
    [
      "move A's phone to B's location",
      () => updatePhone(db, { actor, phoneId: a.phoneId, changes: { locationId: b.locationId } }),
    ],
    ["read B's audit log", () => listAuditLog(db, { actor, organizationId: b.organizationId })],
    [
      "review B's change set",
      () => getChangeSetForReview(db, { actor, changeSetId: b.changeSetId }),
    ],
    ["approve B's change set", () => approveChangeSet(db, { actor, changeSetId: b.changeSetId })],
    [
      "return B's change set",
      () => returnChangeSet(db, { actor, changeSetId: b.changeSetId, comment: "no" }),
    ],
    ["withdraw B's change set", () => withdrawChangeSet(db, { actor, changeSetId: b.changeSetId })],
    [
      "archive B",
      () =>
        updateOrganizationAdministration(db, {
          actor,
          organizationId: b.organizationId,
          changes: { status: "archived" },
        }),
    ],
  ];
}

describe("an editor of organization A", () => {
  it("is refused as 'not found' for every read and write of organization B", async () => {
    const { db } = env();
    const outboxBefore = await db.select().from(searchOutbox);
    const auditBefore = await db.select().from(auditLog);
    for (const [attempt, run] of attemptsOnB()) {
      await expect(run(), attempt).rejects.toMatchObject({ status: 404 });
    }
    // Nothing was written anywhere.
    expect(await db.select().from(searchOutbox)).toEqual(outboxBefore);
    expect(await db.select().from(auditLog)).toEqual(auditBefore);
    const [changeSet] = await db
      .select()
      .from(changeSets)
      .where(eq(changeSets.id, world.b.changeSetId));
    expect(changeSet?.status).toBe("pending");
  });

  it("does not see B's proposals on the dashboard, even when asking for B's id", async () => {
    const { db } = env();
    const dashboard = await getPortalDashboard(db, { actor: world.editorA });
    expect(dashboard.organizations.map((o) => o.id)).toEqual([world.a.organizationId]);
    const asked = await listRecentChangeSets(db, {
      actor: world.editorA,
      organizationIds: [world.b.organizationId],
    });
    expect(asked).toEqual([]);
  });

  it("cannot use the staff tools, and may not review even its own organization's proposals", async () => {
    const { db } = env();
    const actor = world.editorBoth;
    await expect(listReviewQueue(db, { actor })).rejects.toMatchObject({ status: 404 });
    await expect(getStaffDashboard(db, { actor })).rejects.toMatchObject({ status: 404 });
    await expect(listStaleListings(db, { actor })).rejects.toMatchObject({ status: 404 });
    await expect(listOrganizationsForStaff(db, { actor })).rejects.toMatchObject({ status: 404 });
    await expect(
      createOrganization(db, { actor, fields: { name: "New org" } }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      approveChangeSet(db, { actor, changeSetId: world.b.changeSetId }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      updateOrganizationAdministration(db, {
        actor,
        organizationId: world.a.organizationId,
        changes: { trusted: true },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("reaches A's own listing", async () => {
    const { db } = env();
    const actor = world.editorA;
    await expect(
      getOrganizationForEditing(db, { actor, organizationId: world.a.organizationId }),
    ).resolves.toMatchObject({ organization: { id: world.a.organizationId } });
    await expect(
      getServiceForEditing(db, { actor, serviceId: world.a.serviceId }),
    ).resolves.toMatchObject({
      serviceId: world.a.serviceId,
    });
    await expect(
      updateService(db, {
        actor,
        serviceId: world.a.serviceId,
        changes: { locationIds: [world.a.locationId] },
      }),
    ).resolves.toMatchObject({ status: "unchanged" });
  });
});

describe("staff", () => {
  it("reach every organization and the review tools", async () => {
    const { db } = env();
    const staff = await staffMember(db);
    await expect(
      getOrganizationForEditing(db, { actor: staff, organizationId: world.b.organizationId }),
    ).resolves.toBeDefined();
    const queue = await listReviewQueue(db, { actor: staff });
    expect(queue.map((item) => item.id)).toContain(world.b.changeSetId);
    await expect(
      listAuditLog(db, { actor: staff, organizationId: world.b.organizationId }),
    ).resolves.toBeDefined();
  });
});
