import { describe, expect, it } from "vitest";
import { can, type Action, type Actor, type Resource } from "~/accounts/permissions";
import { ROLES, type Role } from "#db/codes/accounts";

/**
 * The permission matrix, written out: role × resource × action × whose organization. Every
 * combination not listed is refused. Editors reach only their own organizations; an id in a
 * form is never the target, the organization read from the database is.
 */
const ACTIONS: Action[] = ["read", "create", "update", "archive", "review", "manage"];
const RESOURCES: Resource[] = [
  "organization",
  "service",
  "location",
  "changeSet",
  "referral",
  "auditLog",
  "user",
  "report",
];
const ALL = ACTIONS;
const NONE: Action[] = [];

type Allowed = { own: Action[]; other: Action[] };
const both = (actions: Action[]): Allowed => ({ own: actions, other: actions });

const EXPECTED: Record<Role, Record<Resource, Allowed>> = {
  admin: Object.fromEntries(RESOURCES.map((resource) => [resource, both(ALL)])) as Record<
    Resource,
    Allowed
  >,
  staff: {
    organization: both(ALL),
    service: both(ALL),
    location: both(ALL),
    changeSet: both(ALL),
    referral: both(["read", "create", "update", "archive", "review"]),
    auditLog: both(["read"]),
    report: both(["read"]),
    // Without a target role: reading the list and inviting; see the account rules below.
    user: both(["read", "create"]),
  },
  org_editor: {
    organization: { own: ["read", "update"], other: NONE },
    service: { own: ["read", "create", "update", "archive"], other: NONE },
    location: { own: ["read", "create", "update", "archive"], other: NONE },
    changeSet: { own: ["read", "create", "update", "archive", "manage"], other: NONE },
    referral: { own: ["read", "update"], other: NONE },
    auditLog: both(NONE),
    report: both(NONE),
    user: both(NONE),
  },
};

const OWN = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

function actor(role: Role): Actor {
  return {
    userId: `user-${role}`,
    email: `${role}@example.org`,
    name: role,
    role,
    organizationIds: role === "org_editor" ? [OWN] : [],
  };
}

const cases = ROLES.flatMap((role) =>
  RESOURCES.flatMap((resource) =>
    ACTIONS.flatMap((action) =>
      (["own", "other"] as const).map((whose) => ({
        role,
        resource,
        action,
        whose,
        allowed: EXPECTED[role][resource][whose].includes(action),
      })),
    ),
  ),
);

describe("permission matrix", () => {
  it.each(cases)(
    "$role $action $resource of $whose organization → $allowed",
    ({ role, resource, action, whose, allowed }) => {
      const target = { organizationId: whose === "own" ? OWN : OTHER };
      expect(can(actor(role), action, resource, target)).toBe(allowed);
    },
  );

  it("refuses everything to nobody", () => {
    for (const resource of RESOURCES) {
      for (const action of ACTIONS) {
        expect(can(null, action, resource, { organizationId: OWN })).toBe(false);
        expect(can(undefined, action, resource)).toBe(false);
      }
    }
  });

  it("gives editors nothing org-scoped without an organization to check", () => {
    for (const resource of RESOURCES) {
      for (const action of ACTIONS) {
        expect(can(actor("org_editor"), action, resource)).toBe(false);
        expect(can(actor("org_editor"), action, resource, { organizationId: null })).toBe(false);
      }
    }
  });

  it("lets an editor of several organizations reach each of them", () => {
    const editor = { ...actor("org_editor"), organizationIds: [OWN, OTHER] };
    expect(can(editor, "update", "service", { organizationId: OWN })).toBe(true);
    expect(can(editor, "update", "service", { organizationId: OTHER })).toBe(true);
    expect(can(editor, "update", "service", { organizationId: "3" })).toBe(false);
  });

  const accountCases: Array<[Role, Action, Role, boolean]> = [
    // [actor role, action, role of the account acted on, allowed]
    ["admin", "update", "admin", true],
    ["admin", "manage", "staff", true],
    ["admin", "manage", "org_editor", true],
    ["staff", "update", "org_editor", true],
    ["staff", "update", "staff", false],
    ["staff", "update", "admin", false],
    ["staff", "manage", "org_editor", false],
    ["staff", "archive", "org_editor", false],
    ["org_editor", "update", "org_editor", false],
    ["org_editor", "read", "org_editor", false],
  ];
  it.each(accountCases)("%s may %s a %s account: %s", (role, action, targetRole, allowed) => {
    expect(can(actor(role), action, "user", { role: targetRole })).toBe(allowed);
  });
});
