import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/accounts/permissions";
import { requireActor } from "~/accounts/sessions.server";
import { useLocalePath } from "~/i18n/hooks";
import portalStyles from "~/styles/portal.css?url";
import { privatePageHeaders } from "~/security/cache-control";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];

/** Pages about one person's organizations: never kept by a shared cache. */
export const headers = privatePageHeaders;

/** Every portal page needs a signed-in person; the pages below check what they may do. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { staff: can(actor, "review", "changeSet") };
}

export default function PortalLayout() {
  const { staff } = useLoaderData<typeof loader>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  return (
    <div className="workspace">
      <nav className="workspace-nav" aria-label={t("nav.label")}>
        <ul>
          <li>
            <NavLink to={href("/portal")} end>
              {t("nav.dashboard")}
            </NavLink>
          </li>
          <li>
            <NavLink to={href("/portal/referrals")}>{t("nav.referrals")}</NavLink>
          </li>
          {staff ? (
            <li>
              <NavLink to={href("/staff")}>{t("nav.staff")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
