import type { MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Hotlines } from "~/components/Hotlines";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "site.tagline");

/**
 * Kinds of help as shortcuts to a search (no typing): the category's name in the visitor's
 * language, and the search it opens. "Detained" is the filter for services that take detained
 * people's cases, which is what a family with someone in detention needs.
 */
const SHORTCUTS = [
  ..."asylum removal_defense daca tps family_petitions naturalization work_permits know_your_rights"
    .split(" ")
    .map((code) => [`vocabulary:category.${code}`, `category=${code}`]),
  ["home.detained", "detained=true"],
];

export default function Home() {
  const { t } = useTranslation(["common", "vocabulary"]);
  const href = useLocalePath();
  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-heading">
        <h1 id="home-heading">{t("home.heading")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <nav className="home-browse" aria-labelledby="browse-heading">
          <h2 id="browse-heading">{t("home.browseHeading")}</h2>
          <ul className="shortcuts">
            <li className="shortcuts__urgent">
              <Link to={href("/help")}>{t("home.urgent")}</Link>
            </li>
            {SHORTCUTS.map(([label, search]) => (
              <li key={search}>
                <Link to={`${href("/search")}?${search}`}>{t(label!)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="home-or">{t("home.orType")}</p>
        <Form method="get" action={href("/search")} className="search-form" role="search">
          <div className="field">
            <label htmlFor="home-q">{t("searchForm.whatLabel")}</label>
            <input
              id="home-q"
              name="q"
              type="search"
              autoComplete="off"
              placeholder={t("searchForm.whatPlaceholder")}
              aria-describedby="home-q-hint"
            />
            <p id="home-q-hint" className="hint">
              {t("searchForm.whatHint")}
            </p>
          </div>
          <div className="field">
            <label htmlFor="home-near">{t("searchForm.nearLabel")}</label>
            <input
              id="home-near"
              name="near"
              type="text"
              autoComplete="postal-code"
              placeholder={t("searchForm.nearPlaceholder")}
              aria-describedby="home-near-hint"
            />
            <p id="home-near-hint" className="hint">
              {t("searchForm.nearHint")}
            </p>
          </div>
          <button type="submit" className="button button--primary">
            {t("searchForm.submit")}
          </button>
        </Form>
      </section>
      <section className="home-privacy" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t("home.privacyHeading")}</h2>
        <p>{t("home.privacyBody")}</p>
      </section>
      <Hotlines />
    </div>
  );
}
