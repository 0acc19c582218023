import { Form, Link, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublicUser } from "~/accounts/public-user";
import { useLocale, useLocalePath } from "~/i18n/hooks";
import { LOCALES, SUPPORTED_LOCALES, switchLocalePath } from "~/i18n/locales";

/**
 * The languages as a compact disclosure ("🌐 Español ▾"): a <details> of plain links, so it
 * opens without JavaScript and takes one line of a phone's screen instead of three.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = useLocale();
  const location = useLocation();
  return (
    <nav className="language-switcher" aria-label={t("nav.language")}>
      <details>
        <summary>
          <span className="language-switcher__icon" aria-hidden="true" />
          <span className="visually-hidden">{t("nav.language")}: </span>
          <span lang={current}>{LOCALES[current].nativeName}</span>
          <span aria-hidden="true"> ▾</span>
        </summary>
        <ul>
          {SUPPORTED_LOCALES.map((locale) => (
            <li key={locale}>
              <a
                href={switchLocalePath(location.pathname, location.search, locale)}
                hrefLang={locale}
                lang={locale}
                aria-current={locale === current ? "true" : undefined}
              >
                {LOCALES[locale].nativeName}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}

/**
 * Sign-in link, or the signed-in person's name with their workspace and a sign-out button
 * (a POST form: signing out changes state, so it is never a link).
 */
export function AccountMenu() {
  const { t } = useTranslation();
  const href = useLocalePath();
  const user = useRouteLoaderData<{ user: PublicUser | null }>("root")?.user;
  if (!user) {
    // No redirectTo: someone signing in from a public page wants their workspace.
    return (
      <nav className="account-menu" aria-label={t("accountMenu.label")}>
        <Link to={href("/login")}>{t("accountMenu.signIn")}</Link>
      </nav>
    );
  }
  const staff = user.role === "admin" || user.role === "staff";
  return (
    <nav className="account-menu" aria-label={t("accountMenu.label")}>
      <ul>
        <li>
          <Link to={href("/account")}>{user.name}</Link>
        </li>
        {staff ? (
          <li>
            <Link to={href("/staff")}>{t("accountMenu.staff")}</Link>
          </li>
        ) : null}
        {!staff || user.organizationCount > 0 ? (
          <li>
            <Link to={href("/portal")}>{t("accountMenu.portal")}</Link>
          </li>
        ) : null}
        <li>
          <Form method="post" action={href("/logout")} className="account-menu__signout">
            <button type="submit" className="link-button">
              {t("accountMenu.signOut")}
            </button>
          </Form>
        </li>
      </ul>
    </nav>
  );
}

export function SiteHeader() {
  const { t } = useTranslation();
  const href = useLocalePath();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to={href("/")} className="site-name">
          {t("site.name")}
          <span className="site-tagline">{t("site.tagline")}</span>
        </Link>
        <Link to={href("/help")} className="get-help-now">
          {t("nav.getHelpNow")}
        </Link>
      </div>
      <div className="site-header__tools">
        <LanguageSwitcher />
        <AccountMenu />
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  const href = useLocalePath();
  return (
    <footer className="site-footer">
      <p>{t("footer.disclaimer")}</p>
      <p>{t("footer.privacy")}</p>
      <nav aria-label={t("footer.navLabel")}>
        <ul>
          <li>
            <Link to={href("/help")}>{t("nav.getHelpNow")}</Link>
          </li>
          <li>
            <Link to={href("/search")}>{t("nav.findHelp")}</Link>
          </li>
        </ul>
      </nav>
    </footer>
  );
}
