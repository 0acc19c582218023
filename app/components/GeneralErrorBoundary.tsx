import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isRefusalBody } from "~/http/errors";
import { ErrorPage } from "./ErrorPage";

/**
 * The one error boundary: a refusal (a DomainError answered by `orRespond`, or any thrown
 * Response) gets the page for its status, with the refusal's own translated message when it
 * carries one; anything else is a fault on our side and gets the 500 page, never its message.
 * Used by the root (inside the site's chrome) and by routes whose errors should keep the
 * layout around them.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  if (!isRouteErrorResponse(error)) return <ErrorPage status={500} />;
  const refusal = isRefusalBody(error.data) ? error.data : undefined;
  // A page whose namespaces were not loaded (a public page) falls back to the status's text.
  const message =
    refusal && i18n.exists(refusal.messageKey, { ns: refusal.namespace })
      ? t(refusal.messageKey, { ns: refusal.namespace, ...(refusal.values ?? {}) })
      : undefined;
  return <ErrorPage status={error.status} message={message} />;
}
