import { useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { useLabels } from "~/components/labels";
import { PendingNotice } from "~/components/listing-forms";
import { ServiceForm } from "~/components/ServiceForm";
import { db } from "~/db.server";
import { needsReview } from "~/directory/access.server";
import { applyChanges } from "~/directory/fields";
import {
  parseForm,
  serviceFormDefaults,
  serviceSchema,
  serviceStatusSchema,
  type ServiceForm as ServiceFormInput,
} from "~/directory/forms";
import { redirectAfterChange, saveListingForm } from "~/directory/http.server";
import { formLanguageNames, serviceSchemaFor } from "~/directory/language-fields.server";
import { idParam } from "~/http/params.server";
import {
  getServiceForEditing,
  setAcceptingNewClients,
  setServiceStatus,
  updateService,
} from "~/directory/services.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "service.editTitle", "portal");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const serviceId = idParam(params, "serviceId");
  return orRespond(async () => {
    const editing = await getServiceForEditing(db(), { actor, serviceId });
    const languageNames = await formLanguageNames(request, params, [
      ...editing.fields.languages,
      ...(editing.pending?.changes.languages ?? []),
    ]);
    return { ...editing, reviewed: needsReview(actor, editing.organization), languageNames };
  });
}

/**
 * Saves the service form; or (intent "status") pauses, archives or resumes the service; or
 * (intent "accepting") says whether it takes new clients, published at once.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const serviceId = idParam(params, "serviceId");
  const formData = await readForm(request);
  const path = `/portal/services/${serviceId}/edit`;
  if (formData.get("intent") === "accepting") {
    const accepting = formData.get("accepting");
    if (accepting !== "true" && accepting !== "false")
      throw new Response("Bad request", { status: 400 });
    return orRespond(async () => {
      const outcome = await setAcceptingNewClients(db(), {
        actor,
        serviceId,
        accepting: accepting === "true",
      });
      return redirectAfterChange(params, path, outcome);
    });
  }
  if (formData.get("intent") === "status") {
    const submission = parseForm(formData, serviceStatusSchema);
    if (submission.status !== "success") throw new Response("Bad request", { status: 400 });
    return orRespond(async () => {
      const outcome = await setServiceStatus(db(), {
        actor,
        serviceId,
        status: submission.value.status,
      });
      return redirectAfterChange(params, path, outcome);
    });
  }
  return saveListingForm(formData, await serviceSchemaFor(request, params), async (changes) => {
    const outcome = await updateService(db(), { actor, serviceId, changes });
    return redirectAfterChange(params, path, outcome);
  });
}

export default function EditServicePage() {
  const editing = useLoaderData<typeof loader>();
  const { organization, locations, reviewed, pending, permissions } = editing;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const labels = useLabels();
  const shown = pending ? applyChanges(editing.fields, pending.changes) : editing.fields;
  const [form, fields] = useForm<ServiceFormInput>({
    id: "service",
    lastResult: actionData?.result,
    constraint: getZodConstraint(serviceSchema),
    shouldValidate: "onBlur",
    defaultValue: serviceFormDefaults(shown, editing.languageNames),
  });
  const status = editing.fields.status;
  return (
    <div className="editor">
      <p className="breadcrumbs">
        <Link to={href("/portal")}>{t("nav.dashboard")}</Link> ›{" "}
        <Link to={href(`/portal/orgs/${organization.id}`)}>{organization.name}</Link>
      </p>
      <h1>{editing.fields.name}</h1>
      <p>
        {t("service.currentStatus")}{" "}
        <span className={`badge badge--${status}`}>
          {labels.vocabulary("serviceStatus", status)}
        </span>
      </p>
      <PendingNotice pending={pending} />
      <section aria-labelledby="availability-heading" className="card">
        <h2 id="availability-heading">{t("service.availabilityHeading")}</h2>
        <p>
          {editing.fields.acceptingNewClients
            ? t("search:results.accepting")
            : t("search:results.notAccepting")}
        </p>
        <p className="hint">{t("service.availabilityHint")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="accepting" />
          <input
            type="hidden"
            name="accepting"
            value={editing.fields.acceptingNewClients ? "false" : "true"}
          />
          <button type="submit" className="button">
            {editing.fields.acceptingNewClients
              ? t("service.stopAccepting")
              : t("service.startAccepting")}
          </button>
        </Form>
      </section>
      <ServiceForm
        form={form}
        fields={fields}
        locations={locations}
        reviewed={reviewed}
        creating={false}
      />

      <section aria-labelledby="status-heading" className="card">
        <h2 id="status-heading">{t("service.statusHeading")}</h2>
        <p className="hint">{t("service.statusHint")}</p>
        <div className="button-row">
          {status === "active" ? (
            <StatusButton status="paused" label={t("service.pause")} />
          ) : (
            <StatusButton status="active" label={t("service.resume")} />
          )}
          {status !== "archived" && permissions.archive ? (
            <StatusButton status="archived" label={t("service.archive")} />
          ) : null}
        </div>
      </section>
    </div>
  );
}

function StatusButton({ status, label }: { status: string; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="status" value={status} />
      <button type="submit" className="button">
        {label}
      </button>
    </Form>
  );
}
