import { useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/accounts/sessions.server";
import { ServiceForm } from "~/components/ServiceForm";
import { db } from "~/db.server";
import { needsReview } from "~/directory/access.server";
import {
  serviceFormDefaults,
  serviceSchema,
  type ServiceForm as ServiceFormInput,
} from "~/directory/forms";
import { redirectAfterChange, saveListingForm } from "~/directory/http.server";
import { serviceSchemaFor } from "~/directory/language-fields.server";
import { idParam } from "~/http/params.server";
import { createService, getNewServiceContext } from "~/directory/services.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "service.newTitle", "portal");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  return orRespond(async () => {
    const context = await getNewServiceContext(db(), { actor, organizationId });
    return { ...context, reviewed: needsReview(actor, context.organization) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  const schema = await serviceSchemaFor(request, params);
  return saveListingForm(await readForm(request), schema, async (fields) => {
    const outcome = await createService(db(), { actor, organizationId, fields });
    const next =
      outcome.status === "applied"
        ? `/portal/services/${outcome.entityId}/edit`
        : `/portal/orgs/${organizationId}`;
    return redirectAfterChange(params, next, outcome);
  });
}

export default function NewServicePage() {
  const { organization, locations, reviewed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const [form, fields] = useForm<ServiceFormInput>({
    id: "service",
    lastResult: actionData?.result,
    constraint: getZodConstraint(serviceSchema),
    shouldValidate: "onBlur",
    defaultValue: serviceFormDefaults(null),
  });
  return (
    <div className="editor">
      <p className="breadcrumbs">
        <Link to={href("/portal")}>{t("nav.dashboard")}</Link> ›{" "}
        <Link to={href(`/portal/orgs/${organization.id}`)}>{organization.name}</Link>
      </p>
      <h1>{t("service.newTitle")}</h1>
      <ServiceForm form={form} fields={fields} locations={locations} reviewed={reviewed} creating />
    </div>
  );
}
