import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { useFieldLabel } from "~/components/field-labels";
import { useLabels } from "~/components/labels";
import { db } from "~/db.server";
import { listAuditLog } from "~/directory/audit.server";
import { idParam } from "~/http/params.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title", "staff");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  const before = Number(new URL(request.url).searchParams.get("before"));
  return orRespond(async () => {
    const log = await listAuditLog(db(), {
      actor,
      organizationId,
      beforeId: Number.isSafeInteger(before) && before > 0 ? before : undefined,
    });
    return {
      organization: log.organization,
      nextBeforeId: log.nextBeforeId,
      entries: log.entries.map((entry) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        actorEmail: entry.actorEmail,
        action: entry.action,
        entityType: entry.entityType,
        changeSetId: entry.changeSetId,
        changedFields: changedKeys(entry.before, entry.after),
        before: entry.before === null ? null : JSON.stringify(entry.before, null, 2),
        after: entry.after === null ? null : JSON.stringify(entry.after, null, 2),
        // An import's entry names its file: "Imported from <source>".
        source:
          entry.action === "import"
            ? String((entry.after as { source?: unknown }).source ?? "")
            : "",
      })),
    };
  });
}

function changedKeys(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

export default function AuditLogPage() {
  const { organization, entries, nextBeforeId } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["staff", "portal"]);
  const href = useLocalePath();
  const labels = useLabels();
  const fieldLabel = useFieldLabel();
  return (
    <div>
      <h1>{t("audit.heading", { name: organization.name })}</h1>
      {entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{labels.dateTime(entry.at)}</td>
                  <td>{entry.actorEmail ?? t("audit.system")}</td>
                  <td>
                    {t(`audit.actions.${entry.action}`, {
                      entity: t(`portal:entities.${entry.entityType}`),
                      source: entry.source,
                    })}
                    {entry.changeSetId ? (
                      <>
                        {" "}
                        <Link to={href(`/staff/review/${entry.changeSetId}`)}>
                          {t("audit.changeSet")}
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {entry.changedFields.length > 0 ? (
                      <p>
                        {t("audit.fields", {
                          fields: entry.changedFields
                            .map((field) => fieldLabel(entry.entityType, field))
                            .join(", "),
                        })}
                      </p>
                    ) : null}
                    {entry.before || entry.after ? (
                      <details>
                        <summary>{t("audit.showValues")}</summary>
                        <div className="audit-values">
                          <div>
                            <h3>{t("audit.before")}</h3>
                            <pre>{entry.before ?? "—"}</pre>
                          </div>
                          <div>
                            <h3>{t("audit.after")}</h3>
                            <pre>{entry.after ?? "—"}</pre>
                          </div>
                        </div>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBeforeId ? (
        <p>
          <Link to={`?before=${nextBeforeId}`}>{t("audit.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}
