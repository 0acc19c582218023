import type { Actor } from "~/accounts/permissions";

/**
 * Who the command-line import acts as: the system (audit entries without a user, like the
 * scheduled jobs'), with an admin's reach. /staff/import acts as the signed-in staff member.
 */
export const COMMAND_LINE_ACTOR: Actor = {
  userId: null as unknown as string,
  email: null as unknown as string,
  name: "npm run hsds:import",
  role: "admin",
  organizationIds: [],
};
