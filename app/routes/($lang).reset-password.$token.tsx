import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields } from "~/accounts/NewPasswordFields";
import { FormErrors, FormMessages } from "~/components/form-fields";
import { resetPasswordSchema } from "~/accounts/forms";
import { isPasswordResetTokenUsable, resetPassword } from "~/accounts/recovery.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { detectLocale } from "~/i18n/i18n.server";
import { localePath } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title", "accounts");

/** The token is in the URL: keep the page out of every cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ params }: LoaderFunctionArgs) {
  const usable = await isPasswordResetTokenUsable(db(), params.token ?? "");
  return data({ usable }, { status: usable ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: resetPasswordSchema });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  }
  const outcome = await resetPassword(db(), {
    token: params.token ?? "",
    password: submission.value.password,
  });
  if (outcome.status === "invalidToken") {
    return data(
      { result: submission.reply({ formErrors: ["errors.linkInvalid"], hideFields }) },
      { status: 410 },
    );
  }
  if (outcome.status === "weakPassword") {
    return data(
      {
        result: submission.reply({
          fieldErrors: { password: [`errors.password.${outcome.problem}`] },
          hideFields,
        }),
      },
      { status: 400 },
    );
  }
  const locale = await detectLocale(request, params.lang);
  return redirectWithFlash(localePath(locale, "/login"), {
    kind: "success",
    message: "accounts:flash.passwordReset",
  });
}

export default function ResetPassword() {
  const { t } = useTranslation("accounts");
  const href = useLocalePath();
  const { usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(resetPasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  if (!usable) {
    return (
      <div className="account-page">
        <h1>{t("reset.invalidHeading")}</h1>
        <p>{t("reset.invalidBody")}</p>
        <p>
          <Link to={href("/forgot-password")}>{t("reset.requestNew")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="account-page">
      <h1>{t("reset.heading")}</h1>
      <FormMessages namespace="accounts">
        <Form method="post" className="account-form" {...getFormProps(form)}>
          <FormErrors form={form} />
          <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
          <button type="submit" className="button button--primary">
            {t("reset.submit")}
          </button>
        </Form>
      </FormMessages>
    </div>
  );
}
