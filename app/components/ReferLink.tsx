import { Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isCoalitionStaff } from "~/accounts/permissions";
import type { PublicUser } from "~/accounts/public-user";
import { useLocalePath } from "~/i18n/hooks";

/**
 * "Refer" on a service, for coalition staff only (the Refer form checks again on the server).
 * Everyone else sees nothing: the public pages stay the same for visitors.
 */
export function ReferLink({ serviceId, serviceName }: { serviceId: string; serviceName: string }) {
  const { t } = useTranslation("search");
  const href = useLocalePath();
  const user = useRouteLoaderData<{ user: PublicUser | null }>("root")?.user;
  if (!user || !isCoalitionStaff(user)) return null;
  return (
    <Link
      className="button button--small no-print"
      to={href(`/staff/referrals/new?service=${encodeURIComponent(serviceId)}`)}
      aria-label={t("results.referService", { service: serviceName })}
    >
      {t("results.refer")}
    </Link>
  );
}
