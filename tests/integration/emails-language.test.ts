import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, users } from "#db/schema";
import { sendFreshnessReminders } from "~/directory/freshness.server";
import { notifyReceivingOrganization } from "~/referrals/notify.server";
import { action as loginAction } from "~/routes/($lang).login";
import { useTestEnvironment } from "../support/environment";
import { createAccount, createOrganization, editorOf, ensureTaxonomy } from "../support/factories";
import { callRoute, postForm } from "../support/routes";

const env = useTestEnvironment();
const NOW = new Date("2026-07-01T02:00:00Z");

beforeAll(async () => {
  await ensureTaxonomy(env().db);
});

async function editorReading(organizationId: string, locale: string) {
  const editor = await editorOf(env().db, organizationId);
  await env().db.update(users).set({ locale }).where(eq(users.id, editor.userId));
  return editor;
}

async function mailTo(address: string) {
  const rows = await env().db.select().from(mailOutbox).where(eq(mailOutbox.to, address));
  expect(rows, `mail to ${address}`).toHaveLength(1);
  return rows[0]!;
}

describe("freshness reminders", () => {
  it("reach each editor in the language they read, with a link in that language", async () => {
    const organization = await createOrganization(env().db, { assuredDate: "2025-01-10" });
    const korean = await editorReading(organization.id, "ko");
    const english = await editorReading(organization.id, "en");

    await sendFreshnessReminders(env().db, NOW);

    const ko = await mailTo(korean.email);
    expect(ko.subject).toBe(`Puente에 등록된 ${organization.name} 정보를 확인해 주세요`);
    expect(ko.text).toContain("등록 정보가 여전히 정확함을 확인합니다");
    expect(ko.text).toMatch(/https?:\/\/[^\s]+\/ko\/portal/);
    expect(ko.text).not.toContain("Confirm my listing");

    const en = await mailTo(english.email);
    expect(en.subject).toBe(`Please confirm the listing of ${organization.name} on Puente`);
    expect(en.text).toContain("Confirm my listing is still correct");
    // One language per message: no longer English and Spanish glued together.
    expect(en.text).not.toContain("Confirmar que mi ficha");
  });

  it("reach an organization without editors at its address, in the listing's language", async () => {
    const organization = await createOrganization(env().db, {
      assuredDate: null,
      originalLanguage: "bn",
    });

    await sendFreshnessReminders(env().db, NOW);

    const mail = await mailTo(organization.email!);
    expect(mail.text).toContain("কখনো না");
    expect(mail.text).toMatch(/\/bn\/portal/);
  });
});

describe("referral notices", () => {
  it("tell each editor in their language, category names and the detained note included", async () => {
    const organization = await createOrganization(env().db);
    const arabic = await editorReading(organization.id, "ar");
    const english = await editorReading(organization.id, "en");

    await notifyReceivingOrganization(env().db, {
      id: "00000000-0000-4000-8000-000000000001",
      organizationId: organization.id,
      organizationName: organization.name,
      serviceName: "Asylum clinic",
      needs: ["asylum"],
      detained: true,
    });

    const ar = await mailTo(arabic.email);
    expect(ar.subject).toBe(`إحالة جديدة إلى ${organization.name}`);
    expect(ar.text).toContain("الشخص محتجز");
    expect(ar.text).toContain("الاحتياجات: اللجوء");
    expect(ar.text).toContain("/ar/portal/referrals/00000000-0000-4000-8000-000000000001");
    const en = await mailTo(english.email);
    expect(en.text).toContain("The person is detained");
    expect(en.text).toContain("Needs: Asylum");
  });

  it("leave the detained note out when the person is not detained", async () => {
    const organization = await createOrganization(env().db);
    const editor = await editorReading(organization.id, "ko");
    await notifyReceivingOrganization(env().db, {
      id: "00000000-0000-4000-8000-000000000002",
      organizationId: organization.id,
      organizationName: organization.name,
      serviceName: "Clinic",
      needs: [],
      detained: false,
    });
    const mail = await mailTo(editor.email);
    expect(mail.text).toContain("연합에서");
    expect(mail.text).not.toContain("구금");
  });
});

describe("the language of a person's emails", () => {
  it("is the language they last signed in with", async () => {
    const organizationId = (await createOrganization(env().db, { name: "Language Test Org" })).id;
    const account = await createAccount(env().db, {
      email: "language.test@example.org",
      name: "Laila",
      organizationIds: [organizationId],
    });
    const outcome = await callRoute(
      loginAction,
      postForm("/ur/login", { email: account.email, password: account.password }),
      { params: { lang: "ur" }, clientAddress: "192.0.2.77" },
    );
    expect(outcome.status).toBe(302);
    const [row] = await env()
      .db.select({ locale: users.locale })
      .from(users)
      .where(inArray(users.email, [account.email.toLowerCase()]));
    expect(row?.locale).toBe("ur");
  });
});
