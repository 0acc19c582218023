import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { FlashMessage } from "~/components/FlashMessage";
import { consumeFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import portalStyles from "~/styles/portal.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];

/** Every portal page needs a signed-in person; the pages below check what they may do. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { flash, headers } = await consumeFlash(request);
  return data(
    {
      flash,
      person: { name: actor.name, email: actor.email, staff: actor.role !== "org_editor" },
    },
    { headers },
  );
}

/** Re-read on every navigation so a one-time message disappears once it has been shown. */
export const shouldRevalidate = () => true;

export default function PortalLayout() {
  const { flash, person } = useLoaderData<typeof loader>();
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
          {person.staff ? (
            <li>
              <NavLink to={href("/staff")}>{t("nav.staff")}</NavLink>
            </li>
          ) : null}
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
