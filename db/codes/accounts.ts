/** Roles of accounts (users.role). What each may do is app/accounts/permissions.ts. */
export const ROLES = ["admin", "staff", "org_editor"] as const;
export type Role = (typeof ROLES)[number];
