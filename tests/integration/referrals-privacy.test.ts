import { randomBytes } from "node:crypto";
import { eq, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { jobRuns, referralDataKeys, referralEvents, referrals, schedules } from "#db/schema";
import { parseKeyRing, personalDataContext, seal } from "~/referrals/crypto.server";
import { DataKeys } from "~/referrals/data-keys.server";
import { listStaffReferrals } from "~/referrals/dashboard.server";
import { DomainError } from "~/http/errors";
import { dashboardFiltersSchema } from "~/referrals/forms";
import { openPersonalData } from "~/referrals/personal-data.server";
import { createReferral, getReferral, transitionReferral } from "~/referrals/referrals.server";
import { purgeExpiredPersonalData, runRetention } from "~/referrals/retention.server";
import { parseConfig } from "~/config.server";
import { countNotUnderKey, rotateEncryptionKey } from "~/referrals/rotation.server";
import { getSlip, respondFromSlip } from "~/referrals/slip.server";
import { claimDailyRun } from "~/scheduled-jobs.server";
import { useTestEnvironment } from "../support/environment";
import {
  editorOf,
  insertOrganizationWithService,
  referralInput,
  staffActor,
} from "../support/referral-fixtures";

const firstKey = randomBytes(32).toString("base64");
process.env.DATA_ENCRYPTION_KEY = firstKey;
const env = useTestEnvironment();

const staff = staffActor();
let org: Awaited<ReturnType<typeof insertOrganizationWithService>>;
let shelter: Awaited<ReturnType<typeof insertOrganizationWithService>>;

/** What staff typed about the person: none of it may appear in the clear. */
const SECRETS = [
  "Quispe",
  "917-555-0142",
  "9175550142",
  "marisol.q@example.net",
  "2031-03-14",
  "Fled Peru",
];

beforeAll(async () => {
  org = await insertOrganizationWithService(env().db, {
    name: "Jackson Heights Immigrant Legal Center",
    applicationProcess: "Bring your passport and any letters from immigration court.",
    spanishApplicationProcess: "Traiga su pasaporte y cualquier carta de la corte de inmigración.",
  });
  shelter = await insertOrganizationWithService(env().db, {
    name: "Safe Harbor Survivors Project",
    confidential: true,
  });
});

async function refer(overrides: Parameters<typeof referralInput>[0] = {}, now?: Date) {
  return createReferral(env().db, {
    actor: staff,
    serviceId: org.serviceId,
    referral: referralInput(overrides),
    now,
  });
}

async function rawRow(referralId: string): Promise<string> {
  const rows = await env().db.execute<{ row: string }>(
    sql`SELECT row_to_json(r)::text AS row FROM referrals r WHERE id = ${referralId}`,
  );
  return rows[0]!.row;
}

/** Whether any of the strings occurs in the row's bytea columns, as UTF-8 bytes. */
async function bytesContain(referralId: string, needle: string): Promise<boolean> {
  const rows = await env().db.execute<{ found: boolean }>(sql`
    SELECT position(convert_to(${needle}, 'UTF8') IN r.personal_data) > 0
        OR EXISTS (
          SELECT 1 FROM referral_events e
          WHERE e.referral_id = r.id AND position(convert_to(${needle}, 'UTF8') IN e.note) > 0
        ) AS found
    FROM referrals r WHERE r.id = ${referralId}`);
  return rows[0]!.found;
}

describe("encryption at rest", () => {
  it("stores no personal data in the clear, in the referral or its timeline notes", async () => {
    const { referralId } = await refer();
    await transitionReferral(env().db, {
      actor: editorOf(org.organizationId),
      referralId,
      to: "declined",
      declineReason: "no_capacity",
      note: "Called 917-555-0142, Ms. Quispe asked for a Bronx office.",
    });
    const row = await rawRow(referralId);
    for (const secret of [...SECRETS, "Marisol", "Bronx office"]) {
      expect(row).not.toContain(secret);
      expect(await bytesContain(referralId, secret)).toBe(false);
    }
    expect(JSON.parse(row)).toMatchObject({
      key_id: expect.stringMatching(/^open-\d{4}-\d{2}$/),
      has_court_date: true,
    });
    // ...while staff still read it.
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.personal?.fullName).toBe("Marisol Quispe Huamán");
    expect(detail.timeline.at(-1)?.note).toContain("Bronx office");
  });

  it("refuses a ciphertext copied into another referral's row", async () => {
    const first = await refer({ fullName: "Person One" });
    const second = await refer({ fullName: "Person Two" });
    await env().db.execute(sql`
      UPDATE referrals SET personal_data = (SELECT personal_data FROM referrals WHERE id = ${first.referralId})
      WHERE id = ${second.referralId}`);
    const error = await getReferral(env().db, { actor: staff, referralId: second.referralId }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).messageKey).toBe("errors.decryptFailed");
    await env().db.delete(referrals).where(eq(referrals.id, second.referralId));
  });
});

