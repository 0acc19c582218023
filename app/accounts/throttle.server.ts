import { lt, sql } from "drizzle-orm";
import { loginAttempts } from "#db/schema";
import type { DbOrTx } from "~/db.server";

/**
 * Throttling of password guesses and reset requests, counted in Postgres so that it holds
 * across app processes and restarts (policy: docs/decisions/009-account-hardening-throttling-mail-links.md).
 *
 * Sign-in: a hard block applies only to what an attacker controls, their address and the
 * (account, address) pair. The account itself is never refused outright, or anyone could lock
 * anyone out: after a few failures from anywhere it only asks for a growing wait between
 * password checks, and the right password from an address that is not blocked gets in once
 * the wait is over. A successful sign-in or a new password (reset or change) starts the
 * account's count again. Accounts are keyed by the lower-cased email as typed, whether or not
 * an account exists, so the throttle itself reveals nothing.
 */
export const SIGN_IN_POLICY = {
  /** Failures for one account from one address within the window: that pair is blocked. */
  pair: { limit: 5, windowSeconds: 15 * 60 },
  /** Failures from one address on any accounts within the window: the address is blocked. */
  address: { limit: 10, windowSeconds: 15 * 60 },
  /**
   * Failures for one account from any address within the window: from the `freeFailures`-th
   * on, each password check must wait `firstDelaySeconds`, doubling, at most `maxDelaySeconds`,
   * after the previous failure. Answers during the wait (429) are not counted.
   */
  account: { freeFailures: 5, windowSeconds: 60 * 60, firstDelaySeconds: 30, maxDelaySeconds: 300 },
} as const;

/**
 * Reset requests: an address is refused after `address.limit` requests in the window. An
 * email gets at most `email.limit` messages in the window; further requests are answered
 * the same way but send nothing. Requesting a link never cancels an earlier one.
 */
export const RESET_POLICY = {
  address: { limit: 5, windowSeconds: 60 * 60 },
  email: { limit: 5, windowSeconds: 60 * 60 },
} as const;

export type ThrottleVerdict = { blocked: false } | { blocked: true; retryAfterSeconds: number };

export type SignInVerdict =
  | { blocked: false; accountFailures: number }
  | { blocked: true; retryAfterSeconds: number; accountFailures: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A failed sign-in as the throttle sees it. */
export interface RecentFailure {
  ageSeconds: number;
  /** From the address now trying. */
  sameAddress: boolean;
  /** For the account now tried, since its last successful sign-in or new password. */
  forAccount: boolean;
}

/** The wait for the `limit`-th most recent of `ages` (newest first) to leave the window. */
function waitForWindow(ages: number[], rule: { limit: number; windowSeconds: number }): number {
  const recent = ages.filter((age) => age < rule.windowSeconds);
  const oldestCounted = recent[rule.limit - 1];
  return oldestCounted === undefined ? 0 : rule.windowSeconds - oldestCounted;
}

/** The delay the account's `failures`-th failure imposes before the next password check. */
export function accountDelaySeconds(failures: number): number {
  const rule = SIGN_IN_POLICY.account;
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 20);
  return Math.min(rule.firstDelaySeconds * 2 ** doublings, rule.maxDelaySeconds);
}

/** Pure: the sign-in verdict from the recent failures (newest first). */
export function signInVerdict(failures: readonly RecentFailure[]): SignInVerdict {
  const { pair, address, account } = SIGN_IN_POLICY;
  const forAccount = failures.filter(
    (failure) => failure.forAccount && failure.ageSeconds < account.windowSeconds,
  );
  const accountFailures = forAccount.length;
  const pairWait = waitForWindow(
    failures.filter((f) => f.forAccount && f.sameAddress).map((f) => f.ageSeconds),
    pair,
  );
  const addressWait = waitForWindow(
    failures.filter((f) => f.sameAddress).map((f) => f.ageSeconds),
    address,
  );
  const latest = forAccount[0];
  const accountWait = latest ? accountDelaySeconds(accountFailures) - latest.ageSeconds : 0;
  const wait = Math.ceil(Math.max(pairWait, addressWait, accountWait));
  return wait > 0
    ? { blocked: true, retryAfterSeconds: wait, accountFailures }
    : { blocked: false, accountFailures };
}

