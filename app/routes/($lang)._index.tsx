import type { MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Hotlines } from "~/components/Hotlines";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "site.tagline");

export default function Home() {
  const { t } = useTranslation();
  const href = useLocalePath();
  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-heading">
        <h1 id="home-heading">{t("home.heading")}</h1>
        <p className="lead">{t("home.lead")}</p>
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
