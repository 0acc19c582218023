import { listOrganizationEditorEmails } from "~/directory/editors.server";
import type { DbOrTx } from "~/db.server";
import { publicUrl } from "~/http/public-url.server";
import { serverT } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE, localePath } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";

/**
 * Tells the receiving organization's editors that a referral is waiting, in the same
 * transaction as the referral (through the mail outbox). The email carries no personal data:
 * only the service, the needs and a link to sign in and read it.
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
  const recipients = await listOrganizationEditorEmails(tx, referral.organizationId);
  if (recipients.length === 0) return;
  // Editors have no language preference on record yet; the coalition writes in English.
  const locale = DEFAULT_LOCALE;
  const t = serverT(locale, "referrals");
  const vocabulary = serverT(locale, "vocabulary");
  const link = publicUrl(localePath(locale, `/portal/referrals/${referral.id}`));
  const needs = referral.needs
    .map((code) => vocabulary(`category.${code}`, { defaultValue: code }))
    .join(", ");
  const text = [
    t("email.newReferral.greeting"),
    t("email.newReferral.body", {
      service: referral.serviceName,
      organization: referral.organizationName,
    }),
    t("email.newReferral.needs", { needs }),
    referral.detained ? t("email.newReferral.detained") : null,
    t("email.newReferral.link", { link }),
    t("email.newReferral.privacy"),
  ]
    .filter(Boolean)
    .join("\n\n");
  for (const to of recipients) {
    await queueMail(tx, {
      to,
      subject: t("email.newReferral.subject", { organization: referral.organizationName }),
      text,
    });
  }
}
