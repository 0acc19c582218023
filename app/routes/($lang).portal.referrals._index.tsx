import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { pageTitle } from "~/i18n/meta";
import { listInbox } from "~/referrals/dashboard.server";
import { INBOX_VIEWS, inboxFiltersSchema, searchParamsObject } from "~/referrals/forms";
import { languageNamesFor, requestLocale } from "~/referrals/http.server";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { useReferralLabels } from "~/referrals/ui/labels";
import { ReferralTable } from "~/referrals/ui/ReferralTable";
import { referralLinks } from "~/referrals/ui/styles";
import { privatePageHeaders } from "~/security/cache-control";

import { orRespond } from "~/http/responses.server";

export const links = referralLinks;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "inbox.title", "referrals");

export const headers = privatePageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const filters = inboxFiltersSchema.parse(searchParamsObject(new URL(request.url).searchParams));
  const inbox = await orRespond(() => listInbox(db(), { actor, filters }));
  return {
    ...inbox,
    filters,
    languageNames: languageNamesFor(
      locale,
      inbox.items.map((item) => item.preferredLanguage),
    ),
    severalOrganizations: actor.organizationIds.length > 1,
  };
}

export default function PortalReferrals() {
  const { items, truncated, newCount, filters, languageNames, severalOrganizations } =
    useLoaderData<typeof loader>();
  const { t } = useReferralLabels();
  return (
    <div className="referral-page">
      <h1>{t("inbox.heading")}</h1>
      <p className="lead">{t("inbox.lead")}</p>
      {newCount > 0 ? (
        <p className="notice" role="status">
          {t("inbox.newCount", { count: newCount })}
        </p>
      ) : null}
      <nav aria-label={t("inbox.viewsLabel")} className="view-tabs">
        <ul>
          {INBOX_VIEWS.map((view) => (
            <li key={view}>
              <Link to={`?view=${view}`} aria-current={filters.view === view ? "page" : undefined}>
                {t(`inbox.views.${view}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p className="notice">{t("inbox.empty")}</p>
      ) : (
        <ReferralTable
          items={items}
          caption={t(`inbox.views.${filters.view}`)}
          detailPath={(id) => `/portal/referrals/${id}`}
          languageNames={languageNames}
          showOrganization={severalOrganizations}
        />
      )}
      {truncated ? <p className="hint">{t("dashboard.truncated")}</p> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
