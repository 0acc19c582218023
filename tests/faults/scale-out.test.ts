import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshnessReminders, jobRuns, mailOutbox, searchOutbox } from "#db/schema";
import { SIGN_IN_POLICY } from "~/accounts/throttle.server";
import { createAccount } from "../support/factories";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { useTestEnvironment } from "../support/environment";
import {
  createLocation,
  createManyServices,
  createOrganization,
  seedTaxonomy,
} from "../support/factories";
import { indexDifferences, waitUntil } from "../support/search-consistency";

/*
 * Two app processes on the same PostgreSQL and Meilisearch, as behind a load balancer: what one
 * does, the other sees, and work that must happen once happens once.
 */
const env = useTestEnvironment();
let first: AppProcess;
let second: AppProcess;
let staleOrganizationId: string;

beforeAll(async () => {
  const { db, databaseUrl, indexPrefix } = env();
  await seedTaxonomy(db);
  // Not confirmed for more than a year: today's freshness-reminders run writes to it.
  const stale = await createOrganization(db, {
    name: "Unconfirmed Legal Clinic",
    email: "clinic@example.org",
    assuredDate: "2024-01-02",
  });
  staleOrganizationId = stale.id;
  const settings = {
    DATABASE_URL: databaseUrl,
    MEILI_HOST: inject("meiliHost"),
    MEILI_MASTER_KEY: inject("meiliMasterKey"),
    MEILI_INDEX_PREFIX: indexPrefix,
  };
  // At the same moment, as after a deploy: both run their start-up and their daily jobs.
  [first, second] = await Promise.all([startAppProcess(settings), startAppProcess(settings)]);
});

afterAll(async () => {
  await Promise.all([first?.kill(), second?.kill()]);
});

const form = (fields: Record<string, string>) => ({
  method: "POST",
  redirect: "manual" as const,
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    "sec-fetch-site": "same-origin",
  },
  body: new URLSearchParams(fields).toString(),
});

function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe("two app processes on one PostgreSQL and Meilisearch", () => {
  it("runs a daily job once", async () => {
    const { db } = env();
    await waitUntil(async () => {
      const [run] = await db.select().from(jobRuns).where(eq(jobRuns.job, "freshness-reminders"));
      return run?.finishedAt != null;
    }, 60_000);
    expect(
      await db.select().from(jobRuns).where(eq(jobRuns.job, "freshness-reminders")),
    ).toHaveLength(1);
    const reminders = await db
      .select()
      .from(freshnessReminders)
      .where(eq(freshnessReminders.organizationId, staleOrganizationId));
    expect(reminders).toHaveLength(1);
    expect(await db.select({ id: mailOutbox.id }).from(mailOutbox)).toHaveLength(1);
  });

  it("keeps a session made on one process on the other, and ends it on both", async () => {
    const { db } = env();
    const organization = await createOrganization(db, { name: "Sunset Park Legal" });
    const account = await createAccount(db, { organizationIds: [organization.id] });

    const signedIn = await fetch(
      `${first.base}/en/login`,
      form({ email: account.email, password: account.password }),
    );
    expect(signedIn.status).toBe(302);
    const cookie = cookieHeader(signedIn);
    expect(cookie).not.toBe("");

    const elsewhere = await fetch(`${second.base}/en/account`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.text()).toContain(account.email);

    const signedOut = await fetch(`${second.base}/en/logout`, {
      ...form({}),
      headers: { ...form({}).headers, cookie },
    });
    expect(signedOut.status).toBe(302);
    const after = await fetch(`${first.base}/en/account`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/\/login/);
  });

  it("counts failed sign-ins on both processes towards one lockout", async () => {
    const { db } = env();
    const account = await createAccount(db);
    const { limit } = SIGN_IN_POLICY.pair; // one address (loopback) for both processes
    for (let attempt = 0; attempt < limit; attempt++) {
      const server = attempt % 2 === 0 ? first : second;
      const failed = await fetch(
        `${server.base}/en/login`,
        form({ email: account.email, password: "not-the-right-password" }),
      );
      expect(failed.status).toBe(400);
    }
    // Neither process saw `limit` failures by itself; together they did.
    for (const server of [first, second]) {
      const locked = await fetch(
        `${server.base}/en/login`,
        form({ email: account.email, password: account.password }),
      );
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("drains the search outbox once: every change indexed, none twice", async () => {
    const { db, meili, indexPrefix } = env();
    const indexName = `${indexPrefix}services`;
    const organization = await createOrganization(db, { name: "Queens Immigrant Defense" });
    const location = await createLocation(db, { organizationId: organization.id });
    await waitUntil(async () => (await db.select().from(searchOutbox)).length === 0, 60_000);
    const { results: before } = await meili.tasks.getTasks({ indexUids: [indexName], limit: 1 });
    const since = before[0]?.uid ?? -1;

    // 600 new services in one transaction: three batches of outbox rows for both workers at once.
    const count = 600;
    await createManyServices(db, {
      organizationId: organization.id,
      locationId: location.id,
      names: Array.from({ length: count }, (_, i) => `Removal Defense Clinic ${i}`),
    });

    await waitUntil(
      async () => (await db.select().from(searchOutbox)).length === 0,
      120_000,
      async () => `${(await db.select().from(searchOutbox)).length} rows left`,
    );
    expect(await indexDifferences(db, meili, indexName)).toEqual([]);

    // Every document sent exactly once: the documents Meilisearch received add up to 600.
    await meili.tasks.waitForTasks(
      (await meili.tasks.getTasks({ indexUids: [indexName], limit: 1000 })).results
        .filter((task) => task.uid > since)
        .map((task) => task.uid),
      { timeout: 30_000 },
    );
    const { results: tasks } = await meili.tasks.getTasks({
      indexUids: [indexName],
      types: ["documentAdditionOrUpdate"],
      limit: 1000,
    });
    const received = tasks
      .filter((task) => task.uid > since)
      .reduce((sum, task) => sum + Number(task.details?.receivedDocuments ?? 0), 0);
    expect(received).toBe(count);
    const [failed] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(searchOutbox)
      .where(and(gt(searchOutbox.attempts, 0)));
    expect(failed!.n).toBe(0);
    expect(first.exited() || second.exited()).toBe(false);
  });
});
