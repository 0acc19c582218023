import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { authTokens, users } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { publicUrl } from "~/http/public-url.server";
import { localePath, type Locale } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";
import { passwordResetMail } from "./emails.server";
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from "./passwords.server";
import { endAllSessions } from "./session-store.server";
import { checkThrottle, clearLoginFailures, recordAttempt } from "./throttle.server";
import { hashToken, isWellFormedToken, randomToken } from "./tokens.server";
import { findUserByEmail } from "./users.server";

export const RESET_TOKEN_TTL_MINUTES = 60;

export type ResetRequestResult =
  { status: "accepted" } | { status: "throttled"; retryAfterSeconds: number };

/**
 * "Forgot password": when the email belongs to an active account, emails a single-use link
 * valid for an hour (earlier unused links stop working). The answer is the same whether or
 * not the account exists; requests are throttled per email and per address.
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
  const throttle = await checkThrottle(db, key);
  if (throttle.blocked)
    return { status: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  await recordAttempt(db, { ...key, succeeded: false });

  const user = await findUserByEmail(db, input.email);
  if (!user || user.disabledAt) return { status: "accepted" };
  const token = randomToken();
  await db.transaction(async (tx) => {
    await spendOutstandingResetTokens(tx, user.id);
    await tx.insert(authTokens).values({
      tokenHash: hashToken(token),
      purpose: "password_reset",
      userId: user.id,
      email: user.email,
      expiresAt: sql`now() + ${sql.raw(`interval '${RESET_TOKEN_TTL_MINUTES} minutes'`)}`,
    });
    await queueMail(
      tx,
      passwordResetMail(input.locale, {
        to: user.email,
        name: user.name,
        link: publicUrl(localePath(input.locale, `/reset-password/${token}`)),
        minutes: RESET_TOKEN_TTL_MINUTES,
      }),
    );
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
    await endAllSessions(tx, found.userId);
    await clearLoginFailures(tx, found.email);
    return { status: "ok" as const };
  });
}
