import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "~/http/errors";
import { createReferral, transitionReferral } from "~/referrals/referrals.server";
import { purgeExpiredPersonalData } from "~/referrals/retention.server";
import { getReferralReport, reportToCsv, type ReferralReport } from "~/referrals/reports.server";
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
const DAY = 86_400_000;
let orgA: Awaited<ReturnType<typeof insertOrganizationWithService>>;
let orgB: Awaited<ReturnType<typeof insertOrganizationWithService>>;

/**
 * May 2025, New York time. Five referrals in the period, two just outside it:
 *   R1 asylum / es / Queens / A, accepted after 2 days, served after 10
 *   R2 asylum+daca / es / Bronx / A, accepted after 4 days, closed (client withdrew) after 20
 *   R3 daca / ht / no county / B, declined (no capacity)
 *   R4 naturalization / en / Queens / B, logged by phone, served after 6 days
 *   R5 tps / es / Brooklyn / A, still open; made May 31 at 23:30 in New York (June 1 in UTC)
 */
beforeAll(async () => {
  const db = env().db;
  orgA = await insertOrganizationWithService(db, { name: "Astoria Legal Aid", slug: "astoria" });
  orgB = await insertOrganizationWithService(db, { name: "=Bronx Legal", slug: "bronx" });
  const editorA = editorOf(orgA.organizationId);
  const editorB = editorOf(orgB.organizationId);

  const make = async (
    serviceId: string,
    createdAt: string,
    overrides: Parameters<typeof referralInput>[0],
  ) => {
    const now = new Date(createdAt);
    const { referralId } = await createReferral(db, {
      actor: staff,
      serviceId,
      referral: referralInput(overrides),
      now,
    });
    return { referralId, at: (days: number) => new Date(now.getTime() + days * DAY) };
  };

  const r1 = await make(orgA.serviceId, "2025-05-01T14:00:00Z", {
    needs: ["asylum"],
    preferredLanguage: "es",
    county: "36081",
  });
  await transitionReferral(db, { actor: editorA, ...r1, to: "accepted", now: r1.at(2) });
  await transitionReferral(db, { actor: editorA, ...r1, to: "served", now: r1.at(10) });

  const r2 = await make(orgA.serviceId, "2025-05-02T14:00:00Z", {
    needs: ["asylum", "daca"],
    preferredLanguage: "es",
    county: "36005",
  });
  await transitionReferral(db, { actor: editorA, ...r2, to: "accepted", now: r2.at(4) });
  await transitionReferral(db, {
    actor: editorA,
    ...r2,
    to: "closed",
    outcome: "client_withdrew",
    now: r2.at(20),
  });

  const r3 = await make(orgB.serviceId, "2025-05-10T14:00:00Z", {
    needs: ["daca"],
    preferredLanguage: "ht",
    county: undefined,
  });
  await transitionReferral(db, {
    actor: editorB,
    ...r3,
    to: "declined",
    declineReason: "no_capacity",
    now: r3.at(1),
  });

  const r4 = await make(orgB.serviceId, "2025-05-20T14:00:00Z", {
    mode: "logged",
    needs: ["naturalization"],
    preferredLanguage: "en",
    county: "36081",
  });
  await transitionReferral(db, { actor: staff, ...r4, to: "served", now: r4.at(6) });

  await make(orgA.serviceId, "2025-06-01T03:30:00Z", {
    needs: ["tps"],
    preferredLanguage: "es",
    county: "36047",
  });
  // Outside May in New York: April 30, and June 1 at 00:30.
  await make(orgA.serviceId, "2025-04-30T12:00:00Z", { needs: ["foia"] });
  await make(orgB.serviceId, "2025-06-01T04:30:00Z", { needs: ["foia"] });
});

async function mayReport(): Promise<ReferralReport> {
  return getReferralReport(env().db, { actor: staff, from: "2025-05-01", to: "2025-05-31" });
}

describe("referral reports", () => {
  it("counts the period's referrals by mode, category, county, language, organization and outcome", async () => {
    const report = await mayReport();
    expect(report.period).toEqual({ from: "2025-05-01", to: "2025-05-31" });
    expect(report.total).toBe(5);
    expect(report.byMode).toEqual([
      { code: "sent", count: 4 },
      { code: "logged", count: 1 },
    ]);
    expect(report.byCategory).toEqual([
      { code: "asylum", count: 2 },
      { code: "daca", count: 2 },
      { code: "naturalization", count: 1 },
      { code: "tps", count: 1 },
    ]);
    expect(report.byCounty).toEqual([
      { code: "36081", count: 2 },
      { code: "36005", count: 1 },
      { code: "36047", count: 1 },
      { code: null, count: 1 },
    ]);
    expect(report.byLanguage).toEqual([
      { code: "es", count: 3 },
      { code: "en", count: 1 },
      { code: "ht", count: 1 },
    ]);
    expect(report.byOrganization).toEqual([
      { code: orgA.organizationId, name: "Astoria Legal Aid", count: 3 },
      { code: orgB.organizationId, name: "=Bronx Legal", count: 2 },
    ]);
    expect(report.byOutcome).toEqual([
      { code: "served", count: 2 },
      { code: "client_withdrew", count: 1 },
    ]);
    expect(report.byDeclineReason).toEqual([{ code: "no_capacity", count: 1 }]);
    expect(report.byStatus).toEqual([
      { code: "served", count: 2 },
      { code: "sent", count: 1 },
      { code: "declined", count: 1 },
      { code: "closed", count: 1 },
    ]);
  });

  it("gives the median days to acceptance and to close", async () => {
    const report = await mayReport();
    expect(report.medianDaysToAcceptance).toBe(3); // 2 and 4 days
    expect(report.medianDaysToClose).toBe(10); // 6, 10 and 20 days
  });

  it("does not change when personal data is purged", async () => {
    const before = await mayReport();
    const purged = await purgeExpiredPersonalData(env().db, new Date("2026-01-01T00:00:00Z"), 90);
    expect(purged.referrals).toBe(3);
    expect(await mayReport()).toEqual(before);
  });

  it("is empty for a period without referrals", async () => {
    const report = await getReferralReport(env().db, {
      actor: staff,
      from: "2024-01-01",
      to: "2024-01-31",
    });
    expect(report).toMatchObject({
      total: 0,
      byCategory: [],
      medianDaysToAcceptance: null,
      medianDaysToClose: null,
    });
  });

  it("is for coalition staff only", async () => {
    const error = await getReferralReport(env().db, {
      actor: editorOf(orgA.organizationId),
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(403);
  });

  it("exports CSV with codes, labels and counts, safe from spreadsheet formulas, without personal data", async () => {
    const csv = reportToCsv(await mayReport(), {
      header: ["section", "code", "label", "count"],
      label: (section, code) => `${section}:${code}`,
    });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("section,code,label,count");
    expect(lines).toContain("summary:section,total,summary:total,5");
    expect(lines).toContain("summary:section,median_days_to_close,summary:median_days_to_close,10");
    expect(lines).toContain("category:section,asylum,category:asylum,2");
    expect(lines).toContain("county:section,,county:null,1");
    expect(lines).toContain(`organization:section,${orgB.organizationId},'=Bronx Legal,2`);
    expect(csv).not.toContain("Marisol");
    expect(csv).not.toContain("917-555-0142");
  });
});
