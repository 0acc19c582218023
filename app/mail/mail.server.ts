import { and, desc, eq, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { mailOutbox } from "#db/schema";
import type { Database, DbOrTx } from "~/db.server";

/**
 * Outgoing email. Every message is first written to mail_outbox, in the same transaction as
 * what it announces (a reset token, an invitation), so a rolled-back change sends nothing and
 * a committed one is not lost if SMTP is down. With SMTP_URL set, a background job delivers
 * pending rows with nodemailer; without it they stay in the table (readable at /dev/mail).
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /**
   * For a message that carries a credential (a reset or invitation link): when it stops
   * working. Such a body is blanked as soon as it is sent, and an unsent message is deleted
   * after this time, so no live credential stays at rest longer than it must.
   */
  credentialExpiresAt?: Date | SQL;
}

/** What remains of a message that carried a credential, once sent or expired. */
export const REMOVED_CREDENTIAL_BODY = "[Removed: this message carried a single-use link.]";

export type OutboxMessage = typeof mailOutbox.$inferSelect;

/** After this many failed tries a message stays in the outbox with its last error. */
export const MAX_DELIVERY_ATTEMPTS = 8;

export async function queueMail(db: DbOrTx, mail: OutgoingMail): Promise<void> {
  await db.insert(mailOutbox).values({
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    credentialExpiresAt: mail.credentialExpiresAt ?? null,
  });
}

/** Newest first; for the development outbox page. */
export async function listOutbox(db: DbOrTx, limit = 50): Promise<OutboxMessage[]> {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit);
}

export function createMailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

/**
 * Sends up to `batchSize` pending messages. Rows are claimed with SKIP LOCKED and leased for
 * five minutes, so several processes never send the same message twice at once; a failure
 * backs off exponentially (1, 2, 4 ... minutes, at most 6 hours).
 */
export async function deliverPendingMail(
  db: Database,
  transport: Transporter,
  options: { from: string; batchSize?: number },
): Promise<{ sent: number; failed: number }> {
  const claimed = await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      availableAt: sql`now() + interval '5 minutes'`,
    })
    .where(
      inArray(
        mailOutbox.id,
        sql`(SELECT id FROM ${mailOutbox}
          WHERE sent_at IS NULL AND attempts < ${MAX_DELIVERY_ATTEMPTS} AND available_at <= now()
          ORDER BY id LIMIT ${options.batchSize ?? 20} FOR UPDATE SKIP LOCKED)`,
      ),
    )
    .returning();
  let sent = 0;
  let failed = 0;
  for (const message of claimed) {
    try {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
      const carriedCredential = message.credentialExpiresAt !== null;
      await db
        .update(mailOutbox)
        .set({
          sentAt: sql`now()`,
          lastError: null,
          ...(carriedCredential ? { text: REMOVED_CREDENTIAL_BODY, html: null } : {}),
        })
        .where(eq(mailOutbox.id, message.id));
      sent += 1;
    } catch (error) {
      const backoffMinutes = Math.min(2 ** (message.attempts - 1), 360);
      await db
        .update(mailOutbox)
        .set({
          lastError: describeError(error),
          availableAt: sql`now() + ${sql.raw(`interval '${backoffMinutes} minutes'`)}`,
        })
        .where(eq(mailOutbox.id, message.id));
      failed += 1;
    }
  }
  return { sent, failed };
}

/**
 * Sent messages are kept a week for support questions (to, subject, dates; the body of one
 * that carried a credential is already blank), then deleted. A message whose credential has
 * expired is deleted if it was never sent, and blanked if it was.
 */
export async function purgeOutbox(db: DbOrTx): Promise<void> {
  await db.delete(mailOutbox).where(sql`sent_at < now() - interval '7 days'`);
  await db
    .delete(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), lt(mailOutbox.credentialExpiresAt, sql`now()`)));
  await db
    .update(mailOutbox)
    .set({ text: REMOVED_CREDENTIAL_BODY, html: null })
    .where(
      and(
        isNotNull(mailOutbox.sentAt),
        isNotNull(mailOutbox.credentialExpiresAt),
        ne(mailOutbox.text, REMOVED_CREDENTIAL_BODY),
      ),
    );
}

/**
 * Polls the outbox every `intervalMs` and delivers what is pending. Returns a stop function
 * that waits for the batch in progress.
 */
export function startMailDelivery(
  db: Database,
  options: { smtpUrl: string; from: string; intervalMs: number },
): () => Promise<void> {
  const transport = createMailTransport(options.smtpUrl);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = deliverPendingMail(db, transport, { from: options.from })
      .then(() => undefined)
      .catch((error: unknown) => {
        console.error("[puente] mail delivery failed:", describeError(error));
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, 0);

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    transport.close();
  };
}
