import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { referralEvents, referrals } from "#db/schema";
import { listInbox, listStaffReferrals } from "~/referrals/dashboard.server";
import { DomainError } from "~/http/errors";
import { dashboardFiltersSchema } from "~/referrals/forms";
import {
  createReferral,
  getReferral,
  issueSlipLink,
  referToAnother,
  setFollowUp,
  transitionReferral,
} from "~/referrals/referrals.server";
import type { ReferralStatus } from "#db/codes/referrals";
import { useTestEnvironment } from "../support/environment";
import {
  editorOf,
  insertOrganizationWithService,
  referralInput,
  staffActor,
} from "../support/referral-fixtures";

process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const env = useTestEnvironment();

const staff = staffActor();
let orgA: Awaited<ReturnType<typeof insertOrganizationWithService>>;
let orgB: Awaited<ReturnType<typeof insertOrganizationWithService>>;
let editorA: ReturnType<typeof editorOf>;
let editorB: ReturnType<typeof editorOf>;

beforeAll(async () => {
  orgA = await insertOrganizationWithService(env().db, { name: "Queens Immigrant Legal Aid" });
  orgB = await insertOrganizationWithService(env().db, { name: "Bronx Defenders of Rights" });
  editorA = editorOf(orgA.organizationId);
  editorB = editorOf(orgB.organizationId);
});

async function refer(overrides: Parameters<typeof referralInput>[0] = {}, serviceId?: string) {
  return createReferral(env().db, {
    actor: staff,
    serviceId: serviceId ?? orgA.serviceId,
    referral: referralInput(overrides),
  });
}

async function statusOf(referralId: string): Promise<ReferralStatus> {
  const [row] = await env()
    .db.select({ status: referrals.status })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  return row!.status;
}

