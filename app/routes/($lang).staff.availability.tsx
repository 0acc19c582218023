import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { useLabels } from "~/components/labels";
import { db } from "~/db.server";
import {
  listAvailabilityChanges,
  undoAvailabilityChange,
  type AvailabilityChange,
} from "~/directory/availability.server";
import { pathIn } from "~/directory/http.server";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/http/form.server";
import { badRequest } from "~/http/errors";
import { orRespond } from "~/http/responses.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "availability.title", "staff");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return orRespond(async () => ({ changes: await listAvailabilityChanges(db(), { actor }) }));
}

/** Undo one availability change (staff only, checked in the domain function). */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await readForm(request);
  const auditId = Number(form.get("auditId"));
  return orRespond(async () => {
    if (!Number.isSafeInteger(auditId) || auditId <= 0) throw badRequest();
    await undoAvailabilityChange(db(), { actor, auditId });
    return redirectWithFlash(pathIn(params, "/staff/availability"), {
      kind: "success",
      message: "staff:flash.availabilityUndone",
    });
  });
}

export default function AvailabilityChanges() {
  const { changes } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["staff", "search"]);
  const href = useLocalePath();
  const labels = useLabels();
  const describe = (field: AvailabilityChange["field"], value: boolean | string) =>
    field === "acceptingNewClients"
      ? t(value ? "search:results.accepting" : "search:results.notAccepting")
      : labels.vocabulary("serviceStatus", String(value));
  return (
    <div>
      <h1>{t("availability.title")}</h1>
      <p className="hint">{t("availability.lead")}</p>
      {changes.length === 0 ? (
        <p>{t("availability.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("availability.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("availability.when")}</th>
                <th scope="col">{t("availability.service")}</th>
                <th scope="col">{t("availability.change")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("availability.undo")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.auditId}>
                  <td>{labels.dateTime(change.at)}</td>
                  <td>
                    <Link to={href(`/portal/services/${change.serviceId}/edit`)}>
                      {change.serviceName}
                    </Link>
                    <span className="hint"> · {change.organizationName}</span>
                  </td>
                  <td>
                    {describe(change.field, change.from)} → {describe(change.field, change.to)}
                    {change.action === "availability.undo" ? (
                      <span className="hint"> ({t("availability.undone")})</span>
                    ) : null}
                  </td>
                  <td>
                    {change.undoable ? (
                      <Form method="post">
                        <input type="hidden" name="auditId" value={change.auditId} />
                        <button
                          type="submit"
                          className="button button--small"
                          aria-label={t("availability.undoLabel", { service: change.serviceName })}
                        >
                          {t("availability.undo")}
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
    </div>
  );
}
