import { serverT } from "~/i18n/i18n.server";
import type { Locale } from "~/i18n/locales";
import type { OutgoingMail } from "~/mail/mail.server";

/** Plain-text messages (no tracking pixels, no remote images), in the reader's language. */

export function passwordResetMail(
  locale: Locale,
  options: { to: string; name: string; link: string; minutes: number },
): OutgoingMail {
  const t = serverT(locale, "accounts");
  return {
    to: options.to,
    subject: t("mail.reset.subject"),
    text: t("mail.reset.body", {
      name: options.name,
      link: options.link,
      minutes: options.minutes,
    }),
  };
}

export function invitationMail(
  locale: Locale,
  options: {
    to: string;
    organizationName: string;
    inviterName: string;
    link: string;
    days: number;
  },
): OutgoingMail {
  const t = serverT(locale, "accounts");
  return {
    to: options.to,
    subject: t("mail.invitation.subject", { organization: options.organizationName }),
    text: t("mail.invitation.body", {
      organization: options.organizationName,
      inviter: options.inviterName,
      link: options.link,
      days: options.days,
    }),
  };
}

export function membershipAddedMail(
  locale: Locale,
  options: { to: string; name: string; organizationName: string; link: string },
): OutgoingMail {
  const t = serverT(locale, "accounts");
  return {
    to: options.to,
    subject: t("mail.membershipAdded.subject", { organization: options.organizationName }),
    text: t("mail.membershipAdded.body", {
      name: options.name,
      organization: options.organizationName,
      link: options.link,
    }),
  };
}

/** Someone keeps failing to sign in as this person: what it means and what they can do. */
export function signInAttemptsMail(
  locale: Locale,
  options: { to: string; name: string; failures: number; minutes: number; link: string },
): OutgoingMail {
  const t = serverT(locale, "accounts");
  return {
    to: options.to,
    subject: t("mail.signInAttempts.subject"),
    text: t("mail.signInAttempts.body", {
      name: options.name,
      failures: options.failures,
      minutes: options.minutes,
      link: options.link,
    }),
  };
}
