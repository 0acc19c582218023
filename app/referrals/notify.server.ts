import { listOrganizationEditors } from "~/directory/editors.server";
import type { DbOrTx } from "~/db.server";
import { publicUrl } from "~/http/public-url.server";
import { localePath } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";
import { emailT, renderEmail } from "~/mail/render.server";

/**
 * Tells the receiving organization's editors that a referral is waiting, in the same
 * transaction as the referral (through the mail outbox). The email carries no personal data:
 * only the service, the needs and a link to sign in and read it. Each editor reads it in their
 * own language.
 */
export async function notifyReceivingOrganization(
  tx: DbOrTx,
  referral: {
    id: string;
    organizationId: string;
    organizationName: string;
    serviceName: string;
    needs: readonly string[];
    detained: boolean;
  },
): Promise<void> {
  const recipients = await listOrganizationEditors(tx, referral.organizationId);
  for (const recipient of recipients) {
    const t = emailT(recipient.locale);
    const link = publicUrl(localePath(recipient.locale, `/portal/referrals/${referral.id}`));
    const needs = referral.needs
      .map((code) => t(`vocabulary:category.${code}`, { defaultValue: code }))
      .join(", ");
    await queueMail(
      tx,
      renderEmail(
        recipient,
        "newReferral",
        {
          service: referral.serviceName,
          organization: referral.organizationName,
          needs,
          link,
        },
        { context: referral.detained ? "detained" : undefined },
      ),
    );
  }
}
