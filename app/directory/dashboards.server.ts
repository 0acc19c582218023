import { and, count, eq, inArray } from "drizzle-orm";
import { services } from "#db/schema";
import { can, type Actor } from "~/accounts/permissions";
import type { DbOrTx } from "~/db.server";
import {
  countPendingChangeSets,
  listRecentChangeSets,
  type ChangeSetSummary,
} from "./change-sets.server";
import { coalitionToday, isListingStale } from "~/coalition.server";
import { daysBetween } from "./dates";
import { listStaleListings, type StaleListing } from "./freshness.server";
import { listMyOrganizations, type OrganizationRow } from "./organization-editing.server";

export interface PortalOrganization extends OrganizationRow {
  stale: boolean;
  daysSinceConfirmed: number | null;
  activeServices: number;
}

export interface PortalDashboard {
  organizations: PortalOrganization[];
  changeSets: ChangeSetSummary[];
  /** Staff and admins edit every listing from /staff. */
  isCoalitionStaff: boolean;
}

/** An editor's organizations, how fresh each listing is, and what they proposed. */
export async function getPortalDashboard(
  db: DbOrTx,
  input: { actor: Actor; now?: Date },
): Promise<PortalDashboard> {
  const today = coalitionToday(input.now ?? new Date()).isoDate;
  const mine = (await listMyOrganizations(db, input.actor)).filter((organization) =>
    can(input.actor, "read", "organization", { organizationId: organization.id }),
  );
  const ids = mine.map((organization) => organization.id);
  const counts = ids.length
    ? await db
        .select({ organizationId: services.organizationId, value: count() })
        .from(services)
        .where(and(inArray(services.organizationId, ids), eq(services.status, "active")))
        .groupBy(services.organizationId)
    : [];
  const changeSets = await listRecentChangeSets(db, { actor: input.actor, organizationIds: ids });
  return {
    organizations: mine.map((organization) => ({
      ...organization,
      stale: isListingStale(organization.assuredDate, input.now),
      daysSinceConfirmed: organization.assuredDate
        ? daysBetween(organization.assuredDate, today)
        : null,
      activeServices: counts.find((c) => c.organizationId === organization.id)?.value ?? 0,
    })),
    changeSets,
    isCoalitionStaff: input.actor.role !== "org_editor",
  };
}

export interface StaffDashboard {
  pendingReviews: number;
  stale: StaleListing[];
}

export async function getStaffDashboard(
  db: DbOrTx,
  input: { actor: Actor; now?: Date },
): Promise<StaffDashboard> {
  const [pendingReviews, stale] = await Promise.all([
    countPendingChangeSets(db, { actor: input.actor }),
    listStaleListings(db, { actor: input.actor, now: input.now }),
  ]);
  return { pendingReviews, stale };
}
