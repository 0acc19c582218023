import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { useLabels } from "~/components/labels";
import { db } from "~/db.server";
import { listReviewQueue } from "~/directory/change-sets.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "review.queueTitle", "staff");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return orRespond(async () => ({ queue: await listReviewQueue(db(), { actor }) }));
}

export default function ReviewQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["staff", "portal"]);
  const href = useLocalePath();
  const labels = useLabels();
  return (
    <div>
      <h1>{t("review.queueTitle")}</h1>
      {queue.length === 0 ? (
        <p>{t("review.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {t("review.queueCaption", { count: queue.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("review.change")}</th>
                <th scope="col">{t("review.organization")}</th>
                <th scope="col">{t("review.author")}</th>
                <th scope="col">{t("review.submitted")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link to={href(`/staff/review/${item.id}`)}>
                      {t(`portal:changeSets.operation.${item.operation}`, {
                        entity: t(`portal:entities.${item.entityType}`),
                      })}
                      {item.label ? `: ${item.label}` : ""}
                    </Link>
                    <span className="hint">
                      {" "}
                      {t("review.fieldCount", { count: item.fields.length })}
                    </span>
                  </td>
                  <td>{item.organizationName}</td>
                  <td>{item.authorEmail}</td>
                  <td>{labels.dateTime(item.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
