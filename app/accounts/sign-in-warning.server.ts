import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { users } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { publicUrl } from "~/http/public-url.server";
import { DEFAULT_LOCALE, localePath } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";
import { signInAttemptsMail } from "./emails.server";
import { SIGN_IN_POLICY } from "./throttle.server";

/** At most one warning per account in this many hours, however long the attack goes on. */
export const SIGN_IN_WARNING_EVERY_HOURS = 24;

/**
 * Tells the owner of an account by email that someone keeps failing to sign in as them (once
 * per SIGN_IN_WARNING_EVERY_HOURS, not per attempt). The claim is one conditional UPDATE, so
 * two processes never both send it. Disabled accounts are not told.
 */
export async function warnOwnerOfFailedSignIns(
  db: DbOrTx,
  user: { id: string; email: string; name: string },
  failures: number,
): Promise<void> {
  const claimed = await db
    .update(users)
    .set({ signInWarningSentAt: sql`now()` })
    .where(
      and(
        eq(users.id, user.id),
        isNull(users.disabledAt),
        or(
          isNull(users.signInWarningSentAt),
          lt(
            users.signInWarningSentAt,
            sql`now() - ${sql.raw(`interval '${SIGN_IN_WARNING_EVERY_HOURS} hours'`)}`,
          ),
        ),
      ),
    )
    .returning({ id: users.id });
  if (claimed.length === 0) return;
  // Accounts have no language on record: the coalition writes in its default language.
  const locale = DEFAULT_LOCALE;
  await queueMail(
    db,
    signInAttemptsMail(locale, {
      to: user.email,
      name: user.name,
      failures,
      minutes: SIGN_IN_POLICY.account.windowSeconds / 60,
      link: publicUrl(localePath(locale, "/forgot-password")),
    }),
  );
}
