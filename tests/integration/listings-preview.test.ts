import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, changeSets, organizations, searchOutbox, services } from "#db/schema";
import { createService, updateService } from "~/directory/services.server";
import { updateOrganizationProfile } from "~/directory/organization-editing.server";
import * as previewPage from "~/routes/($lang).portal.changes.$changeSetId.preview";
import * as publicPage from "~/routes/($lang).orgs.$slug";
import { useTestEnvironment } from "../support/environment";
import { refusal, requestAs } from "../support/requests";
import {
  createOrganization,
  editorOf,
  ensureTaxonomy,
  insertLocation,
  insertService,
  staffMember,
} from "../support/factories";

/* Issue 12 item 9: an editor sees a pending change as the public will, and nobody else. */

const env = useTestEnvironment();
const context = {};
let ids: { org: string; slug: string; otherOrg: string; service: string; changeSet: string };

beforeAll(async () => {
  const { db } = env();
  await ensureTaxonomy(db);
  const org = await createOrganization(db);
  const otherOrg = await createOrganization(db);
  const service = await insertService(db, org.id, { languages: ["en"] });
  const editor = await editorOf(db, org.id);
  const outcome = await updateService(db, {
    actor: editor,
    serviceId: service.id,
    changes: { name: "Deportation defense night clinic", languages: ["en", "mam"] },
  });
  if (outcome.status !== "pending") throw new Error("expected a pending change set");
  ids = {
    org: org.id,
    slug: org.slug,
    otherOrg: otherOrg.id,
    service: service.id,
    changeSet: outcome.changeSetId,
  };
});

type Loaded = Awaited<ReturnType<typeof previewPage.loader>>;

async function preview(actor: Awaited<ReturnType<typeof editorOf>> | null, lang = "en") {
  return (await previewPage.loader({
    request: await requestAs(env().db, actor, `/${lang}/portal/changes/${ids.changeSet}/preview`),
    params: { lang, changeSetId: ids.changeSet },
    context,
  })) as Loaded;
}

describe("previewing a pending change", () => {
  it("shows the public page with the pending values, committing nothing", async () => {
    const { db } = env();
    const outboxBefore = await db.select().from(searchOutbox);
    const auditBefore = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.organizationId, ids.org));
    const editor = await editorOf(db, ids.org);

    const data = await preview(editor);
    const names = data.view.services.map((service) => service.name.text);
    expect(names).toContain("Deportation defense night clinic");
    expect(data.view.languageNames).toMatchObject({ mam: "Mam" });
    expect(data.unpublished).toBe(false);

    const [service] = await db.select().from(services).where(eq(services.id, ids.service));
    expect(service?.name).not.toBe("Deportation defense night clinic");
    const [changeSet] = await db.select().from(changeSets).where(eq(changeSets.id, ids.changeSet));
    expect(changeSet?.status).toBe("pending");
    expect(await db.select().from(searchOutbox)).toHaveLength(outboxBefore.length);
    expect(
      await db.select().from(auditLog).where(eq(auditLog.organizationId, ids.org)),
    ).toHaveLength(auditBefore.length);
  });

  it("leaves the public page as it is", async () => {
    const data = await publicPage.loader({
      request: await requestAs(env().db, null, `/en/orgs/${ids.slug}`),
      params: { lang: "en", slug: ids.slug },
      context,
    });
    const names = data.services!.map((service) => service.name.text);
    expect(names).not.toContain("Deportation defense night clinic");
  });

  it("is for the organization's editors and staff only, never cached, never indexed", async () => {
    const { db } = env();
    expect(await refusal(async () => preview(await editorOf(db, ids.otherOrg)))).toBe(404);
    const anonymous = await refusal(async () => preview(null));
    expect(anonymous).toBe(302);

    const staff = await staffMember(db);
    const data = await preview(staff, "es");
    expect(data.staff).toBe(true);
    expect(data.view.services.map((service) => service.name.text)).toContain(
      "Deportation defense night clinic",
    );

    const headers = new Headers(
      previewPage.headers({
        loaderHeaders: new Headers(),
        parentHeaders: new Headers(),
        actionHeaders: new Headers(),
        errorHeaders: undefined,
      }),
    );
    expect(headers.get("Cache-Control")).toBe("private, no-store");
    expect(headers.get("X-Robots-Tag")).toMatch(/noindex/);
  });

  it("shows a proposed new service, and a listing that is not public yet, as they will be", async () => {
    const { db } = env();
    const organization = await createOrganization(db, { status: "draft" });
    const location = await insertLocation(db, organization.id);
    const editor = await editorOf(db, organization.id);
    const outcome = await createService(db, {
      actor: editor,
      organizationId: organization.id,
      fields: {
        name: "Citizenship workshop for elders",
        alternateName: null,
        description: "Group help with naturalization forms.",
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
        categories: ["naturalization"],
        languages: ["en", "ctu"],
        statewide: false,
        counties: [],
        locationIds: [location.id],
        hours: [],
      },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");
    const data = (await previewPage.loader({
      request: await requestAs(db, editor, `/en/portal/changes/${outcome.changeSetId}/preview`),
      params: { lang: "en", changeSetId: outcome.changeSetId },
      context,
    })) as Loaded;
    expect(data.unpublished).toBe(true);
    expect(data.view.services.map((service) => service.name.text)).toEqual([
      "Citizenship workshop for elders",
    ]);
    expect(data.view.languageNames).toMatchObject({ ctu: "Ch'ol" });
    expect(
      await db.select().from(services).where(eq(services.organizationId, organization.id)),
    ).toEqual([]);
    const [still] = await db
      .select()
      .from(organizations)
      .where(eq(organizations.id, organization.id));
    expect(still?.status).toBe("draft");
  });

  it("is gone once the change is no longer pending", async () => {
    const { db } = env();
    const editor = await editorOf(db, ids.org);
    const outcome = await updateOrganizationProfile(db, {
      actor: editor,
      organizationId: ids.org,
      changes: { alternateName: "Night clinic" },
    });
    if (outcome.status !== "pending") throw new Error("expected a pending change set");
    await db
      .update(changeSets)
      .set({ status: "withdrawn" })
      .where(eq(changeSets.id, outcome.changeSetId));
    const status = await refusal(async () =>
      previewPage.loader({
        request: await requestAs(db, editor, `/portal/changes/${outcome.changeSetId}/preview`),
        params: { changeSetId: outcome.changeSetId },
        context,
      }),
    );
    expect(status).toBe(404);
  });
});
