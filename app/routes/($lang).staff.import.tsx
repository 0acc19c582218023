import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/accounts/permissions";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { formatProblem } from "~/hsds/import/import.server";
import { importUpload, MAX_IMPORT_FILE_BYTES } from "~/hsds/import/staff.server";
import { readForm } from "~/http/form.server";
import { MAX_IMPORT_BYTES } from "~/http/limits";
import { attempt } from "~/http/responses.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "import.title", "staff");

const KINDS = ["organization", "location", "service", "phone"] as const;
const OUTCOMES = ["created", "updated", "unchanged", "skipped"] as const;

/** Staff and admins only (the staff layout refuses others too); checked again on posting. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!can(actor, "create", "organization", { organizationId: null }))
    throw new Response("Not found", { status: 404 });
  return { maxMegabytes: MAX_IMPORT_FILE_BYTES / 1024 / 1024 };
}

/**
 * "check": the uploaded file is read, validated and tried in a rolled-back transaction; the
 * report comes back with the file in a hidden field, so "apply" needs no JavaScript and no
 * second upload. "apply": the same file, written.
 */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await readForm(request, { maxBytes: MAX_IMPORT_BYTES });
  const apply = form.get("intent") === "apply";
  let fileName = "";
  let contents = Buffer.alloc(0);
  const upload = form.get("file");
  if (!apply && upload instanceof File) {
    fileName = upload.name;
    contents = Buffer.from(await upload.arrayBuffer());
  } else if (apply) {
    fileName = String(form.get("fileName") ?? "");
    contents = Buffer.from(String(form.get("contents") ?? ""), "base64");
  }
  const result = await attempt(() => importUpload(db(), { actor, fileName, contents, apply }));
  if ("refusal" in result)
    return data({ error: result.refusal.messageKey, report: null }, { status: 400 });
  const report = result.value;
  return {
    error: null,
    report: {
      applied: report.applied,
      counts: report.counts,
      refused: report.refused,
      problems: report.problems.map(formatProblem),
      fileName,
      // Carried back for "apply" only after a check.
      contents: report.applied ? null : contents.toString("base64"),
    },
  };
}

export default function StaffImport() {
  const { t } = useTranslation("staff");
  const { maxMegabytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const report = actionData?.report;
  return (
    <div>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      {actionData?.error ? (
        <p className="notice notice--error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <p>
          <label htmlFor="import-file">{t("import.fileLabel")}</label>
          <br />
          <input
            id="import-file"
            type="file"
            name="file"
            required
            accept=".json,.csv,.zip,application/json,text/csv,application/zip"
            aria-describedby="import-file-hint"
          />
        </p>
        <p id="import-file-hint" className="hint">
          {t("import.fileHint", { megabytes: maxMegabytes })}
        </p>
        <button type="submit" name="intent" value="check" className="button">
          {t("import.check")}
        </button>
      </Form>
      {report ? (
        <section aria-labelledby="import-report-heading" className="card">
          <h2 id="import-report-heading">
            {report.applied
              ? t("import.appliedHeading", { file: report.fileName })
              : t("import.checkedHeading", { file: report.fileName })}
          </h2>
          <p role="status">{report.applied ? t("import.appliedNote") : t("import.dryRunNote")}</p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("import.countsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.kind")}</th>
                  {OUTCOMES.map((outcome) => (
                    <th scope="col" key={outcome}>
                      {report.applied
                        ? t(`import.outcomes.${outcome}`)
                        : t(`import.wouldOutcomes.${outcome}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {KINDS.map((kind) => (
                  <tr key={kind}>
                    <th scope="row">{t(`import.kinds.${kind}`)}</th>
                    {OUTCOMES.map((outcome) => (
                      <td key={outcome}>{report.counts[kind][outcome]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t("import.problemsHeading", { number: report.problems.length })}</h3>
          {report.refused > 0 ? (
            <p className="notice notice--error">
              {t("import.refused", { number: report.refused })}
            </p>
          ) : null}
          {report.problems.length === 0 ? (
            <p>{t("import.noProblems")}</p>
          ) : (
            <>
              <p className="hint">{t("import.problemsHint")}</p>
              <ul className="import-problems" lang="en" dir="ltr">
                {report.problems.map((problem, index) => (
                  <li key={index}>
                    <code>{problem}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.contents !== null ? (
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="fileName" value={report.fileName} />
              <input type="hidden" name="contents" value={report.contents} />
              <button type="submit" name="intent" value="apply" className="button button--primary">
                {t("import.apply")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
