import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields } from "~/accounts/NewPasswordFields";
import { FormErrors, FormMessages, TextField } from "~/components/form-fields";
import { acceptInvitationSchema } from "~/accounts/forms";
import { acceptInvitation, findInvitation } from "~/accounts/invitations.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { detectLocale } from "~/i18n/i18n.server";
import { localePath } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "invitation.title", "accounts");

/** The token is in the URL: keep the page out of every cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(db(), params.token ?? "");
  if (!invitation) return data({ invitation: null }, { status: 410 });
  return {
    invitation: { email: invitation.email, organizationName: invitation.organizationName },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: acceptInvitationSchema });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  }
  const locale = await detectLocale(request, params.lang);
  const outcome = await acceptInvitation(db(), {
    token: params.token ?? "",
    name: submission.value.name,
    password: submission.value.password,
    request,
    locale,
  });
  switch (outcome.status) {
    case "invalidToken":
      return data(
        { result: submission.reply({ formErrors: ["errors.linkInvalid"], hideFields }) },
        { status: 410 },
      );
    case "weakPassword":
      return data(
        {
          result: submission.reply({
            fieldErrors: { password: [`errors.password.${outcome.problem}`] },
            hideFields,
          }),
        },
        { status: 400 },
      );
    case "accountExists":
      return redirectWithFlash(localePath(locale, "/login"), {
        kind: "info",
        message: "accounts:flash.invitationExistingAccount",
      });
    case "ok":
      return redirectWithFlash(
        localePath(locale, "/portal"),
        { kind: "success", message: "accounts:flash.welcome" },
        { headers: { "Set-Cookie": outcome.setCookie } },
      );
  }
}

export default function AcceptInvitation() {
  const { t } = useTranslation("accounts");
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: actionData?.result,
    constraint: getZodConstraint(acceptInvitationSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationSchema }),
  });
  if (!invitation) {
    return (
      <div className="account-page">
        <h1>{t("invitation.invalidHeading")}</h1>
        <p>{t("invitation.invalidBody")}</p>
      </div>
    );
  }
  return (
    <div className="account-page">
      <h1>{t("invitation.heading", { organization: invitation.organizationName })}</h1>
      <p className="lead">{t("invitation.lead", { email: invitation.email })}</p>
      <FormMessages namespace="accounts">
        <Form method="post" className="account-form" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextField meta={fields.name} label={t("fields.name")} type="text" autoComplete="name" />
          <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
          <button type="submit" className="button button--primary">
            {t("invitation.submit")}
          </button>
        </Form>
      </FormMessages>
    </div>
  );
}
