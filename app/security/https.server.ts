import { config } from "~/config.server";

/**
 * Whether the visitor reaches this site over HTTPS: PUBLIC_URL says so, or the request itself
 * came over HTTPS (behind a reverse proxy, as its X-Forwarded-Proto tells a trusted proxy
 * setting, see TRUST_PROXY). Cookies set on such a response carry `Secure`.
 */
export function servedOverHttps(request: Request): boolean {
  if (config().PUBLIC_URL?.startsWith("https:")) return true;
  return new URL(request.url).protocol === "https:";
}
