import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { reportPeriodSchema, searchParamsObject } from "~/referrals/forms";
import { languageNamesFor, requestLocale } from "~/referrals/http.server";
import { getReferralReport } from "~/referrals/reports.server";
import { BarChart } from "~/referrals/ui/BarChart";
import { DateText } from "~/referrals/ui/Dates";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { languageLabel, useReferralLabels } from "~/referrals/ui/labels";
import { referralLinks } from "~/referrals/ui/styles";
import { orRespond } from "~/http/responses.server";

export const links = referralLinks;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.title", "referrals");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const period = reportPeriodSchema.parse(searchParamsObject(new URL(request.url).searchParams));
  const report = await orRespond(() => getReferralReport(db(), { actor, ...period }));
  return {
    report,
    languageNames: languageNamesFor(
      locale,
      report.byLanguage.map((item) => item.code),
    ),
  };
}

export default function Reports() {
  const { report, languageNames } = useLoaderData<typeof loader>();
  const labels = useReferralLabels();
  const { t } = labels;
  const href = useLocalePath();
  const csv = `${href("/staff/reports.csv")}?${new URLSearchParams(report.period)}`;
  const days = (value: number | null) =>
    value === null ? t("reports.noMedian") : t("reports.days", { count: value });
  return (
    <div className="referral-page reports-page">
      <h1>{t("reports.heading")}</h1>
      <p className="lead">{t("reports.lead")}</p>
      <Form method="get" className="filters no-print" key={JSON.stringify(report.period)}>
        <fieldset>
          <legend>{t("reports.period")}</legend>
          <div className="filters__grid">
            <div className="field">
              <label htmlFor="report-from">{t("reports.from")}</label>
              <input id="report-from" name="from" type="date" defaultValue={report.period.from} />
            </div>
            <div className="field">
              <label htmlFor="report-to">{t("reports.to")}</label>
              <input id="report-to" name="to" type="date" defaultValue={report.period.to} />
            </div>
          </div>
          <button type="submit" className="button button--primary">
            {t("reports.show")}
          </button>{" "}
          <a href={csv} download>
            {t("reports.csv")}
          </a>
        </fieldset>
      </Form>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">
          {t("reports.summaryHeading")} (<DateText value={report.period.from} /> –{" "}
          <DateText value={report.period.to} />)
        </h2>
        <dl className="summary-figures">
          <div>
            <dt>{t("reports.total")}</dt>
            <dd>{report.total}</dd>
          </div>
          {report.byMode.map((item) => (
            <div key={item.code}>
              <dt>{t(`reports.byMode.${item.code}`)}</dt>
              <dd>{item.count}</dd>
            </div>
          ))}
          <div>
            <dt>{t("reports.medianAcceptance")}</dt>
            <dd>{days(report.medianDaysToAcceptance)}</dd>
          </div>
          <div>
            <dt>{t("reports.medianClose")}</dt>
            <dd>{days(report.medianDaysToClose)}</dd>
          </div>
        </dl>
      </section>

      <div className="charts">
        <BarChart
          title={t("reports.charts.category")}
          bars={report.byCategory.map((item) => ({
            key: item.code,
            label: labels.category(item.code),
            value: item.count,
          }))}
        />
        <BarChart
          title={t("reports.charts.county")}
          bars={report.byCounty.map((item) => ({
            key: item.code ?? "none",
            label: labels.county(item.code),
            value: item.count,
          }))}
        />
        <BarChart
          title={t("reports.charts.language")}
          bars={report.byLanguage.map((item) => ({
            key: item.code,
            label: languageLabel(languageNames, item.code),
            value: item.count,
          }))}
        />
        <BarChart
          title={t("reports.charts.organization")}
          bars={report.byOrganization.map((item) => ({
            key: item.code,
            label: item.name,
            value: item.count,
          }))}
        />
        <BarChart
          title={t("reports.charts.status")}
          bars={report.byStatus.map((item) => ({
            key: item.code,
            label: labels.status(item.code),
            value: item.count,
          }))}
        />
        <BarChart
          title={t("reports.charts.outcome")}
          bars={report.byOutcome.map((item) => ({
            key: item.code,
            label: labels.outcome(item.code),
            value: item.count,
          }))}
        />
        <BarChart
          title={t("reports.charts.declineReason")}
          bars={report.byDeclineReason.map((item) => ({
            key: item.code,
            label: labels.declineReason(item.code),
            value: item.count,
          }))}
        />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
