import { data } from "@remix-run/node";
import { publicUrl } from "~/http/public-url.server";
import { detectLocale } from "~/i18n/i18n.server";
import { LOCALES, localePath, type Locale } from "~/i18n/locales";
import { languageNames } from "~/i18n/format";
import { ReferralError } from "./errors.server";

/**
 * For referral routes: runs one domain call and turns a ReferralError into the HTTP answer
 * (the page's error boundary shows its translated message). Server-side faults are logged
 * with their detail, which never contains personal data.
 */
export async function orRespond<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReferralError) {
      if (error.status >= 500) console.error(`[puente] referrals: ${error.message}`);
      throw data(
        { messageKey: error.messageKey, values: error.options.values ?? null },
        { status: error.status },
      );
    }
    throw error;
  }
}

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

/**
 * For form actions: a refusal the person can act on (400, 409: "this referral has moved on")
 * comes back to be shown on the form with what they typed; anything else is answered like
 * `orRespond`.
 */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ value: T } | { refusal: ReferralError }> {
  return orRespond(async () => {
    try {
      return { value: await work() };
    } catch (error) {
      if (error instanceof ReferralError && (error.status === 400 || error.status === 409)) {
        return { refusal: error };
      }
      throw error;
    }
  });
}
