import { config } from "~/config.server";
import { localePath, type Locale } from "~/i18n/locales";

/**
 * The origin that links in emails point to. Never taken from the request's Host header in
 * production: a forged Host would otherwise send a victim a reset link to someone else's site.
 */
export function publicBaseUrl(request: Request): string {
  const settings = config();
  if (settings.PUBLIC_URL) return settings.PUBLIC_URL.replace(/\/+$/, "");
  if (settings.NODE_ENV !== "production") return new URL(request.url).origin;
  const host =
    settings.HOST === "127.0.0.1" || settings.HOST === "0.0.0.0" ? "localhost" : settings.HOST;
  return `http://${host}:${settings.PORT}`;
}

export function absoluteLink(baseUrl: string, locale: Locale, path: string): string {
  return `${baseUrl}${localePath(locale, path)}`;
}
