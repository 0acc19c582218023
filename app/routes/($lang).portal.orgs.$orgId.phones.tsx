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
import { useLabels } from "~/components/labels";
import { PhoneForm } from "~/components/PhoneForm";
import { db } from "~/db.server";
import { needsReview } from "~/directory/access.server";
import {
  phoneFormDefaults,
  phoneSchema,
  type PhoneForm as PhoneFormInput,
} from "~/directory/forms";
import { redirectAfterChange, saveListingForm } from "~/directory/http.server";
import { phoneSchemaFor } from "~/directory/language-fields.server";
import { idParam } from "~/http/params.server";
import { createPhone, listPhonesForEditing } from "~/directory/phones.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "phones.title", "portal");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  return orRespond(async () => {
    const list = await listPhonesForEditing(db(), { actor, organizationId });
    return { ...list, reviewed: needsReview(actor, list.organization) };
  });
}

/** Adds a phone number; a service or location it names must belong to this organization. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organizationId = idParam(params, "orgId");
  const schema = await phoneSchemaFor(request, params);
  return saveListingForm(await readForm(request), schema, async (fields) => {
    const outcome = await createPhone(db(), { actor, organizationId, fields });
    return redirectAfterChange(params, `/portal/orgs/${organizationId}/phones`, outcome);
  });
}

export default function PhonesPage() {
  const { organization, phones, options, reviewed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const labels = useLabels();
  const [form, fields] = useForm<PhoneFormInput>({
    id: "phone",
    lastResult: actionData?.result,
    constraint: getZodConstraint(phoneSchema),
    shouldValidate: "onBlur",
    defaultValue: phoneFormDefaults(null),
  });
  const serviceName = new Map(options.services.map((service) => [service.id, service.label]));
  const locationName = new Map(options.locations.map((location) => [location.id, location.label]));
  return (
    <div className="editor">
      <p className="breadcrumbs">
        <Link to={href("/portal")}>{t("nav.dashboard")}</Link> ›{" "}
        <Link to={href(`/portal/orgs/${organization.id}`)}>{organization.name}</Link>
      </p>
      <h1>{t("phones.title")}</h1>
      {phones.length === 0 ? <p>{t("phones.none")}</p> : null}
      <ul className="link-list">
        {phones.map((phone) => (
          <li key={phone.id}>
            <Link to={href(`/portal/phones/${phone.id}/edit`)}>
              {phone.number}
              {phone.extension ? ` ${t("phones.extension", { extension: phone.extension })}` : ""}
            </Link>{" "}
            <span className="hint">
              {labels.vocabulary("phoneType", phone.type)}
              {phone.serviceId ? ` · ${serviceName.get(phone.serviceId) ?? ""}` : ""}
              {phone.locationId ? ` · ${locationName.get(phone.locationId) ?? ""}` : ""}
              {phone.languages.length
                ? ` · ${phone.languages.map(labels.language).join(", ")}`
                : ""}
            </span>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-phone-heading">
        <h2 id="new-phone-heading">{t("phones.addHeading")}</h2>
        <PhoneForm form={form} fields={fields} options={options} reviewed={reviewed} creating />
      </section>
    </div>
  );
}
