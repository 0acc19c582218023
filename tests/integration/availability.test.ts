import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, changeSets, services } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import { listAvailabilityChanges, undoAvailabilityChange } from "~/directory/availability.server";
import { getPublishedOrganizationPage } from "~/directory/organizations.server";
import { presentOrganizationPage } from "~/directory/organization-view";
import { setServiceStatus, updateService } from "~/directory/services.server";
import { DomainError } from "~/http/errors";
import { meili, servicesIndexName } from "~/search/meili.server";
import { ensureSearchIndex } from "~/search/reindex.server";
import { drainSearchOutbox } from "~/search/sync.server";
import { useTestEnvironment } from "../support/environment";
import {
  createLocation,
  createOrganization,
  createService,
  editorOf,
  ensureTaxonomy,
  staffMember,
} from "../support/factories";

/*
 * A full office must stop getting calls at once: whether a service takes new clients, and
 * reopening after a pause, are published without review for any member organization,
 * audited, dated on the public page, and staff can undo them. Other edits still wait.
 */

const env = useTestEnvironment();
let editor: Actor;
let staff: Actor;
let serviceId: string;
let slug: string;

beforeAll(async () => {
  const { db } = env();
  await ensureSearchIndex(db);
  await ensureTaxonomy(db);
  // Untrusted: its editors' other changes go to review.
  const organization = await createOrganization(db, { trusted: false });
  slug = organization.slug;
  const location = await createLocation(db, { organizationId: organization.id });
  const service = await createService(db, {
    organizationId: organization.id,
    name: "Walk-in asylum clinic",
    categories: ["asylum"],
    locationIds: [location.id],
  });
  serviceId = service.id;
  editor = await editorOf(db, organization.id);
  staff = await staffMember(db);
  expect((await drainSearchOutbox(db)).failed).toBe(0);
});

async function indexed(): Promise<{ acceptingNewClients: boolean }> {
  const { hits } = await meili()
    .index(servicesIndexName())
    .search("", { filter: `serviceId = "${serviceId}"` });
  return hits[0] as { acceptingNewClients: boolean };
}

describe("availability, published at once", () => {
  it("publishes 'not accepting new clients' from an untrusted editor while the rest waits for review", async () => {
    const { db } = env();
    const outcome = await updateService(db, {
      actor: editor,
      serviceId,
      changes: { acceptingNewClients: false, name: "Asylum clinic (appointments only)" },
    });
    expect(outcome.status).toBe("pending");
    const [row] = await db.select().from(services).where(eq(services.id, serviceId));
    expect(row!.acceptingNewClients).toBe(false);
    expect(row!.name).toBe("Walk-in asylum clinic");
    expect(row!.availabilityChangedAt).not.toBeNull();
    const [pending] = await db
      .select({ changes: changeSets.changes })
      .from(changeSets)
      .where(and(eq(changeSets.entityId, serviceId), eq(changeSets.status, "pending")));
    expect(pending!.changes).toEqual({ name: "Asylum clinic (appointments only)" });

    expect((await drainSearchOutbox(db)).failed).toBe(0);
    expect((await indexed()).acceptingNewClients).toBe(false);

    const page = await getPublishedOrganizationPage(db, slug, "en");
    const view = presentOrganizationPage(page!, "en", "America/New_York");
    expect(view.services[0]!.acceptingNewClients).toBe(false);
    expect(view.services[0]!.availabilitySinceText).toMatch(/\d{4}/);
  });

  it("reopens a paused service at once too", async () => {
    const { db } = env();
    expect(
      (await setServiceStatus(db, { actor: editor, serviceId, status: "paused" })).status,
    ).toBe("applied");
    expect(
      (await setServiceStatus(db, { actor: editor, serviceId, status: "active" })).status,
    ).toBe("applied");
    const [row] = await db
      .select({ status: services.status })
      .from(services)
      .where(eq(services.id, serviceId));
    expect(row!.status).toBe("active");
  });

  it("shows staff every change, lets them undo one, and refuses an undo that would erase a newer change", async () => {
    const { db } = env();
    await expect(listAvailabilityChanges(db, { actor: editor })).rejects.toBeInstanceOf(
      DomainError,
    );
    const changes = await listAvailabilityChanges(db, { actor: staff });
    const accepting = changes.find((change) => change.field === "acceptingNewClients");
    expect(accepting).toMatchObject({ from: true, to: false, undoable: true, serviceId });
    expect(changes.filter((change) => change.field === "status").map((c) => c.to)).toEqual([
      "active",
      "paused",
    ]);

    await expect(
      undoAvailabilityChange(db, { actor: editor, auditId: accepting!.auditId }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(
      (await undoAvailabilityChange(db, { actor: staff, auditId: accepting!.auditId })).status,
    ).toBe("applied");
    const [row] = await db
      .select({ accepting: services.acceptingNewClients })
      .from(services)
      .where(eq(services.id, serviceId));
    expect(row!.accepting).toBe(true);
    const undos = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, serviceId), eq(auditLog.action, "availability.undo")));
    expect(undos).toHaveLength(1);
    // The pause was followed by a reopening: undoing the pause now would erase it.
    const pause = changes.find((change) => change.action === "pause")!;
    expect(pause.undoable).toBe(false);
    await expect(
      undoAvailabilityChange(db, { actor: staff, auditId: pause.auditId }),
    ).rejects.toMatchObject({
      status: 409,
    });
    expect((await drainSearchOutbox(db)).failed).toBe(0);
    expect((await indexed()).acceptingNewClients).toBe(true);
  });
});
