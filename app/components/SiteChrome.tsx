import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocale, useLocalePath } from "~/i18n/hooks";
import { LOCALES, SUPPORTED_LOCALES, switchLocalePath } from "~/i18n/locales";

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = useLocale();
  const location = useLocation();
  return (
    <nav className="language-switcher" aria-label={t("nav.language")}>
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
      <LanguageSwitcher />
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
