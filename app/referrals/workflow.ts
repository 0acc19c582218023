/**
 * The referral workflow: statuses, who may move a referral from one to another, and the codes
 * stored for declines and outcomes (the codes themselves are in db/codes/referrals.ts). Pure
 * and client-safe: the domain functions and the buttons a page offers all read this one table.
 */
import { CLOSE_OUTCOMES, REFERRAL_STATUSES, type ReferralStatus } from "#db/codes/referrals";

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
