import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/accounts/permissions";
import { requireActor } from "~/accounts/sessions.server";
import { FlashMessage } from "~/components/FlashMessage";
import { consumeFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import portalStyles from "~/styles/portal.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];

/** Coalition staff and admins only; everyone else is told the page does not exist. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!can(actor, "review", "changeSet")) throw new Response("Not found", { status: 404 });
  const { flash, headers } = await consumeFlash(request);
  return data({ flash, person: { name: actor.name, email: actor.email } }, { headers });
}

/** Re-read on every navigation so a one-time message disappears once it has been shown. */
export const shouldRevalidate = () => true;

export default function StaffLayout() {
  const { flash, person } = useLoaderData<typeof loader>();
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
            <NavLink to={href("/staff/orgs")}>{t("nav.organizations")}</NavLink>
          </li>
          <li>
            <NavLink to={href("/portal")} end>
              {t("nav.portal")}
            </NavLink>
          </li>
        </ul>
        <p className="workspace-person">
          {t("nav.signedInAs", { name: person.name || person.email })}
        </p>
      </nav>
      <FlashMessage flash={flash} />
      <Outlet />
    </div>
  );
}
