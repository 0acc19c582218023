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
import { PendingNotice } from "~/components/listing-forms";
import { PhoneForm } from "~/components/PhoneForm";
import { db } from "~/db.server";
import { needsReview } from "~/directory/access.server";
import { applyChanges } from "~/directory/fields";
import {
  phoneFormDefaults,
  phoneSchema,
  type PhoneForm as PhoneFormInput,
} from "~/directory/forms";
import { redirectAfterChange, saveListingForm } from "~/directory/http.server";
import { formLanguageNames, phoneSchemaFor } from "~/directory/language-fields.server";
import { idParam } from "~/http/params.server";
import { deletePhone, getPhoneForEditing, updatePhone } from "~/directory/phones.server";
import { useLocalePath } from "~/i18n/hooks";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";
import { orRespond } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "phones.editTitle", "portal");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const phoneId = idParam(params, "phoneId");
  return orRespond(async () => {
    const editing = await getPhoneForEditing(db(), { actor, phoneId });
    const languageNames = await formLanguageNames(request, params, [
      ...editing.fields.languages,
      ...(editing.pending?.changes.languages ?? []),
    ]);
    return { ...editing, reviewed: needsReview(actor, editing.organization), languageNames };
  });
}

/** Saves the phone form, or (intent "delete") removes the number. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const phoneId = idParam(params, "phoneId");
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    return orRespond(async () => {
      const outcome = await deletePhone(db(), { actor, phoneId });
      return redirectAfterChange(params, `/portal/orgs/${outcome.organizationId}/phones`, outcome);
    });
  }
  return saveListingForm(formData, await phoneSchemaFor(request, params), async (changes) => {
    const outcome = await updatePhone(db(), { actor, phoneId, changes });
    return redirectAfterChange(params, `/portal/phones/${phoneId}/edit`, outcome);
  });
}

export default function EditPhonePage() {
  const editing = useLoaderData<typeof loader>();
  const { organization, options, reviewed, pending } = editing;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  const shown = pending ? applyChanges(editing.fields, pending.changes) : editing.fields;
  const [form, fields] = useForm<PhoneFormInput>({
    id: "phone",
    lastResult: actionData?.result,
    constraint: getZodConstraint(phoneSchema),
    shouldValidate: "onBlur",
    defaultValue: phoneFormDefaults(shown, editing.languageNames),
  });
  return (
    <div className="editor">
      <p className="breadcrumbs">
        <Link to={href("/portal")}>{t("nav.dashboard")}</Link> ›{" "}
        <Link to={href(`/portal/orgs/${organization.id}`)}>{organization.name}</Link> ›{" "}
        <Link to={href(`/portal/orgs/${organization.id}/phones`)}>{t("phones.title")}</Link>
      </p>
      <h1>{editing.fields.number}</h1>
      <PendingNotice pending={pending} />
      <PhoneForm
        form={form}
        fields={fields}
        options={options}
        reviewed={reviewed}
        creating={false}
      />
      <section aria-labelledby="delete-heading" className="card">
        <h2 id="delete-heading">{t("phones.deleteHeading")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button">
            {reviewed ? t("phones.proposeDelete") : t("phones.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
