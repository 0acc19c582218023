import type { TFunction } from "i18next";
import { i18nFor } from "~/i18n/instance";
import type { Locale } from "~/i18n/locales";
import type en from "~/i18n/locales/en/emails.json";
import { serverResourcesFor } from "~/i18n/resources.server";
import type { OutgoingMail } from "./mail.server";

/**
 * The one way to write an email: in the recipient's language, from the `emails` namespace
 * (app/i18n/locales/<locale>/emails.json), plain text (no tracking pixels, no remote images).
 * Every template is `{ subject, body }`; a variant of the body is an i18next context
 * (`body_detained`). Adding an email: one entry in every locale's emails.json, then
 * `renderEmail(recipient.locale, "name", ...)`.
 */
export type EmailTemplate = keyof typeof en;

/** Someone an email is written to: their address and the language they read. */
export interface Recipient {
  email: string;
  locale: Locale;
}

/** A translator for values inside an email (`never`, category names via `vocabulary:`). */
export function emailT(locale: Locale): TFunction {
  return i18nFor(locale, serverResourcesFor(locale)).getFixedT(locale, "emails");
}

export function renderEmail(
  recipient: Recipient,
  template: EmailTemplate,
  values: Record<string, string | number> = {},
  options: { context?: string } = {},
): OutgoingMail {
  const t = emailT(recipient.locale);
  return {
    to: recipient.email,
    subject: t(`${template}.subject`, values),
    text: t(`${template}.body`, { ...values, context: options.context }),
  };
}