export async function checkSignInThrottle(
  db: DbOrTx,
  attempt: { email: string; ipAddress: string },
): Promise<SignInVerdict> {
  const email = normalizeEmail(attempt.email);
  const horizon = Math.max(
    SIGN_IN_POLICY.pair.windowSeconds,
    SIGN_IN_POLICY.address.windowSeconds,
    SIGN_IN_POLICY.account.windowSeconds,
  );
  // The account's count starts again at its last successful sign-in or new password.
  const rows = await db.execute<{ age: number; same_address: boolean; for_account: boolean }>(sql`
    WITH cleared AS (
      SELECT greatest(
        (SELECT max(attempted_at) FROM login_attempts
          WHERE kind = 'login' AND email = ${email} AND succeeded),
        (SELECT password_changed_at FROM users WHERE lower(email) = ${email})
      ) AS at
    )
    SELECT extract(epoch FROM now() - attempted_at)::float8 AS age,
           ip_address = ${attempt.ipAddress} AS same_address,
           (email = ${email} AND attempted_at > coalesce(cleared.at, '-infinity'::timestamptz))
             AS for_account
    FROM login_attempts, cleared
    WHERE kind = 'login' AND NOT succeeded
      AND attempted_at > now() - ${sql.raw(`interval '${horizon} seconds'`)}
      AND (email = ${email} OR ip_address = ${attempt.ipAddress})
    ORDER BY attempted_at DESC`);
  return signInVerdict(
    rows.map((row) => ({
      ageSeconds: Number(row.age),
      sameAddress: row.same_address,
      forAccount: row.for_account,
    })),
  );
}

export type ResetVerdict =
  { blocked: true; retryAfterSeconds: number } | { blocked: false; mayEmail: boolean };

export async function checkResetThrottle(
  db: DbOrTx,
  attempt: { email: string; ipAddress: string },
): Promise<ResetVerdict> {
  const { address, email } = RESET_POLICY;
  const ages = (rows: Array<{ age: number }>) => rows.map((row) => Number(row.age));
  const [byAddress, emailed] = await Promise.all([
    db.execute<{ age: number }>(sql`
      SELECT extract(epoch FROM now() - attempted_at)::float8 AS age FROM login_attempts
      WHERE kind = 'password_reset' AND ip_address = ${attempt.ipAddress}
        AND attempted_at > now() - ${sql.raw(`interval '${address.windowSeconds} seconds'`)}
      ORDER BY attempted_at DESC`),
    // For reset requests, `succeeded` records that a message was sent.
    db.execute<{ age: number }>(sql`
      SELECT extract(epoch FROM now() - attempted_at)::float8 AS age FROM login_attempts
      WHERE kind = 'password_reset' AND email = ${normalizeEmail(attempt.email)} AND succeeded
        AND attempted_at > now() - ${sql.raw(`interval '${email.windowSeconds} seconds'`)}
      ORDER BY attempted_at DESC`),
  ]);
  const wait = Math.ceil(waitForWindow(ages(byAddress), address));
  if (wait > 0) return { blocked: true, retryAfterSeconds: wait };
  return { blocked: false, mayEmail: waitForWindow(ages(emailed), email) === 0 };
}

/**
 * Records an attempt. For a sign-in, `succeeded` is whether the password was right (a
 * success starts the account's count again); for a reset request, whether a message went out.
 */
export async function recordAttempt(
  db: DbOrTx,
  attempt: {
    kind: "login" | "password_reset";
    email: string;
    ipAddress: string;
    succeeded: boolean;
  },
): Promise<void> {
  await db.insert(loginAttempts).values({
    kind: attempt.kind,
    email: normalizeEmail(attempt.email),
    ipAddress: attempt.ipAddress,
    succeeded: attempt.succeeded,
  });
}

/** Attempts older than a day no longer count for anything. */
export async function purgeOldAttempts(db: DbOrTx): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.attemptedAt, sql`now() - interval '1 day'`));
}