async function refused(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("making a referral", () => {
  it("sends a referral to the service's organization, with a slip token and a first event", async () => {
    const { referralId, slipToken } = await refer();
    expect(slipToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [row] = await env().db.select().from(referrals).where(eq(referrals.id, referralId));
    expect(row).toMatchObject({
      status: "sent",
      mode: "sent",
      organizationId: orgA.organizationId,
      createdByUserId: staff.userId,
      hasCourtDate: true,
      needs: ["asylum", "work_permits"],
    });
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.personal).toMatchObject({
      callName: "Marisol",
      phone: "917-555-0142",
      courtDate: "2031-03-14",
    });
    expect(detail.timeline.map((event) => [event.fromStatus, event.toStatus])).toEqual([
      [null, "sent"],
    ]);
  });

  it("refuses a phone number without consent", async () => {
    const error = await refused(refer({ phoneConsent: false }));
    expect(error.status).toBe(400);
    expect(error.messageKey).toBe("form.errors.consent");
  });

  it("records a referral given by phone as logged, outside any inbox", async () => {
    const { referralId } = await refer({ mode: "logged" });
    expect(await statusOf(referralId)).toBe("logged");
    const inbox = await listInbox(env().db, { actor: editorA, filters: { view: "all" } });
    expect(inbox.items.map((item) => item.id)).not.toContain(referralId);
    const error = await refused(getReferral(env().db, { actor: editorA, referralId }));
    expect(error.status).toBe(404);
  });

  it("lets only coalition staff make referrals", async () => {
    const error = await refused(
      createReferral(env().db, {
        actor: editorA,
        serviceId: orgA.serviceId,
        referral: referralInput(),
      }),
    );
    expect(error.status).toBe(403);
  });

  it("refuses a paused service", async () => {
    const paused = await insertOrganizationWithService(env().db, { name: "Paused Partner" });
    const { services } = await import("#db/schema");
    await env()
      .db.update(services)
      .set({ status: "paused" })
      .where(eq(services.id, paused.serviceId));
    const error = await refused(refer({}, paused.serviceId));
    expect(error.messageKey).toBe("errors.serviceUnavailable");
  });
});

describe("the status workflow", () => {
  it("follows sent → received → accepted → client contacted → served, with a timeline", async () => {
    const { referralId } = await refer();
    for (const to of ["received", "accepted", "client_contacted", "served"] as const) {
      await transitionReferral(env().db, { actor: editorA, referralId, to });
      expect(await statusOf(referralId)).toBe(to);
    }
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.timeline.map((event) => event.toStatus)).toEqual([
      "sent",
      "received",
      "accepted",
      "client_contacted",
      "served",
    ]);
    expect(detail.timeline.slice(1).every((event) => event.actorKind === "organization")).toBe(
      true,
    );
    expect(detail.outcome).toBe("served");
    expect(detail.closedAt).not.toBeNull();
    expect(detail.acceptedAt).not.toBeNull();
    expect(detail.nextStatuses).toEqual([]);
  });

  it("declines with a reason and an encrypted note, and shows up as needing a new match", async () => {
    const { referralId } = await refer();
    await transitionReferral(env().db, {
      actor: editorA,
      referralId,
      to: "declined",
      declineReason: "no_capacity",
      note: "Our asylum attorney is full until June; Marisol should try Bronx.",
    });
    const detail = await getReferral(env().db, { actor: editorA, referralId });
    expect(detail.status).toBe("declined");
    expect(detail.declineReason).toBe("no_capacity");
    expect(detail.timeline.at(-1)).toMatchObject({
      toStatus: "declined",
      code: "no_capacity",
      note: "Our asylum attorney is full until June; Marisol should try Bronx.",
    });
    const dashboard = await listStaffReferrals(env().db, {
      actor: staff,
      filters: dashboardFiltersSchema.parse({ view: "needs_match" }),
    });
    expect(dashboard.items.map((item) => item.id)).toContain(referralId);
  });

  it("requires a decline reason and a closing outcome", async () => {
    const { referralId } = await refer();
    expect(
      (await refused(transitionReferral(env().db, { actor: editorA, referralId, to: "declined" })))
        .messageKey,
    ).toBe("form.errors.reason");
    await transitionReferral(env().db, { actor: editorA, referralId, to: "accepted" });
    expect(
      (await refused(transitionReferral(env().db, { actor: editorA, referralId, to: "closed" })))
        .messageKey,
    ).toBe("form.errors.outcome");
    await transitionReferral(env().db, {
      actor: editorA,
      referralId,
      to: "closed",
      outcome: "client_withdrew",
    });
    expect(await statusOf(referralId)).toBe("closed");
  });

  it("lets the organization record that it could not reach the person, then reach them later", async () => {
    const { referralId } = await refer();
    await transitionReferral(env().db, { actor: editorA, referralId, to: "accepted" });
    await transitionReferral(env().db, { actor: editorA, referralId, to: "unable_to_reach" });
    expect(await statusOf(referralId)).toBe("unable_to_reach");
    await transitionReferral(env().db, { actor: editorA, referralId, to: "client_contacted" });
    expect(await statusOf(referralId)).toBe("client_contacted");
  });

  it("refuses transitions the workflow does not allow, with a translated message key", async () => {
    const { referralId } = await refer();
    const skip = await refused(
      transitionReferral(env().db, { actor: editorA, referralId, to: "client_contacted" }),
    );
    expect(skip.status).toBe(409);
    expect(skip.messageKey).toBe("errors.invalidTransition");
    expect(skip.options.values).toEqual({ from: "sent", to: "client_contacted" });

    await transitionReferral(env().db, { actor: editorA, referralId, to: "accepted" });
    await transitionReferral(env().db, { actor: editorA, referralId, to: "served" });
    for (const to of ["accepted", "sent", "declined", "closed"] as const) {
      const error = await refused(
        transitionReferral(env().db, { actor: staff, referralId, to, outcome: "other" }),
      );
      expect(error.messageKey).toBe("errors.invalidTransition");
    }
    // Nothing was recorded by the refused attempts.
    const events = await env()
      .db.select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referralId));
    expect(events).toHaveLength(3);
  });

  it("keeps closing a declined referral for staff, not the organization", async () => {
    const { referralId } = await refer();
    await transitionReferral(env().db, {
      actor: editorA,
      referralId,
      to: "declined",
      declineReason: "not_eligible",
    });
    const error = await refused(
      transitionReferral(env().db, {
        actor: editorA,
        referralId,
        to: "closed",
        outcome: "other",
      }),
    );
    expect(error.messageKey).toBe("errors.invalidTransition");
    await transitionReferral(env().db, {
      actor: staff,
      referralId,
      to: "closed",
      outcome: "no_longer_needed",
    });
    expect(await statusOf(referralId)).toBe("closed");
  });

  it("closes a logged referral only from staff", async () => {
    const { referralId } = await refer({ mode: "logged" });
    await transitionReferral(env().db, { actor: staff, referralId, to: "served" });
    expect(await statusOf(referralId)).toBe("served");
  });
});

describe("who may read and act on a referral", () => {
  it("lets staff and the receiving organization's editors read it, and no other organization", async () => {
    const { referralId } = await refer();
    await expect(getReferral(env().db, { actor: staff, referralId })).resolves.toBeTruthy();
    await expect(getReferral(env().db, { actor: editorA, referralId })).resolves.toBeTruthy();
    const error = await refused(getReferral(env().db, { actor: editorB, referralId }));
    expect(error.status).toBe(404);
  });

  it("refuses another organization's editor every change, as not found", async () => {
    const { referralId } = await refer();
    const error = await refused(
      transitionReferral(env().db, { actor: editorB, referralId, to: "accepted" }),
    );
    expect(error.status).toBe(404);
    expect(await statusOf(referralId)).toBe("sent");
  });

  it("keeps the staff tools (new slip, follow-up, refer to another) for staff", async () => {
    const { referralId } = await refer();
    expect((await refused(issueSlipLink(env().db, { actor: editorA, referralId }))).status).toBe(
      403,
    );
    expect(
      (await refused(setFollowUp(env().db, { actor: editorA, referralId, followUpOn: null })))
        .status,
    ).toBe(403);
    expect(
      (
        await refused(
          referToAnother(env().db, {
            actor: editorA,
            referralId,
            serviceId: orgB.serviceId,
            mode: "sent",
          }),
        )
      ).status,
    ).toBe(403);
    const detail = await getReferral(env().db, { actor: editorA, referralId });
    expect(detail.canManage).toBe(false);
  });

  it("lists a referral in the receiving organization's inbox only", async () => {
    const { referralId } = await refer();
    const inboxA = await listInbox(env().db, { actor: editorA, filters: { view: "open" } });
    const inboxB = await listInbox(env().db, { actor: editorB, filters: { view: "all" } });
    expect(inboxA.items.map((item) => item.id)).toContain(referralId);
    expect(inboxA.newCount).toBeGreaterThan(0);
    expect(inboxB.items.map((item) => item.id)).not.toContain(referralId);
    const error = await refused(
      listStaffReferrals(env().db, {
        actor: editorA,
        filters: dashboardFiltersSchema.parse({}),
      }),
    );
    expect(error.status).toBe(403);
  });
});

