import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createReferral } from "~/referrals/referrals.server";
import type { ReferableSearch } from "~/referrals/referable-search.server";
import * as detailRoute from "~/routes/($lang).staff.referrals.$id";
import * as servicesRoute from "~/routes/($lang).staff.referrals.services";
import { ensureSearchIndex } from "~/search/reindex.server";
import { drainSearchOutbox } from "~/search/sync.server";
import { enqueueSearchSync } from "~/search-outbox/outbox.server";
import { useTestEnvironment } from "../support/environment";
import {
  editorOf,
  formBody,
  insertOrganizationWithService,
  referralInput,
  requestAs,
  staffActor,
} from "../support/referral-fixtures";

/*
 * Issue 12 item 5: "Refer to another service" finds the service with the search engine,
 * not from a dropdown of every service.
 */

process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const env = useTestEnvironment();
const staff = staffActor();
let harbor: Awaited<ReturnType<typeof insertOrganizationWithService>>;
let tidewater: Awaited<ReturnType<typeof insertOrganizationWithService>>;
let referralId: string;

beforeAll(async () => {
  const { db } = env();
  await ensureSearchIndex(db);
  harbor = await insertOrganizationWithService(db, {
    name: "Harbor Asylum Collective",
    serviceName: "Harbor Asylum Clinic",
  });
  tidewater = await insertOrganizationWithService(db, {
    name: "Tidewater Family Petitions",
    serviceName: "Tidewater Petition Workshop",
  });
  // The fixture writes rows directly: queue both organizations for indexing, as edits do.
  for (const organization of [harbor, tidewater]) {
    await enqueueSearchSync(db, {
      entityType: "organization",
      entityId: organization.organizationId,
    });
  }
  const drained = await drainSearchOutbox(db);
  expect(drained.failed).toBe(0);
  ({ referralId } = await createReferral(db, {
    actor: staff,
    serviceId: harbor.serviceId,
    referral: referralInput(),
  }));
});

type Page = { another: ReferableSearch };

async function page(query: string) {
  const suffix = query ? `?another=${encodeURIComponent(query)}` : "";
  return (await detailRoute.loader({
    request: await requestAs(env().db, staff, `/en/staff/referrals/${referralId}${suffix}`),
    params: { lang: "en", id: referralId },
    context: {},
  })) as unknown as Page;
}

describe("refer to another service", () => {
  it("lists no services until staff search, then what the search engine finds", async () => {
    expect((await page("")).another).toEqual({ query: "", services: [], busy: false });

    const found = (await page("tidewater")).another;
    expect(found.services.map((service) => service.id)).toEqual([tidewater.serviceId]);
    expect(found.services[0]).toMatchObject({
      name: "Tidewater Petition Workshop",
      organizationName: "Tidewater Family Petitions",
    });
    // Typos are forgiven, as on /search; the referral's own service is never offered.
    expect((await page("tidewatr")).another.services.map((service) => service.id)).toContain(
      tidewater.serviceId,
    );
    expect((await page("Harbor Asylum")).another.services.map((s) => s.id)).not.toContain(
      harbor.serviceId,
    );
  });

  it("refers to the chosen result with the existing action; a missing choice keeps the search", async () => {
    const refused = await detailRoute.action({
      request: await requestAs(env().db, staff, `/en/staff/referrals/${referralId}?another=tide`, {
        method: "POST",
        body: formBody({ intent: "referToAnother", mode: "logged" }),
      }),
      params: { lang: "en", id: referralId },
      context: {},
    });
    const wrapped = refused as unknown as { init: { status: number }; data: { intent: string } };
    expect(wrapped.init.status).toBe(400);
    expect(wrapped.data.intent).toBe("referToAnother");

    const response = (await detailRoute.action({
      request: await requestAs(env().db, staff, `/en/staff/referrals/${referralId}`, {
        method: "POST",
        body: formBody({
          intent: "referToAnother",
          serviceId: tidewater.serviceId,
          mode: "logged",
        }),
      }),
      params: { lang: "en", id: referralId },
      context: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/en\/staff\/referrals\/[0-9a-f-]{36}$/);
    expect(response.headers.get("Location")).not.toContain(referralId);
  });

  it("answers the type-ahead as JSON, to staff only, never cached", async () => {
    const asStaff = await servicesRoute.loader({
      request: await requestAs(
        env().db,
        staff,
        `/en/staff/referrals/services?q=tidewater&exclude=${harbor.serviceId}`,
      ),
      params: { lang: "en" },
      context: {},
    });
    expect(asStaff.status).toBe(200);
    expect(asStaff.headers.get("Cache-Control")).toBe("private, no-store");
    const body = (await asStaff.json()) as ReferableSearch;
    expect(body.services.map((service) => service.id)).toEqual([tidewater.serviceId]);

    const asEditor = await servicesRoute.loader({
      request: await requestAs(
        env().db,
        editorOf(harbor.organizationId),
        "/staff/referrals/services?q=tidewater",
      ),
      params: {},
      context: {},
    });
    expect(asEditor.status).toBe(403);
    const anonymous = await servicesRoute.loader({
      request: await requestAs(env().db, null, "/staff/referrals/services?q=tidewater"),
      params: {},
      context: {},
    });
    expect(anonymous.status).toBe(401);
  });
});
