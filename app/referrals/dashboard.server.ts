import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNull,
  lt,
  lte,
  notInArray,
  sql,
  type SQL,
} from "drizzle-orm";
import { organizations, referrals, services } from "#db/schema";
import { can, type Actor } from "~/accounts/permissions";
import type { DbOrTx } from "~/db.server";
import { coalition, coalitionToday } from "~/coalition.server";
import { DomainError } from "~/http/errors";
import { erasureDate, erasureDue, retentionPolicy, type RetentionPolicy } from "./retention.server";
import type { DashboardFilters, InboxFilters } from "./forms";
import { NEEDS_NEW_MATCH_STATUSES } from "~/referrals/workflow";
import { type ReferralMode, type ReferralStatus } from "#db/codes/referrals";

/**
 * Lists for the staff dashboard and the organizations' inboxes. They carry no personal data
 * (nothing is decrypted here): people's details are read, and audited, one referral at a time.
 */
export interface ReferralListItem {
  id: string;
  createdAt: string;
  status: ReferralStatus;
  mode: ReferralMode;
  serviceName: string;
  organizationId: string;
  organizationName: string;
  needs: string[];
  preferredLanguage: string;
  county: string | null;
  detained: boolean;
  hasCourtDate: boolean;
  hasDeadline: boolean;
  followUpOn: string | null;
  overdue: boolean;
  /**
   * When the person's details will be erased (YYYY-MM-DD): for an open referral, if nothing
   * happens before it is closed for inactivity. Null once erased.
   */
  erasesOn: string | null;
}

const LIST_LIMIT = 200;

/** The "erased soon" view: referrals whose personal data goes within this many days. */
export const ERASING_SOON_DAYS = 14;

const listColumns = (policy: RetentionPolicy) => ({
  id: referrals.id,
  createdAt: referrals.createdAt,
  status: referrals.status,
  mode: referrals.mode,
  serviceName: services.name,
  organizationId: referrals.organizationId,
  organizationName: organizations.name,
  needs: referrals.needs,
  preferredLanguage: referrals.preferredLanguage,
  county: referrals.county,
  detained: referrals.detained,
  hasCourtDate: referrals.hasCourtDate,
  hasDeadline: referrals.hasDeadline,
  followUpOn: referrals.followUpOn,
  closedAt: referrals.closedAt,
  erasesOn: erasureDate(policy),
});

type ListRow = Omit<ReferralListItem, "createdAt" | "overdue" | "erasesOn"> & {
  erasesOn: string | null;
  createdAt: Date;
  closedAt: Date | null;
};

function toItem(row: ListRow, today: string): ReferralListItem {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    status: row.status,
    mode: row.mode,
    serviceName: row.serviceName,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    needs: row.needs,
    preferredLanguage: row.preferredLanguage,
    county: row.county,
    detained: row.detained,
    hasCourtDate: row.hasCourtDate,
    hasDeadline: row.hasDeadline,
    followUpOn: row.followUpOn,
    overdue: !row.closedAt && !!row.followUpOn && row.followUpOn < today,
    erasesOn: row.erasesOn,
  };
}

/** created_at on or after the start of `from` and before the end of `to`, in the coalition's zone. */
export function createdBetween(from: string | undefined, to: string | undefined): SQL[] {
  const zone = coalition().timeZone;
  const conditions: SQL[] = [];
  if (from) {
    conditions.push(sql`${referrals.createdAt} >= (${from}::date)::timestamp AT TIME ZONE ${zone}`);
  }
  if (to) {
    conditions.push(
      sql`${referrals.createdAt} < ((${to}::date + 1)::timestamp AT TIME ZONE ${zone})`,
    );
  }
  return conditions;
}

export interface StaffDashboard {
  items: ReferralListItem[];
  truncated: boolean;
  counts: { open: number; overdue: number; needsMatch: number; erasingSoon: number };
  organizations: { id: string; name: string }[];
  today: string;
  /** REFERRAL_INACTIVE_DAYS and REFERRAL_RETENTION_DAYS, to explain the erasure dates. */
  policy: RetentionPolicy;
}

