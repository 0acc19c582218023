import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  freshnessReminders,
  mailOutbox,
  organizations,
  searchOutbox,
  services,
  users,
} from "#db/schema";
import {
  confirmListing,
  listStaleListings,
  sendFreshnessReminders,
} from "~/directory/freshness.server";
import { claimDailyRun } from "~/scheduled-jobs.server";
import type { Actor } from "~/accounts/permissions";
import { useTestEnvironment } from "../support/environment";
import {
  editorOf,
  ensureTaxonomy,
  createOrganization,
  insertService,
  staffMember,
} from "../support/factories";

const env = useTestEnvironment();
let staff: Actor;

// 2026-07-01 at 02:00 UTC is still June 30 in New York.
const NOW = new Date("2026-07-01T02:00:00Z");
const DAY = 86_400_000;

beforeAll(async () => {
  await ensureTaxonomy(env().db);
  staff = await staffMember(env().db);
});

describe("confirming a listing", () => {
  it("sets the organization's and its current services' last-confirmed date to today in New York", async () => {
    const { db } = env();
    const organization = await createOrganization(db, { assuredDate: "2025-01-01" });
    const active = await insertService(db, organization.id, {
      values: { assuredDate: "2025-01-01" },
    });
    const archived = await insertService(db, organization.id, {
      values: { assuredDate: "2025-01-01", status: "archived" },
    });
    const editor = await editorOf(db, organization.id);
    // Only the rows the confirmation writes (the fixtures wrote their own).
    await db.delete(searchOutbox);

    const result = await confirmListing(db, {
      actor: editor,
      organizationId: organization.id,
      now: NOW,
    });

    expect(result.assuredDate).toBe("2026-06-30");
    const [org] = await db
      .select()
      .from(organizations)
      .where(eq(organizations.id, organization.id));
    expect(org?.assuredDate).toBe("2026-06-30");
    const rows = await db
      .select({ id: services.id, assuredDate: services.assuredDate })
      .from(services)
      .where(inArray(services.id, [active.id, archived.id]));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.assuredDate]))).toEqual({
      [active.id]: "2026-06-30",
      [archived.id]: "2025-01-01",
    });
    const outbox = await db.select().from(searchOutbox);
    expect(outbox.map((row) => row.entityId)).toEqual(
      expect.arrayContaining([organization.id, active.id]),
    );
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.organizationId, organization.id));
    expect(entry).toMatchObject({ action: "confirm", actorUserId: editor.userId });
  });
});

describe("stale listings", () => {
  it("are published listings not confirmed for 180 days or never, oldest first", async () => {
    const { db } = env();
    const tag = "Freshness check";
    const old = await createOrganization(db, { name: `${tag} old`, assuredDate: "2025-12-31" });
    const never = await createOrganization(db, { name: `${tag} never`, assuredDate: null });
    const exactly = await createOrganization(db, {
      name: `${tag} exactly`,
      assuredDate: "2026-01-01",
    });
    const fresh = await createOrganization(db, { name: `${tag} fresh`, assuredDate: "2026-01-02" });
    const draft = await createOrganization(db, {
      name: `${tag} draft`,
      assuredDate: null,
      status: "draft",
    });

    const stale = await listStaleListings(db, { actor: staff, now: NOW });
    const ids = stale.map((row) => row.organizationId);

    expect(ids).toEqual(expect.arrayContaining([never.id, old.id, exactly.id]));
    expect(ids).not.toContain(fresh.id);
    expect(ids).not.toContain(draft.id);
    expect(ids.indexOf(never.id)).toBeLessThan(ids.indexOf(old.id));
    expect(ids.indexOf(old.id)).toBeLessThan(ids.indexOf(exactly.id));
    expect(stale.find((row) => row.organizationId === exactly.id)?.daysSinceConfirmed).toBe(180);
  });
});

describe("freshness reminders", () => {
  it("email the organization's editors with a link to the portal", async () => {
    const { db } = env();
    const organization = await createOrganization(db, {
      name: "Reminder Test Legal Services",
      email: "intake@reminder-test.example.org",
      assuredDate: "2025-01-10",
    });
    const editor = await editorOf(db, organization.id);
    const disabled = await editorOf(db, organization.id);
    await db.update(users).set({ disabledAt: NOW }).where(eq(users.id, disabled.userId));

    await sendFreshnessReminders(db, NOW);

    const mail = await db
      .select()
      .from(mailOutbox)
      .where(inArray(mailOutbox.to, [editor.email, disabled.email, organization.email!]));
    expect(mail.map((message) => message.to)).toEqual([editor.email]);
    expect(mail[0]!.subject).toContain("Reminder Test Legal Services");
    expect(mail[0]!.text).toContain("2025-01-10");
    expect(mail[0]!.text).toContain("Confirm my listing is still correct");
    expect(mail[0]!.text).toMatch(/https?:\/\/[^\s]+\/en\/portal/);
  });

  it("are queued once per stale organization, then again only after 30 days", async () => {
    const { db } = env();
    const stale = await createOrganization(db, {
      assuredDate: "2025-06-01",
      email: "intake@stale.example",
    });
    const fresh = await createOrganization(db, { assuredDate: "2026-06-01" });

    const sentSoFar = async () =>
      (
        await db
          .select()
          .from(freshnessReminders)
          .where(inArray(freshnessReminders.organizationId, [stale.id, fresh.id]))
      ).map((row) => [row.organizationId, row.recipients, row.sentAt.toISOString()]);

    expect((await sendFreshnessReminders(db, NOW)).reminded).toBeGreaterThanOrEqual(1);
    expect(await sentSoFar()).toEqual([[stale.id, ["intake@stale.example"], NOW.toISOString()]]);

    await sendFreshnessReminders(db, new Date(NOW.getTime() + 29 * DAY));
    expect(await sentSoFar()).toHaveLength(1);

    const later = new Date(NOW.getTime() + 31 * DAY);
    await sendFreshnessReminders(db, later);
    expect(await sentSoFar()).toEqual([
      [stale.id, ["intake@stale.example"], NOW.toISOString()],
      [stale.id, ["intake@stale.example"], later.toISOString()],
    ]);
  });

  it("are sent by only one of several processes running the job at the same moment", async () => {
    const { db } = env();
    const organization = await createOrganization(db, { assuredDate: null });
    const moment = new Date(NOW.getTime() + 400 * DAY);

    await Promise.all([
      sendFreshnessReminders(db, moment),
      sendFreshnessReminders(db, moment),
      sendFreshnessReminders(db, moment),
    ]);

    const sent = await db
      .select()
      .from(freshnessReminders)
      .where(eq(freshnessReminders.organizationId, organization.id));
    expect(sent).toHaveLength(1);
  });
});

describe("the daily reminder job", () => {
  it("is claimed in Postgres by one process per day", async () => {
    const { db } = env();
    const claims = await Promise.all([
      claimDailyRun(db, "freshness-reminders", "2026-06-30"),
      claimDailyRun(db, "freshness-reminders", "2026-06-30"),
      claimDailyRun(db, "freshness-reminders", "2026-06-30"),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimDailyRun(db, "freshness-reminders", "2026-07-01")).toBe(true);
  });
});
