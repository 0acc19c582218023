import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/ErrorPage";

/**
 * For the referral pages: a refused request carries a translated message key (the domain's
 * ReferralError, e.g. "referrals are disabled: no encryption key"); anything else gets the
 * site's generic page for its status.
 */
export function ReferralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("referrals");
  if (isRouteErrorResponse(error)) {
    const body = error.data as { messageKey?: unknown } | null;
    if (body && typeof body.messageKey === "string") {
      return (
        <section className="error-page">
          <h1>{t(`errorTitles.${error.status}`, { defaultValue: t("errorTitles.other") })}</h1>
          <p>{t(body.messageKey)}</p>
        </section>
      );
    }
    return <ErrorPage status={error.status} />;
  }
  return <ErrorPage status={500} />;
}
