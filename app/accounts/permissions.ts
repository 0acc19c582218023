/**
 * Who may do what: the one place that decides. Pure (no I/O), so the server uses it to refuse
 * (403/404) and the interface uses it to hide. Ids from URLs or forms are never trusted: the
 * target's organizationId must come from the database row being acted on.
 */
import type { Role } from "#db/codes/accounts";

export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Organizations this account edits (org_editor); staff and admins reach all. */
  organizationIds: readonly string[];
}

export type Action = "read" | "create" | "update" | "archive" | "review" | "manage";
export type Resource =
  | "organization"
  | "service"
  | "location"
  | "changeSet"
  | "referral"
  | "auditLog"
  | "user"
  | "report";

/** What an action is about, read from the database row being acted on. */
export interface Target {
  /** The organization that owns it. */
  organizationId?: string | null;
  /** For resource "user": the role of the account acted on. */
  role?: Role;
}

/** Coalition staff (staff or admin): they reach every organization and every referral. */
export function isCoalitionStaff(actor: Pick<Actor, "role">): boolean {
  return actor.role === "admin" || actor.role === "staff";
}

function editsOrganization(actor: Actor, target: Target | undefined): boolean {
  return !!target?.organizationId && actor.organizationIds.includes(target.organizationId);
}

export function can(
  actor: Actor | null | undefined,
  action: Action,
  resource: Resource,
  target?: Target,
): boolean {
  if (!actor) return false;
  if (actor.role === "admin") return true;
  switch (resource) {
    case "user":
      // Staff invite editors to organizations and disable or re-enable editors' accounts;
      // only admins touch staff and admin accounts or change roles ("manage").
      if (actor.role !== "staff") return false;
      if (action === "read" || action === "create") return true;
      return action === "update" && target?.role === "org_editor";
    case "auditLog":
    case "report":
      return isCoalitionStaff(actor) && action === "read";
    case "changeSet":
      if (action === "review") return isCoalitionStaff(actor);
      return isCoalitionStaff(actor) || editsOrganization(actor, target);
    case "organization":
      if (isCoalitionStaff(actor)) return true;
      // Editors keep their own listing true, but do not create or archive member organizations.
      return (action === "read" || action === "update") && editsOrganization(actor, target);
    case "service":
    case "location":
      if (isCoalitionStaff(actor)) return true;
      return action !== "review" && action !== "manage" && editsOrganization(actor, target);
    case "referral":
      // The receiving organization's editors read and update referrals sent to them.
      if (isCoalitionStaff(actor)) return action !== "manage";
      return (action === "read" || action === "update") && editsOrganization(actor, target);
  }
}