describe("the referral slip", () => {
  it("shows the organization, address, phone, hours, what to bring and the first name only", async () => {
    const { slipToken } = await refer();
    const result = await getSlip(env().db, { token: slipToken, locale: "es" });
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    const { slip } = result;
    expect(slip.callName).toBe("Marisol");
    expect(slip.preferredLanguage).toBe("es");
    expect(slip.organization.name).toBe("Jackson Heights Immigrant Legal Center");
    expect(slip.locations[0]?.address?.address1).toBe("123 Roosevelt Avenue");
    expect(slip.phones.map((phone) => phone.number)).toEqual(["718-555-0100"]);
    expect(slip.hours).toEqual([
      { weekday: 1, opensAt: "09:00", closesAt: "17:00", description: null },
      { weekday: 3, opensAt: "10:00", closesAt: "14:00", description: null },
    ]);
    expect(slip.service.applicationProcess).toBe(
      "Traiga su pasaporte y cualquier carta de la corte de inmigración.",
    );
    const text = JSON.stringify(result);
    for (const secret of [...SECRETS, "Huamán", "asylum", "work_permits"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("shows a service's hours at a place where it keeps other ones with that place", async () => {
    const place = await insertOrganizationWithService(env().db, {
      name: "Corona Tuesday Clinic",
    });
    await env().db.insert(schedules).values({
      serviceId: place.serviceId,
      locationId: place.locationId,
      weekday: 2,
      opensAt: "10:00",
      closesAt: "14:00",
    });
    const { slipToken } = await createReferral(env().db, {
      actor: staff,
      serviceId: place.serviceId,
      referral: referralInput(),
    });
    const result = await getSlip(env().db, { token: slipToken, locale: "en" });
    if (result.kind !== "ok") throw new Error("expected a slip");
    expect(result.slip.locations.map((location) => location.hours)).toEqual([
      [{ weekday: 2, opensAt: "10:00", closesAt: "14:00", description: null }],
    ]);
    expect(result.slip.hours).not.toContainEqual(expect.objectContaining({ weekday: 2 }));
  });

  it("never shows the address of a confidential location", async () => {
    const { slipToken } = await createReferral(env().db, {
      actor: staff,
      serviceId: shelter.serviceId,
      referral: referralInput(),
    });
    const result = await getSlip(env().db, { token: slipToken, locale: "en" });
    if (result.kind !== "ok") throw new Error(result.kind);
    expect(result.slip.locations).toEqual([
      expect.objectContaining({ confidential: true, address: null }),
    ]);
    expect(JSON.stringify(result)).not.toContain("Roosevelt");
  });

  it("expires, and unknown or malformed links find nothing", async () => {
    const createdAt = new Date("2030-01-01T12:00:00Z");
    const { slipToken } = await refer({}, createdAt);
    const day = 86_400_000;
    const beforeExpiry = await getSlip(env().db, {
      token: slipToken,
      locale: "en",
      now: new Date(createdAt.getTime() + 59 * day),
    });
    expect(beforeExpiry.kind).toBe("ok");
    const afterExpiry = await getSlip(env().db, {
      token: slipToken,
      locale: "en",
      now: new Date(createdAt.getTime() + 60 * day + 1000),
    });
    expect(afterExpiry).toEqual({
      kind: "expired",
      organizationName: "Jackson Heights Immigrant Legal Center",
    });
    expect(
      await respondFromSlip(env().db, {
        token: slipToken,
        response: "got_help",
        now: new Date(createdAt.getTime() + 61 * day),
      }),
    ).toBe("expired");
    expect((await getSlip(env().db, { token: "A".repeat(22), locale: "en" })).kind).toBe(
      "not_found",
    );
    expect((await getSlip(env().db, { token: "../../etc", locale: "en" })).kind).toBe("not_found");
  });

  it('"I could not reach them" puts the referral back on the dashboard for a new match', async () => {
    const { referralId, slipToken } = await refer();
    expect(await respondFromSlip(env().db, { token: slipToken, response: "could_not_reach" })).toBe(
      "recorded",
    );
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.status).toBe("unable_to_reach");
    expect(detail.timeline.at(-1)).toMatchObject({
      actorKind: "person",
      toStatus: "unable_to_reach",
    });
    const dashboard = await listStaffReferrals(env().db, {
      actor: staff,
      filters: dashboardFiltersSchema.parse({ view: "needs_match" }),
    });
    expect(dashboard.items.map((item) => item.id)).toContain(referralId);
    // A second tap changes nothing.
    expect(await respondFromSlip(env().db, { token: slipToken, response: "could_not_reach" })).toBe(
      "unchanged",
    );
  });

  it('"I got help" closes the referral as served', async () => {
    const { referralId, slipToken } = await refer();
    expect(await respondFromSlip(env().db, { token: slipToken, response: "got_help" })).toBe(
      "recorded",
    );
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail).toMatchObject({ status: "served", outcome: "served" });
    const slip = await getSlip(env().db, { token: slipToken, locale: "en" });
    expect(slip.kind === "ok" && slip.slip.canRespond).toEqual({
      gotHelp: false,
      couldNotReach: false,
    });
  });
});

describe("retention", () => {
  it("erases personal data and notes N days after closing, keeping the statistics", async () => {
    const closedAt = new Date("2020-03-01T16:00:00Z");
    const { referralId } = await refer({}, new Date("2020-02-20T16:00:00Z"));
    const editor = editorOf(org.organizationId);
    await transitionReferral(env().db, {
      actor: editor,
      referralId,
      to: "accepted",
      note: "Marisol will come on Monday.",
      now: new Date("2020-02-22T16:00:00Z"),
    });
    await transitionReferral(env().db, {
      actor: editor,
      referralId,
      to: "closed",
      outcome: "client_withdrew",
      now: closedAt,
    });
    const day = 86_400_000;
    expect(
      await purgeExpiredPersonalData(env().db, new Date(closedAt.getTime() + 89 * day), 90),
    ).toEqual({ referrals: 0, notes: 0 });
    expect(
      await purgeExpiredPersonalData(env().db, new Date(closedAt.getTime() + 91 * day), 90),
    ).toEqual({ referrals: 1, notes: 1 });

    const [row] = await env().db.select().from(referrals).where(eq(referrals.id, referralId));
    expect(row).toMatchObject({
      personalData: null,
      keyId: null,
      status: "closed",
      outcome: "client_withdrew",
      needs: ["asylum", "work_permits"],
      county: "36081",
    });
    expect(row!.purgedAt).not.toBeNull();
    const notes = await env()
      .db.select({ note: referralEvents.note })
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referralId));
    expect(notes.every((event) => event.note === null)).toBe(true);

    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.personal).toBeNull();
    expect(detail.timeline.map((event) => event.toStatus)).toEqual(["sent", "accepted", "closed"]);
    // Idempotent.
    expect(
      await purgeExpiredPersonalData(env().db, new Date(closedAt.getTime() + 92 * day), 90),
    ).toEqual({ referrals: 0, notes: 0 });
  });

  it("claims the daily purge for one process per day, however many try", async () => {
    const claims = await Promise.all(
      [1, 2, 3].map(() => claimDailyRun(env().db, "referrals-purge", "2031-06-01")),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimDailyRun(env().db, "referrals-purge", "2031-06-02")).toBe(true);
    const runs = await env().db.select().from(jobRuns).where(eq(jobRuns.job, "referrals-purge"));
    expect(runs.map((run) => run.runDate).sort()).toEqual(["2031-06-01", "2031-06-02"]);
  });
});

