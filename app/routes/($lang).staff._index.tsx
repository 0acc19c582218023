import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/accounts/permissions";
import { requireActor } from "~/accounts/sessions.server";
import { useLabels } from "~/components/labels";
import { db } from "~/db.server";
import { getStaffDashboard } from "~/directory/dashboards.server";
import { useCoalition } from "~/use-coalition";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { orRespond } from "~/http/responses.server";
import { listFollowUpsDue } from "~/referrals/dashboard.server";
import { DateText } from "~/referrals/ui/Dates";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title", "staff");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return orRespond(async () => {
    const [dashboard, followUps] = await Promise.all([
      getStaffDashboard(db(), { actor }),
      can(actor, "read", "referral") ? listFollowUpsDue(db(), { actor }) : null,
    ]);
    return { ...dashboard, followUps };
  });
}

export default function StaffDashboard() {
  const { pendingReviews, stale, followUps } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const href = useLocalePath();
  const labels = useLabels();
  const { staleAfterDays } = useCoalition();
  return (
    <div className="dashboard">
      <h1>{t("dashboard.title")}</h1>
      <section className="card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t("dashboard.queueHeading")}</h2>
        <p className="big-number">{t("dashboard.pendingReviews", { count: pendingReviews })}</p>
        <p>
          <Link to={href("/staff/review")}>{t("dashboard.openQueue")}</Link>
        </p>
      </section>
      {followUps ? (
        <section aria-labelledby="follow-ups-heading">
          <h2 id="follow-ups-heading">
            {t("dashboard.followUpsHeading", { count: followUps.items.length })}
          </h2>
          {followUps.items.length === 0 ? (
            <p>{t("dashboard.noFollowUps")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.followUpOn")}</th>
                    <th scope="col">{t("dashboard.referral")}</th>
                    <th scope="col">{t("dashboard.organization")}</th>
                  </tr>
                </thead>
                <tbody>
                  {followUps.items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        {item.followUpOn ? <DateText value={item.followUpOn} /> : null}{" "}
                        {item.overdue ? (
                          <strong className="overdue">{t("dashboard.overdue")}</strong>
                        ) : (
                          t("dashboard.dueToday")
                        )}
                      </td>
                      <td>
                        <Link to={href(`/staff/referrals/${item.id}`)}>{item.serviceName}</Link>
                      </td>
                      <td>{item.organizationName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {followUps.truncated ? (
            <p>
              <Link to={href("/staff/referrals?view=overdue")}>{t("dashboard.allFollowUps")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
      <section className="card" aria-labelledby="open-data-heading">
        <h2 id="open-data-heading">{t("dashboard.openDataHeading")}</h2>
        <p className="hint">{t("dashboard.openDataHint")}</p>
        <p>
          {/* A file download: a plain link, not a client-side navigation. */}
          <a href={href("/staff/open-data.zip")} download>
            {t("dashboard.openDataDownload")}
          </a>
        </p>
        <p>
          <Link to={href("/staff/import")}>{t("dashboard.importLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="stale-heading">
        <h2 id="stale-heading">{t("dashboard.staleHeading", { count: stale.length })}</h2>
        <p className="hint">{t("dashboard.staleHint", { days: staleAfterDays })}</p>
        {stale.length === 0 ? (
          <p>{t("dashboard.noStale")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.organization")}</th>
                  <th scope="col">{t("dashboard.lastConfirmed")}</th>
                  <th scope="col">{t("dashboard.lastReminder")}</th>
                  <th scope="col">{t("dashboard.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {stale.map((listing) => (
                  <tr key={listing.organizationId}>
                    <td>{listing.name}</td>
                    <td>
                      {listing.assuredDate
                        ? t("dashboard.confirmedAgo", {
                            date: labels.day(listing.assuredDate),
                            count: listing.daysSinceConfirmed ?? 0,
                          })
                        : t("dashboard.neverConfirmed")}
                    </td>
                    <td>
                      {listing.lastReminderAt
                        ? labels.dateTime(listing.lastReminderAt)
                        : t("dashboard.noReminder")}
                    </td>
                    <td>
                      <Link to={href(`/portal/orgs/${listing.organizationId}`)}>
                        {t("dashboard.edit")}
                      </Link>{" "}
                      ·{" "}
                      <Link to={href(`/staff/orgs/${listing.organizationId}/audit`)}>
                        {t("dashboard.audit")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
