import { and, asc, eq, isNull } from "drizzle-orm";
import { organizations, phones } from "#db/schema";
import { listOrganizationEditors } from "~/directory/editors.server";
import type { DbOrTx } from "~/db.server";
import { publicUrl } from "~/http/public-url.server";
import { DEFAULT_LOCALE, localePath } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";
import { emailT, renderEmail } from "~/mail/render.server";

/**
 * How an organization receives referrals: its editors' portal inbox (at least one editor
 * account that is not disabled), and/or an intake email address staff set on the organization
 * (no account needed; the notice carries no personal data, see
 * docs/decisions/017-referral-intake-email.md), else only its phone. A referral can be "sent"
 * only when `canReceive` is true; otherwise it is "logged" and staff follow it up by phone.
 */
export interface ReferralReception {
  portal: boolean;
  intakeEmail: string | null;
  /** The organization's own phone numbers (not a service's or a location's), first first. */
  phones: string[];
  canReceive: boolean;
  /** For the public listing's link in the intake notice. */
  slug: string;
}

export async function referralReception(
  tx: DbOrTx,
  organizationId: string,
): Promise<ReferralReception> {
  const editors = await listOrganizationEditors(tx, organizationId);
  const [organization] = await tx
    .select({ intakeEmail: organizations.intakeEmail, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const numbers = await tx
    .select({ number: phones.number, extension: phones.extension, serviceId: phones.serviceId })
    .from(phones)
    .where(and(eq(phones.organizationId, organizationId), isNull(phones.locationId)))
    .orderBy(asc(phones.serviceId), asc(phones.number));
  const intakeEmail = organization?.intakeEmail?.trim() || null;
  const portal = editors.length > 0;
  return {
    portal,
    intakeEmail,
    // The organization's own lines first (serviceId null sorts last in ASC: put them first).
    phones: [
      ...numbers.filter((row) => row.serviceId === null),
      ...numbers.filter((row) => row.serviceId !== null),
    ]
      .map((row) => (row.extension ? `${row.number} x${row.extension}` : row.number))
      .filter((number, index, all) => all.indexOf(number) === index),
    canReceive: portal || intakeEmail !== null,
    slug: organization?.slug ?? "",
  };
}

interface ReferralNotice {
  id: string;
  organizationId: string;
  organizationName: string;
  serviceName: string;
  needs: readonly string[];
  detained: boolean;
}

/**
 * Tells the receiving organization that a referral is waiting, in the same transaction as the
 * referral (through the mail outbox): each editor in their own language with a link to the
 * portal, and the intake address (if any) with a notice that names no one. No email carries
 * personal data: only the service, the needs and an absolute link (publicUrl).
 */
export async function notifyReceivingOrganization(
  tx: DbOrTx,
  referral: ReferralNotice,
  known?: ReferralReception,
): Promise<void> {
  const reception = known ?? (await referralReception(tx, referral.organizationId));
  const recipients = reception.portal
    ? await listOrganizationEditors(tx, referral.organizationId)
    : [];
  for (const recipient of recipients) {
    const t = emailT(recipient.locale);
    const link = publicUrl(localePath(recipient.locale, `/portal/referrals/${referral.id}`));
    await queueMail(
      tx,
      renderEmail(
        recipient,
        "newReferral",
        {
          service: referral.serviceName,
          organization: referral.organizationName,
          needs: needsIn(t, referral.needs),
          link,
        },
        { context: referral.detained ? "detained" : undefined },
      ),
    );
  }
  if (reception.intakeEmail) {
    const recipient = { email: reception.intakeEmail, locale: DEFAULT_LOCALE };
    const t = emailT(recipient.locale);
    await queueMail(
      tx,
      renderEmail(
        recipient,
        "referralIntake",
        {
          service: referral.serviceName,
          organization: referral.organizationName,
          needs: needsIn(t, referral.needs),
          // The public listing: the phone number on it is the one staff will call.
          link: publicUrl(localePath(recipient.locale, `/orgs/${reception.slug}`)),
        },
        { context: referral.detained ? "detained" : undefined },
      ),
    );
  }
}

function needsIn(t: ReturnType<typeof emailT>, needs: readonly string[]): string {
  return needs.map((code) => t(`vocabulary:category.${code}`, { defaultValue: code })).join(", ");
}
