import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { authTokens, organizationMemberships, organizations, sessions, users } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { DomainError, forbidden, notFound } from "~/http/errors";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import { can, type Actor } from "./permissions";
import { type Role } from "#db/codes/accounts";
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from "./passwords.server";
import { endAllSessions, readSessionToken } from "./session-store.server";
import { hashToken } from "./tokens.server";
import { normalizeEmail } from "./throttle.server";

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalizeEmail(email)));
  return user;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

export type CreateUserResult =
  | { status: "created"; userId: string }
  | { status: "exists" }
  | { status: "weakPassword"; problem: PasswordProblem };

/**
 * Creates an account with a password that passes the policy, and makes it an editor of the
 * given organizations. For the command line, the seed and accepted invitations; staff invite
 * people instead of creating accounts for them.
 */
export async function createUser(
  db: DbOrTx,
  input: {
    email: string;
    name: string;
    role: Role;
    password: string;
    organizationIds?: readonly string[];
    /** Language of the person's emails; English when unknown (the command line). */
    locale?: Locale;
  },
): Promise<CreateUserResult> {
  const email = normalizeEmail(input.email);
  const problem = checkPasswordPolicy(input.password, { email, name: input.name });
  if (problem) return { status: "weakPassword", problem };
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash,
      locale: input.locale ?? DEFAULT_LOCALE,
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!created) return { status: "exists" };
  if (input.organizationIds?.length) {
    await db
      .insert(organizationMemberships)
      .values(
        input.organizationIds.map((organizationId) => ({ userId: created.id, organizationId })),
      )
      .onConflictDoNothing();
  }
  return { status: "created", userId: created.id };
}

export interface AccountSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
  organizations: { id: string; name: string; slug: string }[];
}

export interface PendingInvitation {
  id: string;
  email: string;
  organizationName: string;
  expiresAt: string;
}

export interface PeopleOverview {
  accounts: AccountSummary[];
  invitations: PendingInvitation[];
  /** Organizations an editor can be invited to. */
  organizations: { id: string; name: string }[];
}

/** Everything the staff "people" page shows; staff and admins only. */
export async function listPeople(db: DbOrTx, actor: Actor): Promise<PeopleOverview> {
  if (!can(actor, "read", "user")) throw forbidden();
  const [accountRows, membershipRows, invitationRows, organizationRows] = await Promise.all([
    db.select().from(users).orderBy(asc(users.name), asc(users.email)),
    db
      .select({
        userId: organizationMemberships.userId,
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
      })
      .from(organizationMemberships)
      .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
      .orderBy(asc(organizations.name)),
    db
      .select({
        id: authTokens.id,
        email: authTokens.email,
        organizationName: organizations.name,
        expiresAt: authTokens.expiresAt,
      })
      .from(authTokens)
      .innerJoin(organizations, eq(organizations.id, authTokens.organizationId))
      .where(
        and(
          eq(authTokens.purpose, "invitation"),
          isNull(authTokens.usedAt),
          gt(authTokens.expiresAt, sql`now()`),
        ),
      )
      .orderBy(asc(authTokens.expiresAt)),
    db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .orderBy(asc(organizations.name)),
  ]);
  return {
    accounts: accountRows.map((user) => ({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      disabled: user.disabledAt !== null,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      organizations: membershipRows
        .filter((row) => row.userId === user.id)
        .map(({ id, name, slug }) => ({ id, name, slug })),
    })),
    invitations: invitationRows.map((row) => ({
      ...row,
      expiresAt: row.expiresAt.toISOString(),
    })),
    organizations: organizationRows,
  };
}

/** Nobody changes their own role or disables themselves (400, shown next to their row). */
function notOnYourself(): DomainError {
  return new DomainError(400, "errors.notOnYourself", "accounts");
}

/**
 * Role changes are for admins only. Nobody changes their own role or disables themselves, so
 * the coalition always keeps at least one working admin account.
 */
export async function changeRole(
  db: DbOrTx,
  input: { actor: Actor; userId: string; role: Role },
): Promise<void> {
  const target = await findUserById(db, input.userId);
  if (!target) throw notFound();
  if (!can(input.actor, "manage", "user", { role: target.role })) throw forbidden();
  if (target.id === input.actor.userId) throw notOnYourself();
  await db.update(users).set({ role: input.role }).where(eq(users.id, target.id));
}

/** Disabling ends every session of the account at once; enabling lets it sign in again. */
export async function setAccountDisabled(
  db: DbOrTx,
  input: { actor: Actor; userId: string; disabled: boolean },
): Promise<void> {
  const target = await findUserById(db, input.userId);
  if (!target) throw notFound();
  if (!can(input.actor, "update", "user", { role: target.role })) throw forbidden();
  if (target.id === input.actor.userId) throw notOnYourself();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ disabledAt: input.disabled ? sql`now()` : null })
      .where(eq(users.id, target.id));
    if (input.disabled) await endAllSessions(tx, target.id);
  });
}

export interface AccountOverview {
  organizations: { name: string; slug: string }[];
  sessions: { current: boolean; device: string | null; createdAt: string; lastSeenAt: string }[];
}

/** The account page: the organizations this person edits and where they are signed in. */
export async function getAccountOverview(
  db: DbOrTx,
  actor: Actor,
  request: Request,
): Promise<AccountOverview> {
  const token = readSessionToken(request);
  const currentId = token ? hashToken(token) : undefined;
  const [organizationRows, sessionRows] = await Promise.all([
    db
      .select({ name: organizations.name, slug: organizations.slug })
      .from(organizationMemberships)
      .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
      .where(eq(organizationMemberships.userId, actor.userId))
      .orderBy(asc(organizations.name)),
    db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, actor.userId))
      .orderBy(desc(sessions.lastSeenAt)),
  ]);
  return {
    organizations: organizationRows,
    sessions: sessionRows.map((session) => ({
      current: session.id === currentId,
      device: session.userAgent,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
    })),
  };
}
