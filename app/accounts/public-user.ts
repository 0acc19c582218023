import type { Role } from "#db/codes/accounts";

/** What the browser learns about the signed-in person (root loader data): nothing secret. */
export interface PublicUser {
  name: string;
  email: string;
  role: Role;
  organizationCount: number;
}
