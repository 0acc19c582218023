import { localePath, type Locale } from "~/i18n/locales";
import type { Role } from "#db/codes/accounts";

/** Where someone lands after signing in when no page asked for it. */
export function homePathFor(role: Role, locale: Locale): string {
  return localePath(locale, role === "org_editor" ? "/portal" : "/staff");
}
