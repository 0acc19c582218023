/**
 * Codes of the referral workflow stored in the database (checked by constraints): how a
 * referral was made, its statuses, why it was declined, how it was closed. Who may move a
 * referral between statuses is app/referrals/workflow.ts.
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
