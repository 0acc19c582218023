import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { useFieldLabel } from "~/components/field-labels";
import { FieldErrors } from "~/components/form-fields";
import { useLabels } from "~/components/labels";
import { db } from "~/db.server";
import {
  approveChangeSet,
  getChangeSetForReview,
  returnChangeSet,
} from "~/directory/change-sets.server";
import { DomainError } from "~/http/errors";
import type { HoursRow } from "~/directory/fields";
import { parseForm, reviewSchema } from "~/directory/forms";
import { pathIn } from "~/directory/http.server";
import { idParam } from "~/http/params.server";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";
import { formLanguageNames } from "~/directory/language-fields.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "review.title", "staff");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const changeSetId = idParam(params, "changeSetId");
  return orRespond(async () => {
    const review = await getChangeSetForReview(db(), { actor, changeSetId });
    // Languages by name in the reviewer's language, rare ones too ("Ch'ol", not "ctu").
    const codes = review.rows
      .filter((row) => row.field === "languages" || row.field === "originalLanguage")
      .flatMap((row) => [row.current, row.proposed].flat())
      .filter((code): code is string => typeof code === "string");
    const names = await formLanguageNames(request, params, codes);
    return { ...review, references: { ...names, ...review.references } };
  });
}

/** Approve (apply, publish, re-index in one transaction) or send back with a comment. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const changeSetId = idParam(params, "changeSetId");
  const submission = parseForm(await readForm(request), reviewSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply(), conflict: null }, { status: 400 });
  }
  return orRespond(async () => {
    try {
      if (submission.value.intent === "approve") {
        await approveChangeSet(db(), { actor, changeSetId });
        return redirectWithFlash(pathIn(params, "/staff/review"), {
          kind: "success",
          message: "staff:flash.approved",
        });
      }
      await returnChangeSet(db(), { actor, changeSetId, comment: submission.value.comment });
      return redirectWithFlash(pathIn(params, "/staff/review"), {
        kind: "success",
        message: "staff:flash.returned",
      });
    } catch (error) {
      // Someone else reviewed it, or the entity is gone: say so on this page.
      if (error instanceof DomainError && error.status === 409) {
        return data({ result: submission.reply(), conflict: error.messageKey }, { status: 409 });
      }
      throw error;
    }
  });
}

const VOCABULARY_OF_FIELD: Record<string, string> = {
  categories: "category",
  fees: "fees",
  deliveryMethods: "delivery",
  providerTypes: "provider",
  populations: "population",
  courtsServed: "court",
  status: "serviceStatus",
  type: "phoneType",
};

function DiffValue({
  field,
  value,
  references,
}: {
  field: string;
  value: unknown;
  references: Record<string, string>;
}) {
  const { t } = useTranslation(["staff", "portal"]);
  const labels = useLabels();
  // A service's hours at a location, taken away: it keeps its own hours there.
  if (field === "serviceHours" && (value === null || value === undefined)) {
    return <span className="diff-text">{t("portal:location.sameHours")}</span>;
  }
  if (
    value === null ||
    value === undefined ||
    value === "" ||
    (Array.isArray(value) && value.length === 0)
  ) {
    return <span className="diff-empty">{t("review.emptyValue")}</span>;
  }
  if (typeof value === "boolean") return <>{value ? t("review.yes") : t("review.no")}</>;
  if (field === "hours" || field === "serviceHours") {
    return (
      <ul className="plain-list">
        {(value as HoursRow[]).map((row) => (
          <li key={`${row.weekday}-${row.opensAt}`}>
            {labels.vocabulary("weekday", String(row.weekday))} {row.opensAt}–{row.closesAt}
          </li>
        ))}
      </ul>
    );
  }
  const list = Array.isArray(value) ? (value as string[]) : [String(value)];
  const show = (code: string) => {
    if (VOCABULARY_OF_FIELD[field]) return labels.vocabulary(VOCABULARY_OF_FIELD[field]!, code);
    if (field === "languages" || field === "originalLanguage") {
      // The form's own names first; the loader names the rarer languages ("Ch'ol", not "ctu").
      const name = labels.language(code);
      return name !== code ? name : (references[code] ?? code);
    }
    if (field === "counties" || field === "county") return labels.county(code);
    if (["locationIds", "serviceIds", "serviceId", "locationId"].includes(field)) {
      return references[code] ?? t("review.unknownReference");
    }
    return code;
  };
  if (list.length === 1 && !Array.isArray(value))
    return <span className="diff-text">{show(list[0]!)}</span>;
  return (
    <ul className="plain-list">
      {list.map((code) => (
        <li key={code}>{show(code)}</li>
      ))}
    </ul>
  );
}

export default function ReviewChangeSet() {
  const { changeSet, organization, rows, entityExists, references } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["staff", "portal"]);
  const href = useLocalePath();
  const labels = useLabels();
  const fieldLabel = useFieldLabel();
  const [form, fields] = useForm<{ intent: string; comment: string }>({
    id: "review",
    lastResult: actionData?.result,
    constraint: getZodConstraint(reviewSchema),
  });
  const pending = changeSet.status === "pending";
  const { key: commentKey, ...commentProps } = getTextareaProps(fields.comment);
  return (
    <div className="review">
      <p className="breadcrumbs">
        <Link to={href("/staff/review")}>{t("review.queueTitle")}</Link>
      </p>
      <h1>
        {t(`portal:changeSets.operation.${changeSet.operation}`, {
          entity: t(`portal:entities.${changeSet.entityType}`),
        })}
        {changeSet.label ? `: ${changeSet.label}` : ""}
      </h1>
      <dl className="facts">
        <dt>{t("review.organization")}</dt>
        <dd>
          <Link to={href(`/portal/orgs/${organization.id}`)}>{organization.name}</Link>
        </dd>
        <dt>{t("review.author")}</dt>
        <dd>{changeSet.authorEmail}</dd>
        <dt>{t("review.submitted")}</dt>
        <dd>{labels.dateTime(changeSet.createdAt)}</dd>
        <dt>{t("review.status")}</dt>
        <dd>{t(`portal:changeSets.statuses.${changeSet.status}`)}</dd>
      </dl>
      {pending && entityExists ? (
        <p>
          <Link to={href(`/portal/changes/${changeSet.id}/preview`)}>
            {t("portal:preview.link")}
          </Link>
        </p>
      ) : null}
      {actionData?.conflict ? (
        <p className="notice notice--error" role="alert">
          {t(actionData.conflict)}
        </p>
      ) : null}
      {!entityExists ? (
        <p className="notice notice--error">{t("review.conflict.entityGone")}</p>
      ) : null}

      <div className="table-wrap">
        <table className="diff">
          <caption>{t("review.diffCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("review.field")}</th>
              <th scope="col">{t("review.published")}</th>
              <th scope="col">{t("review.proposed")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const [name = row.field, key] = row.field.split(".");
              const label =
                name === "serviceHours" && key
                  ? t("portal:location.hoursOf", {
                      service: references[key] ?? t("review.unknownReference"),
                    })
                  : fieldLabel(changeSet.entityType, row.field);
              return (
                <tr key={row.field}>
                  <th scope="row">
                    {label}
                    {row.changedSinceProposed ? (
                      <p className="diff-warning">{t("review.changedSinceProposed")}</p>
                    ) : null}
                  </th>
                  <td className="diff-before">
                    <DiffValue field={name} value={row.current} references={references} />
                  </td>
                  <td className="diff-after">
                    <DiffValue field={name} value={row.proposed} references={references} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {pending ? (
        <div className="review-actions">
          <Form method="post">
            <input type="hidden" name="intent" value="approve" />
            <button type="submit" className="button button--primary" disabled={!entityExists}>
              {t("review.approve")}
            </button>
            <p className="hint">{t("review.approveHint")}</p>
          </Form>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="return" />
            <div className="field">
              <label htmlFor={fields.comment.id}>{t("review.comment")}</label>
              <textarea key={commentKey} {...commentProps} rows={4} />
              <p className="hint">{t("review.commentHint")}</p>
              <FieldErrors meta={fields.comment} />
            </div>
            <button type="submit" className="button">
              {t("review.sendBack")}
            </button>
          </Form>
        </div>
      ) : changeSet.reviewComment ? (
        <p>
          {t("review.comment")}: {changeSet.reviewComment}
        </p>
      ) : null}
    </div>
  );
}
