import { config, publicOrigin } from "~/config.server";

/**
 * The one way to build an absolute link (emails, referral slips, reminders): PUBLIC_URL, or
 * in development and tests the listening address; never the request's Host header. `path`
 * is a path on this site, e.g. `localePath(locale, "/portal")`.
 */
export function publicUrl(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) {
    throw new Error(`publicUrl expects a path on this site, got ${JSON.stringify(path)}`);
  }
  return `${publicOrigin(config())}${path}`;
}
