import { getFormProps, useForm } from "@conform-to/react";
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
import { CheckboxField, FormErrorSummary, TextField } from "~/components/form-fields";
import { useLabels } from "~/components/labels";
import { db } from "~/db.server";
import {
  createOrganizationSchema,
  organizationAdministrationSchema,
  parseForm,
  type CreateOrganizationForm,
} from "~/directory/forms";
import { pathIn } from "~/directory/http.server";
import {
  createOrganization,
  listOrganizationsForStaff,
  updateOrganizationAdministration,
} from "~/directory/organization-editing.server";
import { LISTING_STATUSES } from "#db/codes/directory";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "organizations.title", "staff");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const query = new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? "";
  return orRespond(async () => ({
    query,
    organizations: await listOrganizationsForStaff(db(), { actor, query }),
  }));
}

/** Creates an organization, or saves one row: membership, trust, publication, archiving. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "update") {
    const submission = parseForm(formData, organizationAdministrationSchema);
    if (submission.status !== "success") {
      return data({ create: null, update: submission.reply() }, { status: 400 });
    }
    const { organizationId, intakeEmail, ...rest } = submission.value;
    // An emptied intake email field arrives as absent: clear it only when the field was sent.
    const changes = {
      ...rest,
      intakeEmail: formData.has("intakeEmail") ? (intakeEmail ?? null) : undefined,
    };
    return orRespond(async () => {
      const { changed } = await updateOrganizationAdministration(db(), {
        actor,
        organizationId,
        changes,
      });
      return redirectWithFlash(pathIn(params, "/staff/orgs"), {
        kind: changed ? "success" : "info",
        message: changed ? "staff:flash.organizationUpdated" : "staff:flash.unchanged",
      });
    });
  }
  const submission = parseForm(formData, createOrganizationSchema);
  if (submission.status !== "success") {
    return data({ create: submission.reply(), update: null }, { status: 400 });
  }
  return orRespond(async () => {
    const created = await createOrganization(db(), { actor, fields: submission.value });
    return redirectWithFlash(pathIn(params, `/portal/orgs/${created.id}`), {
      kind: "success",
      message: "staff:flash.organizationCreated",
    });
  });
}

export default function StaffOrganizations() {
  const { organizations, query } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const href = useLocalePath();
  const labels = useLabels();
  const [form, fields] = useForm<CreateOrganizationForm>({
    id: "create-organization",
    lastResult: actionData?.create,
    constraint: getZodConstraint(createOrganizationSchema),
    defaultValue: { isCoalitionMember: true },
  });
  return (
    <div>
      <h1>{t("organizations.title")}</h1>
      {actionData?.update ? (
        <p className="notice notice--error" role="alert">
          {t("organizations.updateRejected")}
        </p>
      ) : null}

      <Form method="get" className="inline-form" role="search">
        <label htmlFor="org-filter">{t("organizations.filter")}</label>
        <input id="org-filter" type="search" name="q" defaultValue={query} />
        <button type="submit" className="button">
          {t("organizations.filterSubmit")}
        </button>
      </Form>

      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("organizations.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("organizations.name")}</th>
              <th scope="col">{t("organizations.status")}</th>
              <th scope="col">{t("organizations.member")}</th>
              <th scope="col">{t("organizations.memberSince")}</th>
              <th scope="col">{t("organizations.trusted")}</th>
              <th scope="col">{t("organizations.intakeEmail")}</th>
              <th scope="col">{t("organizations.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {organizations.map((organization) => {
              const formId = `org-${organization.id}`;
              return (
                <tr
                  key={`${organization.id}-${organization.status}-${organization.trusted}-${organization.intakeEmail}`}
                >
                  <th scope="row">
                    <Link to={href(`/portal/orgs/${organization.id}`)}>{organization.name}</Link>
                  </th>
                  <td>
                    <label className="visually-hidden" htmlFor={`${formId}-status`}>
                      {t("organizations.statusOf", { name: organization.name })}
                    </label>
                    <select
                      id={`${formId}-status`}
                      name="status"
                      form={formId}
                      defaultValue={organization.status}
                    >
                      {LISTING_STATUSES.map((status) => (
                        <option key={status} value={status}>
                          {labels.vocabulary("listingStatus", status)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      id={`${formId}-member`}
                      type="checkbox"
                      name="isCoalitionMember"
                      form={formId}
                      defaultChecked={organization.isCoalitionMember}
                    />
                    <label className="visually-hidden" htmlFor={`${formId}-member`}>
                      {t("organizations.memberOf", { name: organization.name })}
                    </label>
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`${formId}-since`}>
                      {t("organizations.memberSinceOf", { name: organization.name })}
                    </label>
                    <input
                      id={`${formId}-since`}
                      type="date"
                      name="memberSince"
                      form={formId}
                      defaultValue={organization.memberSince ?? ""}
                    />
                  </td>
                  <td>
                    <input
                      id={`${formId}-trusted`}
                      type="checkbox"
                      name="trusted"
                      form={formId}
                      defaultChecked={organization.trusted}
                    />
                    <label className="visually-hidden" htmlFor={`${formId}-trusted`}>
                      {t("organizations.trustedOf", { name: organization.name })}
                    </label>
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`${formId}-intake`}>
                      {t("organizations.intakeEmailOf", { name: organization.name })}
                    </label>
                    <input
                      id={`${formId}-intake`}
                      type="email"
                      name="intakeEmail"
                      form={formId}
                      defaultValue={organization.intakeEmail ?? ""}
                    />
                  </td>
                  <td>
                    <Form method="post" id={formId}>
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="organizationId" value={organization.id} />
                      <button type="submit" className="button button--small">
                        {t("organizations.save")}
                        <span className="visually-hidden"> {organization.name}</span>
                      </button>
                    </Form>
                    <Link to={href(`/staff/orgs/${organization.id}/audit`)}>
                      {t("organizations.audit")}
                      <span className="visually-hidden"> {organization.name}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="hint">{t("organizations.trustedHint")}</p>
      <p className="hint">{t("organizations.intakeEmailHint")}</p>

      <section aria-labelledby="create-heading" className="card">
        <h2 id="create-heading">{t("organizations.createHeading")}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrorSummary errorCount={Object.keys(form.allErrors).length} />
          <TextField meta={fields.name} label={t("organizations.name")} />
          <TextField meta={fields.email} type="email" label={t("organizations.email")} />
          <TextField meta={fields.website} type="url" label={t("organizations.website")} />
          <TextField meta={fields.memberSince} type="date" label={t("organizations.memberSince")} />
          <CheckboxField meta={fields.isCoalitionMember} label={t("organizations.member")} />
          <CheckboxField
            meta={fields.trusted}
            label={t("organizations.trusted")}
            hint={t("organizations.trustedHint")}
          />
          <button type="submit" className="button button--primary">
            {t("organizations.create")}
          </button>
          <p className="hint">{t("organizations.createHint")}</p>
        </Form>
      </section>
    </div>
  );
}
