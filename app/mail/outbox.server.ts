/**
 * Placeholder, replaced at merge by the accounts branch (mail_outbox table, SMTP delivery).
 * The signature is the agreed interface: queue a message inside the caller's transaction.
 */
import type { DbOrTx } from "~/db.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export async function queueMail(_tx: DbOrTx, _mail: OutgoingMail): Promise<void> {}
