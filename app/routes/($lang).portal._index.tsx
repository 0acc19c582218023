import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { useLabels } from "~/components/labels";
import { withdrawChangeSet } from "~/directory/change-sets.server";
import { getPortalDashboard } from "~/directory/dashboards.server";
import { portalDashboardSchema, parseForm } from "~/directory/forms";
import { confirmListing } from "~/directory/freshness.server";
import { pathIn } from "~/directory/http.server";
import { useCoalition } from "~/use-coalition";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title", "portal");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return getPortalDashboard(db(), { actor });
}

/** "Confirm my listing is still correct" and "withdraw this proposal". */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseForm(await readForm(request), portalDashboardSchema);
  if (submission.status !== "success") throw new Response("Bad request", { status: 400 });
  const input = submission.value;
  return orRespond(async () => {
    if (input.intent === "confirm") {
      await confirmListing(db(), { actor, organizationId: input.organizationId });
      return redirectWithFlash(pathIn(params, "/portal"), {
        kind: "success",
        message: "portal:flash.confirmed",
      });
    }
    await withdrawChangeSet(db(), { actor, changeSetId: input.changeSetId });
    return redirectWithFlash(pathIn(params, "/portal"), {
      kind: "success",
      message: "portal:flash.withdrawn",
    });
  });
}

export default function PortalDashboard() {
  const { organizations, changeSets, isCoalitionStaff } = useLoaderData<typeof loader>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const labels = useLabels();
  const { staleAfterDays } = useCoalition();
  return (
    <div className="dashboard">
      <h1>{t("dashboard.title")}</h1>
      {isCoalitionStaff ? (
        <p className="notice">
          {t("dashboard.staffNotice")} <Link to={href("/staff")}>{t("dashboard.staffLink")}</Link>
        </p>
      ) : null}
      {organizations.length === 0 && !isCoalitionStaff ? (
        <p>{t("dashboard.noOrganizations")}</p>
      ) : null}
      {organizations.map((organization) => (
        <section key={organization.id} className="card" aria-labelledby={`org-${organization.id}`}>
          <h2 id={`org-${organization.id}`}>{organization.name}</h2>
          <p className="badges">
            <span className={`badge badge--${organization.status}`}>
              {labels.vocabulary("listingStatus", organization.status)}
            </span>{" "}
            <span className="badge">
              {organization.trusted ? t("dashboard.trusted") : t("dashboard.reviewed")}
            </span>
          </p>
          <p>{t("dashboard.activeServices", { count: organization.activeServices })}</p>
          <div className={organization.stale ? "notice" : "freshness"}>
            <p>
              {organization.assuredDate
                ? t("dashboard.lastConfirmed", { date: labels.day(organization.assuredDate) })
                : t("dashboard.neverConfirmed")}
            </p>
            {organization.stale ? (
              <p>{t("dashboard.staleExplanation", { days: staleAfterDays })}</p>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="organizationId" value={organization.id} />
              <button type="submit" className="button button--primary">
                {t("dashboard.confirm")}
              </button>
            </Form>
            <p className="hint">{t("dashboard.confirmHint")}</p>
          </div>
          <ul className="link-list">
            <li>
              {organization.status === "published" ? (
                <Link to={href(`/orgs/${organization.slug}`)}>
                  {t("dashboard.viewPublicListing")}
                </Link>
              ) : (
                t("dashboard.notPublicYet")
              )}
            </li>
            <li>
              <Link to={href(`/portal/orgs/${organization.id}`)}>
                {t("dashboard.editOrganization")}
              </Link>
            </li>
            <li>
              <Link to={href(`/portal/orgs/${organization.id}/phones`)}>
                {t("dashboard.phones")}
              </Link>
            </li>
          </ul>
        </section>
      ))}
      {organizations.length > 0 ? (
        <section aria-labelledby="changes-heading">
          <h2 id="changes-heading">{t("dashboard.changesHeading")}</h2>
          {changeSets.length === 0 ? (
            <p>{t("dashboard.noChanges")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("changeSets.what")}</th>
                    <th scope="col">{t("changeSets.submitted")}</th>
                    <th scope="col">{t("changeSets.status")}</th>
                    <th scope="col">{t("changeSets.comment")}</th>
                  </tr>
                </thead>
                <tbody>
                  {changeSets.map((changeSet) => (
                    <tr key={changeSet.id}>
                      <td>
                        {t(`changeSets.operation.${changeSet.operation}`, {
                          entity: t(`entities.${changeSet.entityType}`),
                        })}
                        {changeSet.label ? `: ${changeSet.label}` : ""}
                        {organizations.length > 1 ? (
                          <span className="hint"> ({changeSet.organizationName})</span>
                        ) : null}
                      </td>
                      <td>{labels.dateTime(changeSet.createdAt)}</td>
                      <td>
                        <span className={`badge badge--${changeSet.status}`}>
                          {t(`changeSets.statuses.${changeSet.status}`)}
                        </span>
                      </td>
                      <td>
                        {changeSet.reviewComment ?? ""}
                        {changeSet.status === "pending" ? (
                          <p>
                            <Link
                              to={href(`/portal/changes/${changeSet.id}/preview`)}
                              aria-label={t("preview.linkLabel", {
                                what: t(`changeSets.operation.${changeSet.operation}`, {
                                  entity: t(`entities.${changeSet.entityType}`),
                                }),
                              })}
                            >
                              {t("preview.link")}
                            </Link>
                          </p>
                        ) : null}
                        {changeSet.status === "pending" ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="withdraw" />
                            <input type="hidden" name="changeSetId" value={changeSet.id} />
                            <button type="submit" className="button button--small">
                              {t("changeSets.withdraw")}
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}