describe("referrals nobody closes", () => {
  const day = 86_400_000;
  const policy = { inactiveDays: 60, retentionDays: 90 };
  const nyDate = (at: Date) => at.toLocaleDateString("en-CA", { timeZone: "America/New_York" });

  async function statusOf(referralId: string) {
    const [row] = await env().db.select().from(referrals).where(eq(referrals.id, referralId));
    return row!;
  }

  async function dashboard(view: "erasing_soon" | "all", now: Date) {
    const result = await listStaffReferrals(env().db, {
      actor: staff,
      filters: dashboardFiltersSchema.parse({ view }),
      now,
    });
    return result.items;
  }

  it("closes a referral after REFERRAL_INACTIVE_DAYS without activity, says so on the timeline, then erases it on schedule", async () => {
    const { referralId } = await refer({}, new Date("2021-01-05T15:00:00Z"));
    const declinedAt = new Date("2021-01-06T15:00:00Z");
    await transitionReferral(env().db, {
      actor: editorOf(org.organizationId),
      referralId,
      to: "declined",
      declineReason: "no_capacity",
      note: "We called Marisol back.",
      now: declinedAt,
    });
    // Staff see when the details go if nothing happens: inactivity, then retention.
    const listed = (await dashboard("all", declinedAt)).find((item) => item.id === referralId);
    expect(listed?.erasesOn).toBe(nyDate(new Date(declinedAt.getTime() + 150 * day)));

    await runRetention(env().db, new Date(declinedAt.getTime() + 59 * day), policy);
    expect((await statusOf(referralId)).status).toBe("declined");

    const closedAt = new Date(declinedAt.getTime() + 61 * day);
    await runRetention(env().db, closedAt, policy);
    expect(await statusOf(referralId)).toMatchObject({
      status: "closed",
      outcome: "inactive",
      closedAt,
      purgedAt: null,
    });
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.timeline.at(-1)).toMatchObject({
      actorKind: "system",
      fromStatus: "declined",
      toStatus: "closed",
      code: "inactive",
    });
    expect(detail.personal?.fullName).toBe("Marisol Quispe Huamán");
    expect(detail.erasesOn).toBe(nyDate(new Date(closedAt.getTime() + 90 * day)));

    // "Personal data erased within 14 days" lists it two weeks ahead, not before.
    const ids = async (now: Date) => (await dashboard("erasing_soon", now)).map((item) => item.id);
    expect(await ids(new Date(closedAt.getTime() + 70 * day))).not.toContain(referralId);
    const soon = await dashboard("erasing_soon", new Date(closedAt.getTime() + 80 * day));
    expect(soon.find((item) => item.id === referralId)?.erasesOn).toBe(
      nyDate(new Date(closedAt.getTime() + 90 * day)),
    );

    await runRetention(env().db, new Date(closedAt.getTime() + 89 * day), policy);
    expect((await statusOf(referralId)).personalData).not.toBeNull();
    await runRetention(env().db, new Date(closedAt.getTime() + 91 * day), policy);
    expect(await statusOf(referralId)).toMatchObject({ personalData: null, keyId: null });
    expect((await getReferral(env().db, { actor: staff, referralId })).personal).toBeNull();
  });

  it("keeps a referral open while its follow-up date is ahead", async () => {
    const { referralId } = await refer(
      { followUpOn: "2021-06-01" },
      new Date("2021-02-01T15:00:00Z"),
    );
    await runRetention(env().db, new Date("2021-07-20T12:00:00Z"), policy);
    expect((await statusOf(referralId)).status).toBe("sent");
    await runRetention(env().db, new Date("2021-08-02T12:00:00Z"), policy);
    expect((await statusOf(referralId)).outcome).toBe("inactive");
  });

  it("refuses a REFERRAL_RETENTION_DAYS below the documented minimum, naming it", () => {
    expect(() => parseConfig({ NODE_ENV: "test", REFERRAL_RETENTION_DAYS: "3" })).toThrow(
      /REFERRAL_RETENTION_DAYS: must be at least 7/,
    );
    expect(parseConfig({ NODE_ENV: "test" }).REFERRAL_INACTIVE_DAYS).toBe(60);
  });
});

