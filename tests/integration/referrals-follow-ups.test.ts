import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { listFollowUpsDue } from "~/referrals/dashboard.server";
import { DomainError } from "~/http/errors";
import { serviceTranslations } from "#db/schema";
import { createReferral, getReferral, setFollowUp } from "~/referrals/referrals.server";
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
let org: Awaited<ReturnType<typeof insertOrganizationWithService>>;

beforeAll(async () => {
  org = await insertOrganizationWithService(env().db, { name: "Follow-up Legal Clinic" });
});

async function referWithFollowUp(followUpOn: string | null) {
  const { referralId } = await createReferral(env().db, {
    actor: staff,
    serviceId: org.serviceId,
    referral: referralInput({}),
  });
  await setFollowUp(env().db, { actor: staff, referralId, followUpOn });
  return referralId;
}

describe("the staff overview's follow-ups", () => {
  it("lists open referrals due today or overdue, oldest first, not future ones", async () => {
    const now = new Date("2031-03-10T15:00:00Z");
    const overdue = await referWithFollowUp("2031-03-01");
    const today = await referWithFollowUp("2031-03-10");
    const future = await referWithFollowUp("2031-03-20");
    const { items } = await listFollowUpsDue(env().db, { actor: staff, now });
    const ids = items.map((item) => item.id);
    expect(ids).toContain(overdue);
    expect(ids).toContain(today);
    expect(ids).not.toContain(future);
    expect(ids.indexOf(overdue)).toBeLessThan(ids.indexOf(today));
    expect(items.find((item) => item.id === overdue)).toMatchObject({
      overdue: true,
      organizationName: "Follow-up Legal Clinic",
    });
    expect(items.find((item) => item.id === today)?.overdue).toBe(false);
  });

  it("is for coalition staff only", async () => {
    const error = await listFollowUpsDue(env().db, { actor: editorOf(org.organizationId) }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
  });
});

describe("the referral page's service name", () => {
  it("is in the reader's interface language when the service is translated", async () => {
    await env()
      .db.insert(serviceTranslations)
      .values({ serviceId: org.serviceId, locale: "es", name: "Clínica legal de seguimiento" });
    const referralId = await referWithFollowUp(null);
    const inSpanish = await getReferral(env().db, { actor: staff, referralId, locale: "es" });
    expect(inSpanish.service.name).toBe("Clínica legal de seguimiento");
    const inKorean = await getReferral(env().db, { actor: staff, referralId, locale: "ko" });
    expect(inKorean.service.name).toBe("Follow-up Legal Clinic legal clinic");
  });
});
