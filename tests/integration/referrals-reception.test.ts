import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, organizations, referrals } from "#db/schema";
import { updateOrganizationAdministration } from "~/directory/organization-editing.server";
import { createReferral, getReferableService } from "~/referrals/referrals.server";
import { useTestEnvironment } from "../support/environment";
import {
  insertOrganizationWithService,
  referralInput,
  staffActor,
} from "../support/referral-fixtures";

process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const env = useTestEnvironment();
const staff = staffActor();

async function rowOf(referralId: string) {
  const [row] = await env().db.select().from(referrals).where(eq(referrals.id, referralId));
  return row!;
}

async function mailsTo(address: string) {
  return env().db.select().from(mailOutbox).where(eq(mailOutbox.to, address));
}

async function allMailText(): Promise<string> {
  const rows = await env().db.select().from(mailOutbox);
  return rows.map((row) => `${row.to}\n${row.subject}\n${row.text}`).join("\n---\n");
}

describe("a referral is never sent to nobody", () => {
  let phoneOnly: Awaited<ReturnType<typeof insertOrganizationWithService>>;
  let intakeOnly: Awaited<ReturnType<typeof insertOrganizationWithService>>;
  const INTAKE = "referrals@narrows-intake.example";

  beforeAll(async () => {
    phoneOnly = await insertOrganizationWithService(env().db, {
      name: "Narrows Arab-American Legal Clinic",
      editor: false,
    });
    intakeOnly = await insertOrganizationWithService(env().db, {
      name: "Harbor Intake Only Clinic",
      editor: false,
      intakeEmail: INTAKE,
    });
  });

  it("the form's service tells how the organization receives referrals", async () => {
    const none = await getReferableService(env().db, {
      actor: staff,
      serviceId: phoneOnly.serviceId,
    });
    expect(none.reception).toMatchObject({ portal: false, intakeEmail: null, canReceive: false });
    expect(none.reception.phones).toContain("718-555-0100");
    const intake = await getReferableService(env().db, {
      actor: staff,
      serviceId: intakeOnly.serviceId,
    });
    expect(intake.reception).toMatchObject({
      portal: false,
      intakeEmail: INTAKE,
      canReceive: true,
    });
  });

  it("logs (not sends) a referral to an organization without editors or intake email, queues no email, sets a follow-up date", async () => {
    const before = (await env().db.select().from(mailOutbox)).length;
    const created = await createReferral(env().db, {
      actor: staff,
      serviceId: phoneOnly.serviceId,
      referral: referralInput({ mode: "sent", followUpOn: undefined }),
    });
    expect(created.mode).toBe("logged");
    const row = await rowOf(created.referralId);
    expect(row).toMatchObject({ status: "logged", mode: "logged" });
    expect(row.followUpOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await env().db.select().from(mailOutbox)).length).toBe(before);
  });

  it("keeps a follow-up date staff chose", async () => {
    const created = await createReferral(env().db, {
      actor: staff,
      serviceId: phoneOnly.serviceId,
      referral: referralInput({ mode: "logged", followUpOn: "2031-01-02" }),
    });
    expect((await rowOf(created.referralId)).followUpOn).toBe("2031-01-02");
  });

  it("sends to an intake email a notice without personal data, with an absolute link and a follow-up date", async () => {
    const created = await createReferral(env().db, {
      actor: staff,
      serviceId: intakeOnly.serviceId,
      referral: referralInput({ mode: "sent", detained: true }),
    });
    expect(created.mode).toBe("sent");
    const row = await rowOf(created.referralId);
    expect(row.status).toBe("sent");
    expect(row.followUpOn).not.toBeNull();
    const [notice, ...more] = await mailsTo(INTAKE);
    expect(more).toHaveLength(0);
    expect(notice!.subject).toContain("Harbor Intake Only Clinic");
    expect(notice!.text).toContain("Needs: Asylum");
    expect(notice!.text).toContain("The person is detained");
    expect(notice!.text).toMatch(/https?:\/\/[^\s]+\/en\/orgs\/harbor-intake-only-clinic/);
    const text = await allMailText();
    for (const personal of [
      "Marisol",
      "Quispe",
      "917-555-0142",
      "marisol.q@example.net",
      "Peru",
      "2031-03-14",
    ]) {
      expect(text).not.toContain(personal);
    }
  });

  it("still notifies the editors of an organization that has them", async () => {
    const member = await insertOrganizationWithService(env().db, {
      name: "Member With Editors",
      intakeEmail: "also@member-with-editors.example",
    });
    const created = await createReferral(env().db, {
      actor: staff,
      serviceId: member.serviceId,
      referral: referralInput({ mode: "sent" }),
    });
    expect(created.mode).toBe("sent");
    expect((await rowOf(created.referralId)).followUpOn).toBeNull();
    const [org] = await env()
      .db.select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, member.organizationId));
    expect(org).toBeDefined();
    const rows = await env().db.select().from(mailOutbox);
    const portal = rows.filter((mail) =>
      mail.text.includes(`/portal/referrals/${created.referralId}`),
    );
    expect(portal).toHaveLength(1);
    expect(await mailsTo("also@member-with-editors.example")).toHaveLength(1);
  });

  it("staff set and clear an organization's intake email, and the form follows", async () => {
    const clinic = await insertOrganizationWithService(env().db, {
      name: "Sunset Park Phone Only Clinic",
      editor: false,
    });
    const reception = async () =>
      (await getReferableService(env().db, { actor: staff, serviceId: clinic.serviceId }))
        .reception;
    expect((await reception()).canReceive).toBe(false);
    await updateOrganizationAdministration(env().db, {
      actor: staff,
      organizationId: clinic.organizationId,
      changes: { intakeEmail: "intake@sunset-park.example" },
    });
    expect(await reception()).toMatchObject({
      canReceive: true,
      intakeEmail: "intake@sunset-park.example",
    });
    await updateOrganizationAdministration(env().db, {
      actor: staff,
      organizationId: clinic.organizationId,
      changes: { intakeEmail: null },
    });
    expect((await reception()).canReceive).toBe(false);
  });
});
