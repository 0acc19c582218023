import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, FormMessages, TextField } from "~/components/form-fields";
import { forgotPasswordSchema } from "~/accounts/forms";
import { requestPasswordReset } from "~/accounts/recovery.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { detectLocale } from "~/i18n/i18n.server";
import { localePath } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { clientAddress } from "~/load-context";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.title", "accounts");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: forgotPasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), retryAfterMinutes: 0 }, { status: 400 });
  }
  const locale = await detectLocale(request, params.lang);
  const outcome = await requestPasswordReset(db(), {
    email: submission.value.email,
    clientAddress: clientAddress(context),
    locale,
  });
  if (outcome.status === "throttled") {
    return data(
      {
        result: submission.reply({ formErrors: ["errors.throttled"] }),
        retryAfterMinutes: Math.ceil(outcome.retryAfterSeconds / 60),
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  // The same answer whether or not the email has an account.
  return redirectWithFlash(localePath(locale, "/login"), {
    kind: "info",
    message: "accounts:flash.resetRequested",
  });
}

export default function ForgotPassword() {
  const { t } = useTranslation("accounts");
  const href = useLocalePath();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(forgotPasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <div className="account-page">
      <h1>{t("forgot.heading")}</h1>
      <p className="lead">{t("forgot.lead")}</p>
      <FormMessages namespace="accounts">
        <Form method="post" className="account-form" {...getFormProps(form)}>
          <FormErrors form={form} values={{ count: actionData?.retryAfterMinutes ?? 0 }} />
          <TextField
            meta={fields.email}
            label={t("fields.email")}
            type="email"
            autoComplete="email"
          />
          <button type="submit" className="button button--primary">
            {t("forgot.submit")}
          </button>
        </Form>
      </FormMessages>
      <p>
        <Link to={href("/login")}>{t("forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}