describe("erasure that survives copies of the database", () => {
  it("destroys a month's data key once every referral closed that month is erased; copies taken before no longer open", async () => {
    const ring = parseKeyRing({ key: firstKey });
    const first = await refer({}, new Date("2022-03-01T15:00:00Z"));
    const second = await refer({}, new Date("2022-03-02T15:00:00Z"));
    for (const [referralId, at] of [
      [first.referralId, "2022-03-10T15:00:00Z"],
      [second.referralId, "2022-03-28T15:00:00Z"],
    ] as const) {
      await transitionReferral(env().db, {
        actor: staff,
        referralId,
        to: "closed",
        outcome: "no_longer_needed",
        note: "Marisol found a lawyer.",
        now: new Date(at),
      });
    }
    const [row] = await env().db.select().from(referrals).where(eq(referrals.id, first.referralId));
    // Closing moved the personal data to the key of the month it closed in.
    expect(row!.keyId).toBe("closed-2022-03");
    // What a dead row version, the WAL or a backup taken now still holds.
    const copy = { ciphertext: row!.personalData!, keyId: row!.keyId! };
    const keyRow = async (id: string) =>
      (await env().db.select().from(referralDataKeys).where(eq(referralDataKeys.id, id)))[0];

    // The first is erased; the second, closed the same month, still needs the key.
    await runRetention(env().db, new Date("2022-06-15T12:00:00Z"));
    expect(
      (await getReferral(env().db, { actor: staff, referralId: first.referralId })).personal,
    ).toBeNull();
    expect((await keyRow("closed-2022-03"))?.wrappedKey).not.toBeNull();
    expect(
      (await openPersonalData(new DataKeys(env().db, ring), first.referralId, copy)).callName,
    ).toBe("Marisol");
    // The month's "open" key has no rows left (both were re-sealed on closing): destroyed.
    expect(await keyRow("open-2022-03")).toMatchObject({ wrappedKey: null, wrappedBy: null });

    await runRetention(env().db, new Date("2022-06-27T12:00:00Z"));
    const destroyed = await keyRow("closed-2022-03");
    expect(destroyed).toMatchObject({ wrappedKey: null, wrappedBy: null });
    expect(destroyed?.destroyedAt).toEqual(new Date("2022-06-27T12:00:00Z"));
    // Even with the master key, the old copy is now noise.
    await expect(
      openPersonalData(new DataKeys(env().db, ring), first.referralId, copy),
    ).rejects.toThrow(DomainError);
  });

  it("keeps the keys of the current month, and of any month a row still uses", async () => {
    const { referralId } = await refer({}, new Date("2023-01-10T15:00:00Z"));
    await runRetention(env().db, new Date("2023-01-20T12:00:00Z"));
    const [row] = await env().db.select().from(referrals).where(eq(referrals.id, referralId));
    expect(row!.keyId).toBe("open-2023-01");
    const [key] = await env()
      .db.select()
      .from(referralDataKeys)
      .where(eq(referralDataKeys.id, "open-2023-01"));
    expect(key?.wrappedKey).not.toBeNull();
    expect((await getReferral(env().db, { actor: staff, referralId })).personal?.callName).toBe(
      "Marisol",
    );
  });
});

