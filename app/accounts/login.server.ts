import { eq, sql } from "drizzle-orm";
import { users } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import type { Locale } from "~/i18n/locales";
import type { Actor } from "~/accounts/permissions";
import type { Role } from "#db/codes/accounts";
import {
  checkPasswordPolicy,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
  type PasswordProblem,
} from "./passwords.server";
import {
  clearSessionCookie,
  endAllSessions,
  endSession,
  startSession,
} from "./session-store.server";
import { warnOwnerOfFailedSignIns } from "./sign-in-warning.server";
import { checkSignInThrottle, recordAttempt, SIGN_IN_POLICY } from "./throttle.server";
import { findUserByEmail, findUserById } from "./users.server";

export type SignInResult =
  | { status: "ok"; setCookie: string; role: Role }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * Email + password sign-in. An unknown email, a wrong password and a disabled account all
 * give the same answer after the same amount of work (a dummy hash is verified when there is
 * no account). While the throttle asks for a wait (an address or an (account, address) pair
 * is blocked, or the account's growing delay has not passed), the password is not checked
 * and the answer is 429 with the wait. Once an account has had several failures, its owner
 * is told by email (see sign-in-warning.server.ts).
 */
export async function signIn(
  db: DbOrTx,
  input: {
    email: string;
    password: string;
    request: Request;
    clientAddress: string;
    /** The language of the sign-in page, remembered for the person's emails. */
    locale?: Locale;
  },
): Promise<SignInResult> {
  const key = { kind: "login" as const, email: input.email, ipAddress: input.clientAddress };
  const throttle = await checkSignInThrottle(db, key);
  if (throttle.blocked)
    return { status: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  const user = await findUserByEmail(db, input.email);
  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !passwordMatches || user.disabledAt) {
    await recordAttempt(db, { ...key, succeeded: false });
    const failures = throttle.accountFailures + 1;
    if (user && failures >= SIGN_IN_POLICY.account.freeFailures) {
      await warnOwnerOfFailedSignIns(db, user, failures);
    }
    return { status: "invalid" };
  }
  await recordAttempt(db, { ...key, succeeded: true });
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()`, ...(input.locale ? { locale: input.locale } : {}) })
    .where(eq(users.id, user.id));
  const setCookie = await startSession(db, { userId: user.id, request: input.request });
  return { status: "ok", setCookie, role: user.role };
}

/** Logout. Returns the Set-Cookie header that clears the cookie. */
export function signOut(db: DbOrTx, request: Request): Promise<string> {
  return endSession(db, request);
}

/** Ends every session of the account, this one included. Returns the clearing Set-Cookie. */
export async function signOutEverywhere(db: DbOrTx, actor: Actor): Promise<string> {
  await endAllSessions(db, actor.userId);
  return clearSessionCookie();
}

export type ChangePasswordResult =
  | { status: "ok"; setCookie: string }
  | { status: "wrongPassword" }
  | { status: "weakPassword"; problem: PasswordProblem }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * Changes the signed-in person's password after checking the current one (a wrong current
 * password counts as a failed sign-in). Every other session ends; this browser gets a new one.
 */
export async function changePassword(
  db: DbOrTx,
  input: {
    actor: Actor;
    currentPassword: string;
    newPassword: string;
    request: Request;
    clientAddress: string;
  },
): Promise<ChangePasswordResult> {
  const key = { kind: "login" as const, email: input.actor.email, ipAddress: input.clientAddress };
  const throttle = await checkSignInThrottle(db, key);
  if (throttle.blocked)
    return { status: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  const user = await findUserById(db, input.actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAttempt(db, { ...key, succeeded: false });
    return { status: "wrongPassword" };
  }
  const problem = checkPasswordPolicy(input.newPassword, { email: user.email, name: user.name });
  if (problem) return { status: "weakPassword", problem };
  const passwordHash = await hashPassword(input.newPassword);
  const setCookie = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: sql`now()` })
      .where(eq(users.id, user.id));
    await endAllSessions(tx, user.id);
    return startSession(tx, { userId: user.id, request: input.request });
  });
  return { status: "ok", setCookie };
}
