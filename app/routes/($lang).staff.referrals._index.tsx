import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, FormMessages, TextField } from "~/components/form-fields";
import { DateText } from "~/referrals/ui/Dates";
import { StatusBadge } from "~/referrals/ui/StatusBadge";
import {
  findReferrals,
  lookupAvailable,
  lookupQuery,
  type FoundReferral,
} from "~/referrals/handover.server";
import { DomainError } from "~/http/errors";
import { readForm } from "~/http/form.server";
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
  lookupFormSchema,
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

import { attempt, orRespond, refusalResponse } from "~/http/responses.server";

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
    lookupByContact: lookupAvailable(),
    filters,
    languageNames: languageNamesFor(locale, [
      ...COMMON_SERVICE_LANGUAGES,
      ...dashboard.items.map((item) => item.preferredLanguage),
      ...(filters.language ? [filters.language] : []),
    ]),
  };
}

/**
 * The call-back lookup: a POST, so a phone number or email never sits in a URL (history,
 * proxy logs). Staff only; the domain function refuses anyone else.
 */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "lookup") {
    throw refusalResponse(new DomainError(400, "errors.badRequest", "referrals"));
  }
  const submission = parseWithZod(formData, { schema: lookupFormSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), found: null }, 400);
  const query = lookupQuery(submission.value.query);
  if (!query) {
    return data(
      {
        result: submission.reply({ fieldErrors: { query: ["lookup.errors.unrecognised"] } }),
        found: null,
      },
      400,
    );
  }
  const outcome = await attempt(() => findReferrals(db(), { actor, ...query }));
  if ("refusal" in outcome) {
    return data(
      { result: submission.reply({ formErrors: [outcome.refusal.messageKey] }), found: null },
      outcome.refusal.status,
    );
  }
  return { result: submission.reply(), found: outcome.value };
}

/** The query string for a view, keeping the other filters. */
function queryFor(filters: DashboardFilters, changes: Partial<DashboardFilters>): string {
  const merged = { ...filters, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
  return `?${params}`;
}

export default function StaffReferrals() {
  const {
    items,
    truncated,
    counts,
    organizations,
    filters,
    languageNames,
    policy,
    lookupByContact,
  } = useLoaderData<typeof loader>();
  const lookup = useActionData<typeof action>();
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

      <LookupForm
        lastResult={lookup?.result}
        found={lookup?.found ?? null}
        byContact={lookupByContact}
      />

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

function LookupForm({
  lastResult,
  found,
  byContact,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  found: FoundReferral[] | null;
  byContact: boolean;
}) {
  const { t } = useReferralLabels();
  const href = useLocalePath();
  const [form, fields] = useForm({
    id: "referral-lookup",
    lastResult,
    constraint: getZodConstraint(lookupFormSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: lookupFormSchema }),
  });
  return (
    <section aria-labelledby="lookup-heading" className="referral-section no-print">
      <h2 id="lookup-heading">{t("lookup.heading")}</h2>
      {!byContact ? <p className="hint">{t("lookup.errors.off")}</p> : null}
      <FormMessages namespace="referrals">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="lookup" />
          <div className="lookup-form">
            <TextField
              meta={fields.query}
              label={t("lookup.label")}
              hint={t("lookup.hint")}
              autoComplete="off"
            />
            <p>
              <button type="submit" className="button button--primary">
                {t("lookup.submit")}
              </button>
            </p>
          </div>
        </Form>
      </FormMessages>
      {found ? (
        found.length === 0 ? (
          <p className="notice" role="status">
            {t("lookup.none")}
          </p>
        ) : (
          <table className="referral-table">
            <caption>{t("lookup.resultsHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("detail.referenceCode")}</th>
                <th scope="col">{t("detail.service")}</th>
                <th scope="col">{t("detail.status")}</th>
                <th scope="col">{t("detail.made")}</th>
              </tr>
            </thead>
            <tbody>
              {found.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link to={href(`/staff/referrals/${item.id}`)}>
                      <span className="reference-code" dir="ltr">
                        {item.referenceCode ?? item.id.slice(0, 8)}
                      </span>
                    </Link>
                  </td>
                  <td>
                    {item.serviceName}
                    <br />
                    <span className="hint">{item.organizationName}</span>
                  </td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>
                    <DateText value={item.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
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