describe("key rotation", () => {
  it("re-wraps the data keys and moves rows sealed before data keys existed, so the old key can go", async () => {
    const { referralId } = await refer();
    await transitionReferral(env().db, {
      actor: staff,
      referralId,
      to: "accepted",
      note: "Spoke with Marisol.",
    });
    // A row as an older version wrote it: sealed directly under the ring key.
    const firstRing = parseKeyRing({ key: firstKey });
    const legacy = await refer({ fullName: "Old Row Person" });
    const legacySealed = seal(
      firstRing,
      Buffer.from(
        JSON.stringify({
          callName: "Old",
          fullName: "Old Row Person",
          consent: { phone: false, email: false },
        }),
      ),
      personalDataContext(legacy.referralId),
    );
    await env()
      .db.update(referrals)
      .set({ personalData: legacySealed.ciphertext, keyId: legacySealed.keyId })
      .where(eq(referrals.id, legacy.referralId));
    expect(
      (await getReferral(env().db, { actor: staff, referralId: legacy.referralId })).personal
        ?.fullName,
    ).toBe("Old Row Person");

    const newKey = randomBytes(32).toString("base64");
    const ring = parseKeyRing({
      keys: `default:${firstKey},2031:${newKey}`,
      currentKeyId: "2031",
    });
    expect(await countNotUnderKey(env().db, "2031")).toBeGreaterThan(0);
    const rotated = await rotateEncryptionKey(env().db, ring);
    expect(rotated.dataKeys).toBeGreaterThan(0);
    expect(rotated.referrals).toBe(1);
    expect(await countNotUnderKey(env().db, "2031")).toBe(0);
    const wrappers = await env()
      .db.selectDistinct({ by: referralDataKeys.wrappedBy })
      .from(referralDataKeys)
      .where(isNotNull(referralDataKeys.wrappedBy));
    expect(wrappers).toEqual([{ by: "2031" }]);

    // Only the new key is needed now, for the rotated and the migrated rows alike.
    const onlyNewKey = new DataKeys(env().db, parseKeyRing({ keys: `2031:${newKey}` }));
    for (const [id, fullName] of [
      [referralId, "Marisol Quispe Huamán"],
      [legacy.referralId, "Old Row Person"],
    ] as const) {
      const [row] = await env().db.select().from(referrals).where(eq(referrals.id, id));
      expect(row!.keyId).toMatch(/^open-/);
      const personal = await openPersonalData(onlyNewKey, id, {
        ciphertext: row!.personalData!,
        keyId: row!.keyId!,
      });
      expect(personal.fullName).toBe(fullName);
    }
    const onlyOldKey = new DataKeys(env().db, firstRing);
    const [row] = await env().db.select().from(referrals).where(eq(referrals.id, referralId));
    await expect(
      openPersonalData(onlyOldKey, referralId, {
        ciphertext: row!.personalData!,
        keyId: row!.keyId!,
      }),
    ).rejects.toThrow(DomainError);

    // Rotating back leaves the database readable by this process's configured key again.
    await rotateEncryptionKey(
      env().db,
      parseKeyRing({ keys: `default:${firstKey},2031:${newKey}`, currentKeyId: "default" }),
    );
    expect(await countNotUnderKey(env().db, "default")).toBe(0);
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.timeline.at(-1)?.note).toBe("Spoke with Marisol.");
  });
});
