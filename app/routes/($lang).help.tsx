import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Hotlines } from "~/components/Hotlines";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "help.heading");

export default function GetHelpNow() {
  const { t } = useTranslation();
  const href = useLocalePath();
  return (
    <div className="help-page">
      <h1>{t("help.heading")}</h1>
      <p className="lead">{t("help.lead")}</p>
      <Hotlines />
      <section aria-labelledby="rights-heading">
        <h2 id="rights-heading">{t("help.rightsHeading")}</h2>
        <ul>
          <li>{t("help.rights.silent")}</li>
          <li>{t("help.rights.door")}</li>
          <li>{t("help.rights.sign")}</li>
          <li>{t("help.rights.lawyer")}</li>
        </ul>
      </section>
      <p>
        <Link to={href("/search")}>{t("help.findLegalHelp")}</Link>
      </p>
    </div>
  );
}
