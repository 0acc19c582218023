import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { authTokens, users } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { publicUrl } from "~/http/public-url.server";
import { localePath, type Locale } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";
import { passwordResetMail } from "./emails.server";
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from "./passwords.server";
import { endAllSessions } from "./session-store.server";
import { checkResetThrottle, recordAttempt } from "./throttle.server";
import { hashToken, isWellFormedToken, randomToken } from "./tokens.server";
import { findUserByEmail } from "./users.server";

export const RESET_TOKEN_TTL_MINUTES = 60;

export type ResetRequestResult =
  { status: "accepted" } | { status: "throttled"; retryAfterSeconds: number };

/**
 * "Forgot password": when the email belongs to an active account, emails a single-use link
 * valid for an hour. Earlier links keep working until one of them is used, so that someone
 * else's requests cannot cancel the owner's link. The answer is the same whether or not the
 * account exists; an address is refused after a few requests, and an email gets at most a
 * few messages an hour (further requests are answered alike and send nothing).
 */
export async function requestPasswordReset(
  db: DbOrTx,
  input: { email: string; clientAddress: string; locale: Locale },
): Promise<ResetRequestResult> {
  const key = {
    kind: "password_reset" as const,
    email: input.email,
    ipAddress: input.clientAddress,
  };
  const throttle = await checkResetThrottle(db, key);
  if (throttle.blocked)
    return { status: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  const user = await findUserByEmail(db, input.email);
  const emailing = throttle.mayEmail && user !== undefined && !user.disabledAt;
  await recordAttempt(db, { ...key, succeeded: emailing });
  if (!emailing) return { status: "accepted" };
  const token = randomToken();
  const expiresAt = sql`now() + ${sql.raw(`interval '${RESET_TOKEN_TTL_MINUTES} minutes'`)}`;
  await db.transaction(async (tx) => {
    await tx.insert(authTokens).values({
      tokenHash: hashToken(token),
      purpose: "password_reset",
      userId: user.id,
      email: user.email,
      expiresAt,
    });
    await queueMail(tx, {
      ...passwordResetMail(input.locale, {
        to: user.email,
        name: user.name,
        link: publicUrl(localePath(input.locale, `/reset-password/${token}`)),
        minutes: RESET_TOKEN_TTL_MINUTES,
      }),
      credentialExpiresAt: expiresAt,
    });
  });
  return { status: "accepted" };
}

async function spendOutstandingResetTokens(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(authTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(authTokens.userId, userId),
        eq(authTokens.purpose, "password_reset"),
        isNull(authTokens.usedAt),
      ),
    );
}

/** The unspent, unexpired reset token's account, for the "choose a new password" page. */
async function findUsableResetToken(db: DbOrTx, token: string) {
  if (!isWellFormedToken(token)) return undefined;
  const [row] = await db
    .select({ tokenId: authTokens.id, userId: users.id, email: users.email, name: users.name })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(token)),
        eq(authTokens.purpose, "password_reset"),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    );
  return row;
}

export async function isPasswordResetTokenUsable(db: DbOrTx, token: string): Promise<boolean> {
  return (await findUsableResetToken(db, token)) !== undefined;
}

export type ResetPasswordResult =
  | { status: "ok" }
  | { status: "invalidToken" }
  | { status: "weakPassword"; problem: PasswordProblem };

/**
 * Sets a new password with a reset token. The token is spent in the same transaction (a
 * second use, or two at once, finds it spent), and every session of the account ends.
 */
export async function resetPassword(
  db: DbOrTx,
  input: { token: string; password: string },
): Promise<ResetPasswordResult> {
  const found = await findUsableResetToken(db, input.token);
  if (!found) return { status: "invalidToken" };
  const problem = checkPasswordPolicy(input.password, { email: found.email, name: found.name });
  if (problem) return { status: "weakPassword", problem };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const spent = await tx
      .update(authTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(authTokens.id, found.tokenId),
          isNull(authTokens.usedAt),
          gt(authTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ id: authTokens.id });
    if (spent.length === 0) return { status: "invalidToken" as const };
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: sql`now()` })
      .where(eq(users.id, found.userId));
    await spendOutstandingResetTokens(tx, found.userId);
    // The new password_changed_at also starts the account's sign-in failure count again.
    await endAllSessions(tx, found.userId);
    return { status: "ok" as const };
  });
}
