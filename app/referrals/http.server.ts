import { publicUrl } from "~/http/public-url.server";
import { detectLocale } from "~/i18n/i18n.server";
import { LOCALES, localePath, type Locale } from "~/i18n/locales";
import { languageNames } from "~/i18n/format";
import { qrCodePath } from "./qr.server";
import type { SlipHandover } from "./ui/SlipLinkPanel";

export async function requestLocale(request: Request, lang: string | undefined): Promise<Locale> {
  return detectLocale(request, lang);
}

/** Names of the given language tags in the page's language, computed once on the server. */
export function languageNamesFor(locale: Locale, tags: Iterable<string>): Record<string, string> {
  return languageNames(new Set(tags), LOCALES[locale].intl);
}

/** The slip link to give the person (absolute, for a text message or a printout). */
export function slipLink(token: string): string {
  return publicUrl(`/r/${token}`);
}

export function staffReferralPath(locale: Locale, id: string): string {
  return localePath(locale, `/staff/referrals/${id}`);
}

/** What the referral page shows to hand the slip over: the link, its token and its QR code. */
export function slipHandover(token: string): SlipHandover {
  const link = slipLink(token);
  return { link, token, qr: qrCodePath(link) };
}
