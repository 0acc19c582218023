import { createCookie } from "@remix-run/node";
import type { TFunction } from "i18next";
import { servedOverHttps } from "~/security/https.server";
import { i18nFor } from "./instance";
import { DEFAULT_LOCALE, isLocale, SUPPORTED_LOCALES, type Locale } from "./locales";
import { serverResourcesFor } from "./resources.server";

/**
 * The language chosen last, for entry points without a language prefix. A session cookie:
 * the language is in every URL anyway, and a shared device should not keep it.
 */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
});

/** Set-Cookie for the chosen language; Secure when the site is served over HTTPS. */
export function localeSetCookie(locale: Locale, request: Request): Promise<string> {
  return localeCookie.serialize(locale, { secure: servedOverHttps(request) });
}

/** Best supported match for an Accept-Language header (language ranges in q order). */
export function matchAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.trim(), q: q ? Number.parseFloat(q.trim().slice(2)) : 1 };
    })
    .filter((range) => range.tag && range.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranges) {
    const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const [language, second] = tag.toLowerCase().split("-");
    if (language === "zh") {
      const traditional = ["hant", "tw", "hk", "mo"].includes(second ?? "");
      const chinese = SUPPORTED_LOCALES.find(
        (l) => l.toLowerCase() === (traditional ? "zh-hant" : "zh-hans"),
      );
      if (chinese) return chinese;
      continue;
    }
    const byLanguage = SUPPORTED_LOCALES.find((l) => l.split("-")[0] === language);
    if (byLanguage) return byLanguage;
  }
  return undefined;
}

/**
 * The visitor's language: the URL prefix (so a shared link keeps its language), then the
 * cookie set when they last chose one, then Accept-Language, then English.
 */
export async function detectLocale(
  request: Request,
  urlLocale: string | undefined,
): Promise<Locale> {
  if (isLocale(urlLocale)) return urlLocale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return matchAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

/** The first path segment when it names a locale, else undefined. */
export function localeFromUrl(request: Request): Locale | undefined {
  const first = new URL(request.url).pathname.split("/")[1];
  return isLocale(first) ? first : undefined;
}

/** For loaders, actions, emails and meta that need translated text on the server. */
export function serverT(locale: Locale, namespace = "common"): TFunction {
  return i18nFor(locale, serverResourcesFor(locale)).getFixedT(locale, namespace);
}
