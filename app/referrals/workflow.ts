/**
 * The referral workflow: statuses, who may move a referral from one to another, and the codes
 * stored for declines and outcomes. Pure and client-safe: the database constraints, the domain
 * functions and the buttons a page offers all read this one table.
 */

export const REFERRAL_MODES = ["sent", "logged"] as const;
export type ReferralMode = (typeof REFERRAL_MODES)[number];

export const REFERRAL_STATUSES = [
  "logged",
  "sent",
  "received",
  "accepted",
  "declined",
  "client_contacted",
  "unable_to_reach",
  "served",
  "closed",
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Statuses that end a referral: closed_at is set and the retention clock starts. */
export const FINAL_STATUSES = ["served", "closed"] as const satisfies readonly ReferralStatus[];
/** Statuses that put a referral back on the staff dashboard to find another service. */
export const NEEDS_NEW_MATCH_STATUSES = [
  "declined",
  "unable_to_reach",
] as const satisfies readonly ReferralStatus[];

export function isFinalStatus(status: ReferralStatus): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

export const DECLINE_REASONS = [
  "not_accepting_new_clients",
  "no_capacity",
  "outside_service_area",
  "not_eligible",
  "needs_different_service",
  "conflict_of_interest",
  "other",
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const CLOSE_OUTCOMES = [
  "served",
  "rematched",
  "no_longer_needed",
  "client_withdrew",
  "could_not_reach",
  "duplicate",
  "other",
  "inactive",
] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
/**
 * Outcomes someone may choose when closing (served has its own transition, rematched is set by
 * "refer to another", inactive by the retention job after REFERRAL_INACTIVE_DAYS).
 */
export const CHOOSABLE_CLOSE_OUTCOMES = CLOSE_OUTCOMES.filter(
  (outcome) => outcome !== "served" && outcome !== "rematched" && outcome !== "inactive",
);

/**
 * Who moves a referral: coalition staff, the receiving organization's editors, or the person
 * themselves from the slip link (no account).
 */
export type ReferralSide = "staff" | "organization" | "person";

const STAFF: ReferralSide[] = ["staff"];
const ORG_OR_STAFF: ReferralSide[] = ["organization", "staff"];
const ANYONE: ReferralSide[] = ["organization", "staff", "person"];
const PERSON: ReferralSide[] = ["person"];
const PERSON_OR_STAFF: ReferralSide[] = ["person", "staff"];

/** from → to → who may do it. Anything not listed is refused. */
export const TRANSITIONS: Record<
  ReferralStatus,
  Partial<Record<ReferralStatus, ReferralSide[]>>
> = {
  // Given by phone, never sent: only the person or staff can tell how it went.
  logged: { served: PERSON_OR_STAFF, unable_to_reach: PERSON_OR_STAFF, closed: STAFF },
  sent: {
    received: ORG_OR_STAFF,
    accepted: ORG_OR_STAFF,
    declined: ORG_OR_STAFF,
    unable_to_reach: PERSON,
    served: PERSON,
    closed: STAFF,
  },
  received: {
    accepted: ORG_OR_STAFF,
    declined: ORG_OR_STAFF,
    unable_to_reach: PERSON,
    served: PERSON,
    closed: STAFF,
  },
  accepted: {
    client_contacted: ORG_OR_STAFF,
    unable_to_reach: ANYONE,
    served: ANYONE,
    closed: ORG_OR_STAFF,
  },
  client_contacted: {
    served: ANYONE,
    unable_to_reach: PERSON,
    closed: ORG_OR_STAFF,
  },
  // Back on the staff dashboard; the organization may still reach the person later.
  unable_to_reach: {
    client_contacted: ORG_OR_STAFF,
    served: ANYONE,
    closed: STAFF,
  },
  // The person may still tell us they found help elsewhere.
  declined: { closed: STAFF, served: PERSON },
  served: {},
  closed: {},
};

export function canTransition(
  from: ReferralStatus,
  to: ReferralStatus,
  side: ReferralSide,
): boolean {
  return TRANSITIONS[from][to]?.includes(side) ?? false;
}

/** The statuses a side may move a referral to from where it is now, in workflow order. */
export function nextStatuses(from: ReferralStatus, side: ReferralSide): ReferralStatus[] {
  return REFERRAL_STATUSES.filter((to) => canTransition(from, to, side));
}