describe("referring to another service", () => {
  it("copies the person and needs, and closes a declined original as rematched", async () => {
    const { referralId } = await refer({ detained: true });
    await transitionReferral(env().db, {
      actor: editorA,
      referralId,
      to: "declined",
      declineReason: "outside_service_area",
    });
    const copy = await referToAnother(env().db, {
      actor: staff,
      referralId,
      serviceId: orgB.serviceId,
      mode: "sent",
    });
    const original = await getReferral(env().db, { actor: staff, referralId });
    expect(original.status).toBe("closed");
    expect(original.outcome).toBe("rematched");
    expect(original.copies.map((item) => item.id)).toEqual([copy.referralId]);

    const copied = await getReferral(env().db, { actor: editorB, referralId: copy.referralId });
    expect(copied.status).toBe("sent");
    expect(copied.organization.id).toBe(orgB.organizationId);
    expect(copied.detained).toBe(true);
    expect(copied.personal?.fullName).toBe("Marisol Quispe Huamán");
    // Organization B's editor is not shown organization A's referral.
    expect(copied.copiedFrom).toBeNull();
    const asStaff = await getReferral(env().db, { actor: staff, referralId: copy.referralId });
    expect(asStaff.copiedFrom?.id).toBe(referralId);
  });

  it("leaves an open original as it is (a person may need two services)", async () => {
    const { referralId } = await refer();
    await referToAnother(env().db, {
      actor: staff,
      referralId,
      serviceId: orgB.serviceId,
      mode: "logged",
    });
    expect(await statusOf(referralId)).toBe("sent");
  });
});

describe("the staff dashboard", () => {
  it("lists referrals past their follow-up date and filters by category, county, language, organization and date", async () => {
    const db = env().db;
    const overdue = await createReferral(db, {
      actor: staff,
      serviceId: orgB.serviceId,
      referral: referralInput({
        needs: ["daca"],
        preferredLanguage: "ht",
        county: "36005",
        followUpOn: "2020-01-15",
      }),
      now: new Date("2020-01-08T15:00:00Z"),
    });
    const base = dashboardFiltersSchema.parse({});
    const ids = async (filters: Record<string, string>) =>
      (
        await listStaffReferrals(db, {
          actor: staff,
          filters: dashboardFiltersSchema.parse(filters),
        })
      ).items.map((item) => item.id);

    const overdueView = await listStaffReferrals(db, {
      actor: staff,
      filters: { ...base, view: "overdue" },
    });
    expect(overdueView.items.map((item) => item.id)).toEqual([overdue.referralId]);
    expect(overdueView.items[0]!.overdue).toBe(true);
    expect(overdueView.counts.overdue).toBe(1);

    expect(await ids({ category: "daca" })).toEqual([overdue.referralId]);
    expect(await ids({ county: "36005" })).toEqual([overdue.referralId]);
    expect(await ids({ language: "ht" })).toEqual([overdue.referralId]);
    expect(await ids({ view: "all", from: "2020-01-08", to: "2020-01-08" })).toEqual([
      overdue.referralId,
    ]);
    expect(await ids({ view: "all", from: "2020-01-09", to: "2020-01-31" })).toEqual([]);
    expect(await ids({ organization: orgB.organizationId, category: "daca" })).toEqual([
      overdue.referralId,
    ]);
    expect(await ids({ organization: orgA.organizationId, category: "daca" })).toEqual([]);
    // A bad filter value is ignored rather than refused.
    expect(await ids({ category: "not-a-category", language: "ht" })).toEqual([overdue.referralId]);

    await setFollowUp(db, { actor: staff, referralId: overdue.referralId, followUpOn: null });
    expect(await ids({ view: "overdue" })).toEqual([]);
  });

  it("carries no personal data in its lists", async () => {
    const dashboard = await listStaffReferrals(env().db, {
      actor: staff,
      filters: dashboardFiltersSchema.parse({ view: "all" }),
    });
    const inbox = await listInbox(env().db, { actor: editorA, filters: { view: "all" } });
    const text = JSON.stringify([dashboard, inbox]);
    for (const secret of [
      "Marisol",
      "917-555-0142",
      "marisol.q@example.net",
      "Peru",
      "2031-03-14",
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
