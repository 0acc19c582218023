import { redirect } from "@remix-run/node";
import { z } from "zod";
import { config } from "~/config.server";
import { serverT } from "~/i18n/i18n.server";
import type { Locale } from "~/i18n/locales";

/**
 * One-time messages shown on the page a redirect leads to ("Your password was changed").
 * Set only on redirects from actions: the root loader (which reads and clears the cookie)
 * runs again after every form submission, not on plain client-side navigations.
 *
 *   throw redirectWithFlash("/es/account", { kind: "success", message: "accounts:flash.passwordChanged" });
 *
 * `message` is a translation key with its namespace. The root loader translates it
 * (`consumeFlash(request, locale)`), so the page it lands on need not carry that namespace:
 * a sign-out lands on a public page, whose browser translations hold no `accounts`.
 */
const flashSchema = z.object({
  kind: z.enum(["success", "info", "error"]),
  message: z.string().regex(/^[a-z]+:[A-Za-z0-9_.]+$/),
  values: z.record(z.union([z.string().max(200), z.number()])).optional(),
});

export type Flash = z.infer<typeof flashSchema>;

const COOKIE = "puente_flash";

function attributes(): string {
  return `Path=/; HttpOnly; SameSite=Lax${config().NODE_ENV === "production" ? "; Secure" : ""}`;
}

export function flashCookie(flash: Flash): string {
  const value = Buffer.from(JSON.stringify(flashSchema.parse(flash))).toString("base64url");
  return `${COOKIE}=${value}; ${attributes()}; Max-Age=120`;
}

/** A redirect that shows `flash` once on the next page. Extra headers (Set-Cookie) are kept. */
export function redirectWithFlash(url: string, flash: Flash, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", flashCookie(flash));
  return redirect(url, { ...init, headers });
}

/** What the page shows: the message in the visitor's language. */
export interface ShownFlash {
  kind: Flash["kind"];
  text: string;
}

/** For the root loader: the pending message in `locale`, and the Set-Cookie that consumes it. */
export function consumeFlash(
  request: Request,
  locale: Locale,
): { flash: ShownFlash | null; setCookie?: string } {
  const header = request.headers.get("Cookie") ?? "";
  const raw = header
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  if (!raw) return { flash: null };
  const setCookie = `${COOKIE}=; ${attributes()}; Max-Age=0`;
  try {
    const parsed = flashSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString()));
    if (!parsed.success) return { flash: null, setCookie };
    const { kind, message, values } = parsed.data;
    const [namespace, key] = message.split(":") as [string, string];
    return { flash: { kind, text: serverT(locale, namespace)(key, values ?? {}) }, setCookie };
  } catch {
    return { flash: null, setCookie };
  }
}
