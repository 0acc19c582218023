import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/accounts/permissions";
import { requireActor } from "~/accounts/sessions.server";
import { useLocalePath } from "~/i18n/hooks";
import portalStyles from "~/styles/portal.css?url";
import { privatePageHeaders } from "~/security/cache-control";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];

export const headers = privatePageHeaders;

/** Coalition staff and admins only; everyone else is told the page does not exist. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!can(actor, "review", "changeSet")) throw new Response("Not found", { status: 404 });
  return null;
}

export default function StaffLayout() {
  const { t } = useTranslation("staff");
  const href = useLocalePath();
  return (
    <div className="workspace">
      <nav className="workspace-nav" aria-label={t("nav.label")}>
        <ul>
          <li>
            <NavLink to={href("/staff")} end>
              {t("nav.dashboard")}
            </NavLink>
          </li>
          <li>
            <NavLink to={href("/staff/review")}>{t("nav.review")}</NavLink>
          </li>
          <li>
            <NavLink to={href("/staff/referrals")}>{t("nav.referrals")}</NavLink>
          </li>
          <li>
            <NavLink to={href("/staff/availability")}>{t("nav.availability")}</NavLink>
          </li>
          <li>
            <NavLink to={href("/staff/reports")}>{t("nav.reports")}</NavLink>
          </li>
          <li>
            <NavLink to={href("/staff/orgs")}>{t("nav.organizations")}</NavLink>
          </li>
          <li>
            <NavLink to={href("/staff/people")}>{t("nav.people")}</NavLink>
          </li>
          <li>
            <NavLink to={href("/staff/import")}>{t("nav.import")}</NavLink>
          </li>
          <li>
            <NavLink to={href("/portal")} end>
              {t("nav.portal")}
            </NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