/** The coalition staff's view of every referral: open, past follow-up, needing a new match. */
export async function listStaffReferrals(
  db: DbOrTx,
  options: { actor: Actor; filters: DashboardFilters; now?: Date },
): Promise<StaffDashboard> {
  // No target: reading any organization's referrals is for coalition staff only.
  if (!can(options.actor, "read", "referral"))
    throw new DomainError(403, "errors.forbidden", "referrals");
  const { filters } = options;
  const now = options.now ?? new Date();
  const today = coalitionToday(now).isoDate;
  const policy = retentionPolicy();
  const soon = new Date(now.getTime() + ERASING_SOON_DAYS * 86_400_000);
  const erasingSoon = sql`${erasureDue(policy)} < ${soon.toISOString()}::timestamptz`;

  const conditions: SQL[] = [];
  if (filters.view === "open") conditions.push(isNull(referrals.closedAt));
  if (filters.view === "overdue") {
    conditions.push(isNull(referrals.closedAt), lt(referrals.followUpOn, today));
  }
  if (filters.view === "needs_match") {
    conditions.push(inArray(referrals.status, [...NEEDS_NEW_MATCH_STATUSES]));
  }
  if (filters.view === "erasing_soon") conditions.push(erasingSoon);
  if (filters.status) conditions.push(eq(referrals.status, filters.status));
  if (filters.category) {
    conditions.push(sql`${referrals.needs} @> ARRAY[${filters.category}]::text[]`);
  }
  if (filters.county) conditions.push(eq(referrals.county, filters.county));
  if (filters.language) conditions.push(eq(referrals.preferredLanguage, filters.language));
  if (filters.organization) conditions.push(eq(referrals.organizationId, filters.organization));
  conditions.push(...createdBetween(filters.from, filters.to));

  const rows = await db
    .select(listColumns(policy))
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organizations, eq(organizations.id, referrals.organizationId))
    .where(and(...conditions))
    .orderBy(
      ...(filters.view === "overdue"
        ? [asc(referrals.followUpOn), asc(referrals.createdAt)]
        : filters.view === "erasing_soon"
          ? [asc(erasureDue(policy)), asc(referrals.createdAt)]
          : [desc(referrals.createdAt)]),
    )
    .limit(LIST_LIMIT + 1);

  const [counts] = await db
    .select({
      open: sql<number>`count(*) FILTER (WHERE ${referrals.closedAt} IS NULL)`.mapWith(Number),
      overdue:
        sql<number>`count(*) FILTER (WHERE ${referrals.closedAt} IS NULL AND ${referrals.followUpOn} < ${today})`.mapWith(
          Number,
        ),
      needsMatch:
        sql<number>`count(*) FILTER (WHERE ${inArray(referrals.status, [...NEEDS_NEW_MATCH_STATUSES])})`.mapWith(
          Number,
        ),
      erasingSoon: sql<number>`count(*) FILTER (WHERE ${erasingSoon})`.mapWith(Number),
    })
    .from(referrals);

  const referredOrganizations = await db
    .selectDistinct({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .innerJoin(referrals, eq(referrals.organizationId, organizations.id))
    .orderBy(asc(organizations.name));

  return {
    items: rows.slice(0, LIST_LIMIT).map((row) => toItem(row, today)),
    truncated: rows.length > LIST_LIMIT,
    counts: counts ?? { open: 0, overdue: 0, needsMatch: 0, erasingSoon: 0 },
    organizations: referredOrganizations,
    today,
    policy,
  };
}

/** How many follow-ups the staff overview lists (the rest: the "past follow-up" view). */
export const FOLLOW_UPS_SHOWN = 20;

/**
 * Open referrals whose follow-up date is today or past, oldest first: what the referral form
 * promises ("appears on the staff dashboard"). Coalition staff only; no personal data.
 */
export async function listFollowUpsDue(
  db: DbOrTx,
  options: { actor: Actor; now?: Date },
): Promise<{ items: ReferralListItem[]; truncated: boolean; today: string }> {
  if (!can(options.actor, "read", "referral"))
    throw new DomainError(403, "errors.forbidden", "referrals");
  const today = coalitionToday(options.now ?? new Date()).isoDate;
  const rows = await db
    .select(listColumns(retentionPolicy()))
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organizations, eq(organizations.id, referrals.organizationId))
    .where(and(isNull(referrals.closedAt), lte(referrals.followUpOn, today)))
    .orderBy(asc(referrals.followUpOn), asc(referrals.createdAt))
    .limit(FOLLOW_UPS_SHOWN + 1);
  return {
    items: rows.slice(0, FOLLOW_UPS_SHOWN).map((row) => toItem(row, today)),
    truncated: rows.length > FOLLOW_UPS_SHOWN,
    today,
  };
}

const INBOX_OPEN: ReferralStatus[] = [
  "sent",
  "received",
  "accepted",
  "client_contacted",
  "unable_to_reach",
];

/** A member organization's inbox: referrals sent to the organizations this editor edits. */
export async function listInbox(
  db: DbOrTx,
  options: { actor: Actor; filters: InboxFilters; now?: Date },
): Promise<{ items: ReferralListItem[]; truncated: boolean; newCount: number }> {
  const organizationIds = options.actor.organizationIds.filter((organizationId) =>
    can(options.actor, "read", "referral", { organizationId }),
  );
  const today = coalitionToday(options.now ?? new Date()).isoDate;
  if (organizationIds.length === 0) return { items: [], truncated: false, newCount: 0 };

  const conditions: SQL[] = [
    inArray(referrals.organizationId, organizationIds),
    eq(referrals.mode, "sent"),
  ];
  if (options.filters.view === "open") conditions.push(inArray(referrals.status, INBOX_OPEN));
  if (options.filters.view === "closed") {
    conditions.push(notInArray(referrals.status, INBOX_OPEN));
  }
  const rows = await db
    .select(listColumns(retentionPolicy()))
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organizations, eq(organizations.id, referrals.organizationId))
    .where(and(...conditions))
    .orderBy(desc(referrals.detained), desc(referrals.createdAt))
    .limit(LIST_LIMIT + 1);
  const [fresh] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(referrals)
    .where(
      and(
        inArray(referrals.organizationId, organizationIds),
        eq(referrals.mode, "sent"),
        eq(referrals.status, "sent"),
      ),
    );
  return {
    items: rows.slice(0, LIST_LIMIT).map((row) => toItem(row, today)),
    truncated: rows.length > LIST_LIMIT,
    newCount: fresh?.count ?? 0,
  };
}
