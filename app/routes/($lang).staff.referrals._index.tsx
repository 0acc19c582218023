import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { CATEGORY_CODES } from "#db/codes/categories";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";
import { COUNTY_CODES } from "#db/codes/counties";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { listStaffReferrals } from "~/referrals/dashboard.server";
import {
  DASHBOARD_VIEWS,
  dashboardFiltersSchema,
  searchParamsObject,
  type DashboardFilters,
} from "~/referrals/forms";
import { languageNamesFor, requestLocale } from "~/referrals/http.server";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { useReferralLabels } from "~/referrals/ui/labels";
import { ReferralTable } from "~/referrals/ui/ReferralTable";
import { REFERRAL_STATUSES } from "#db/codes/referrals";
import { referralLinks } from "~/referrals/ui/styles";
import { privatePageHeaders } from "~/security/cache-control";

import { orRespond } from "~/http/responses.server";

export const links = referralLinks;

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "dashboard.title", "referrals");

export const headers = privatePageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const filters = dashboardFiltersSchema.parse(
    searchParamsObject(new URL(request.url).searchParams),
  );
  const dashboard = await orRespond(() => listStaffReferrals(db(), { actor, filters }));
  return {
    ...dashboard,
    filters,
    languageNames: languageNamesFor(locale, [
      ...COMMON_SERVICE_LANGUAGES,
      ...dashboard.items.map((item) => item.preferredLanguage),
      ...(filters.language ? [filters.language] : []),
    ]),
  };
}

/** The query string for a view, keeping the other filters. */
function queryFor(filters: DashboardFilters, changes: Partial<DashboardFilters>): string {
  const merged = { ...filters, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
  return `?${params}`;
}

export default function StaffReferrals() {
  const { items, truncated, counts, organizations, filters, languageNames, policy } =
    useLoaderData<typeof loader>();
  const labels = useReferralLabels();
  const { t } = labels;
  const href = useLocalePath();
  const viewCounts: Record<string, number | undefined> = {
    open: counts.open,
    overdue: counts.overdue,
    needs_match: counts.needsMatch,
    erasing_soon: counts.erasingSoon,
  };
  return (
    <div className="referral-page">
      <h1>{t("dashboard.heading")}</h1>
      <p className="lead">{t("dashboard.lead")}</p>
      <p>
        <Link to={href("/search")}>{t("dashboard.makeReferral")}</Link> ·{" "}
        <Link to={href("/staff/reports")}>{t("dashboard.reports")}</Link>
      </p>

      <nav aria-label={t("dashboard.viewsLabel")} className="view-tabs">
        <ul>
          {DASHBOARD_VIEWS.map((view) => (
            <li key={view}>
              <Link
                to={queryFor(filters, { view })}
                aria-current={filters.view === view ? "page" : undefined}
              >
                {t(`dashboard.views.${view}`)}
                {viewCounts[view] !== undefined ? ` (${viewCounts[view]})` : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="filters no-print" key={JSON.stringify(filters)}>
        <input type="hidden" name="view" value={filters.view} />
        <fieldset>
          <legend>{t("dashboard.filtersLegend")}</legend>
          <div className="filters__grid">
            <Select
              name="status"
              label={t("dashboard.filters.status")}
              value={filters.status}
              options={REFERRAL_STATUSES.map((status) => [status, labels.status(status)])}
            />
            <Select
              name="category"
              label={t("dashboard.filters.category")}
              value={filters.category}
              options={CATEGORY_CODES.map((code) => [code, labels.category(code)])}
            />
            <Select
              name="county"
              label={t("dashboard.filters.county")}
              value={filters.county}
              options={COUNTY_CODES.map((code) => [code, labels.county(code)])}
            />
            <Select
              name="language"
              label={t("dashboard.filters.language")}
              value={filters.language}
              options={Object.entries(languageNames)}
            />
            <Select
              name="organization"
              label={t("dashboard.filters.organization")}
              value={filters.organization}
              options={organizations.map((organization) => [organization.id, organization.name])}
            />
            <div className="field">
              <label htmlFor="filter-from">{t("dashboard.filters.from")}</label>
              <input id="filter-from" name="from" type="date" defaultValue={filters.from} />
            </div>
            <div className="field">
              <label htmlFor="filter-to">{t("dashboard.filters.to")}</label>
              <input id="filter-to" name="to" type="date" defaultValue={filters.to} />
            </div>
          </div>
          <button type="submit" className="button button--primary">
            {t("dashboard.filters.apply")}
          </button>{" "}
          <Link to={`?view=${filters.view}`}>{t("dashboard.filters.clear")}</Link>
        </fieldset>
      </Form>

      <p className="hint">{t("dashboard.retention", policy)}</p>
      {items.length === 0 ? (
        <p className="notice">{t("dashboard.empty")}</p>
      ) : (
        <ReferralTable
          items={items}
          caption={t(`dashboard.views.${filters.view}`)}
          detailPath={(id) => `/staff/referrals/${id}`}
          languageNames={languageNames}
        />
      )}
      {truncated ? <p className="hint">{t("dashboard.truncated")}</p> : null}
    </div>
  );
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
}) {
  const { t } = useReferralLabels();
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{t("dashboard.filters.any")}</option>
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
