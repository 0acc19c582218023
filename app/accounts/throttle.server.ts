import { and, eq, lt, sql } from "drizzle-orm";
import { loginAttempts, type AttemptKind } from "#db/schema";
import type { DbOrTx } from "~/db.server";

/**
 * Throttling of password guesses and reset requests, counted in Postgres so that it holds
 * across app processes and restarts. Two keys are checked independently: the email as typed
 * (whether or not it has an account, so a lockout reveals nothing) and the client address.
 */
export interface ThrottleRule {
  /** Attempts allowed in the window; the next one is refused. */
  limit: number;
  windowSeconds: number;
}

export const THROTTLE_RULES: Record<AttemptKind, ThrottleRule> = {
  login: { limit: 5, windowSeconds: 15 * 60 },
  password_reset: { limit: 5, windowSeconds: 60 * 60 },
};

export type ThrottleVerdict = { blocked: false } | { blocked: true; retryAfterSeconds: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Seconds until the key drops back under the limit: the `limit`-th most recent counted
 * attempt leaves the window then. 0 when the key is under the limit now.
 */
async function secondsUntilAllowed(
  db: DbOrTx,
  kind: AttemptKind,
  column: typeof loginAttempts.email | typeof loginAttempts.ipAddress,
  value: string,
): Promise<number> {
  const rule = THROTTLE_RULES[kind];
  const window = sql.raw(`interval '${rule.windowSeconds} seconds'`);
  const [row] = await db
    .select({
      wait: sql<number>`ceil(extract(epoch FROM ${loginAttempts.attemptedAt} + ${window} - now()))::int`,
    })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.kind, kind),
        eq(column, value),
        // Sign-ins count failures; reset requests count every request.
        kind === "login" ? eq(loginAttempts.succeeded, false) : undefined,
        sql`${loginAttempts.attemptedAt} > now() - ${window}`,
      ),
    )
    .orderBy(sql`${loginAttempts.attemptedAt} DESC`)
    .offset(rule.limit - 1)
    .limit(1);
  return row ? Math.max(1, row.wait) : 0;
}

export async function checkThrottle(
  db: DbOrTx,
  attempt: { kind: AttemptKind; email: string; ipAddress: string },
): Promise<ThrottleVerdict> {
  const [byEmail, byAddress] = await Promise.all([
    secondsUntilAllowed(db, attempt.kind, loginAttempts.email, normalizeEmail(attempt.email)),
    secondsUntilAllowed(db, attempt.kind, loginAttempts.ipAddress, attempt.ipAddress),
  ]);
  const wait = Math.max(byEmail, byAddress);
  return wait > 0 ? { blocked: true, retryAfterSeconds: wait } : { blocked: false };
}

/**
 * Records an attempt. A failed one counts towards both keys; a successful sign-in clears the
 * account's earlier failures (but not the address's, which an attacker could otherwise reset
 * with an account of their own).
 */
export async function recordAttempt(
  db: DbOrTx,
  attempt: { kind: AttemptKind; email: string; ipAddress: string; succeeded: boolean },
): Promise<void> {
  const email = normalizeEmail(attempt.email);
  if (attempt.succeeded && attempt.kind === "login") {
    await db
      .delete(loginAttempts)
      .where(
        and(
          eq(loginAttempts.kind, "login"),
          eq(loginAttempts.email, email),
          eq(loginAttempts.succeeded, false),
        ),
      );
  }
  await db.insert(loginAttempts).values({
    kind: attempt.kind,
    email,
    ipAddress: attempt.ipAddress,
    succeeded: attempt.succeeded,
  });
}

/** A password reset proves who the person is: earlier failed sign-ins stop counting. */
export async function clearLoginFailures(db: DbOrTx, email: string): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(
      and(
        eq(loginAttempts.kind, "login"),
        eq(loginAttempts.email, normalizeEmail(email)),
        eq(loginAttempts.succeeded, false),
      ),
    );
}

/** Attempts older than a day no longer count for anything. */
export async function purgeOldAttempts(db: DbOrTx): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.attemptedAt, sql`now() - interval '1 day'`));
}
