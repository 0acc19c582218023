import type { Locale } from "~/i18n/locales";
import type { OutgoingMail } from "~/mail/mail.server";
import { renderEmail } from "~/mail/render.server";

/** Account emails, in the language of the page the person (or staff for them) chose. */

export function passwordResetMail(
  locale: Locale,
  options: { to: string; name: string; link: string; minutes: number },
): OutgoingMail {
  return renderEmail({ email: options.to, locale }, "passwordReset", {
    name: options.name,
    link: options.link,
    minutes: options.minutes,
  });
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
  return renderEmail({ email: options.to, locale }, "invitation", {
    organization: options.organizationName,
    inviter: options.inviterName,
    link: options.link,
    days: options.days,
  });
}

export function membershipAddedMail(
  locale: Locale,
  options: { to: string; name: string; organizationName: string; link: string },
): OutgoingMail {
  return renderEmail({ email: options.to, locale }, "membershipAdded", {
    name: options.name,
    organization: options.organizationName,
    link: options.link,
  });
}

/** Someone keeps failing to sign in as this person: what it means and what they can do. */
export function signInAttemptsMail(
  locale: Locale,
  options: { to: string; name: string; failures: number; minutes: number; link: string },
): OutgoingMail {
  return renderEmail({ email: options.to, locale }, "signInAttempts", {
    name: options.name,
    failures: options.failures,
    minutes: options.minutes,
    link: options.link,
  });
}
