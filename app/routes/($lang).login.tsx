import { useEffect } from "react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { homePathFor } from "~/accounts/destinations";
import { FormErrors, FormMessages, TextField } from "~/components/form-fields";
import { loginSchema } from "~/accounts/forms";
import { signIn } from "~/accounts/login.server";
import { safeRedirectPath } from "~/accounts/redirect";
import { getActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { detectLocale } from "~/i18n/i18n.server";
import { pageTitle } from "~/i18n/meta";
import { clientAddress } from "~/load-context";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title", "accounts");

/** 429 answers keep their Retry-After on the document response too. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  const headers = new Headers(loaderHeaders);
  if (retryAfter) headers.set("Retry-After", retryAfter);
  headers.set("Cache-Control", "no-store");
  return headers;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "");
  const actor = await getActor(request);
  if (actor) {
    const locale = await detectLocale(request, params.lang);
    throw redirect(redirectTo || homePathFor(actor.role, locale));
  }
  return { redirectTo };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: loginSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields }), retryAfterMinutes: 0 },
      { status: 400 },
    );
  }
  const locale = await detectLocale(request, params.lang);
  const outcome = await signIn(db(), {
    email: submission.value.email,
    password: submission.value.password,
    request,
    clientAddress: clientAddress(context),
    locale,
  });
  if (outcome.status === "throttled") {
    return data(
      {
        result: submission.reply({ formErrors: ["errors.throttled"], hideFields }),
        retryAfterMinutes: Math.ceil(outcome.retryAfterSeconds / 60),
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (outcome.status === "invalid") {
    return data(
      {
        result: submission.reply({ formErrors: ["errors.invalidCredentials"], hideFields }),
        retryAfterMinutes: 0,
      },
      { status: 400 },
    );
  }
  const destination = safeRedirectPath(
    submission.value.redirectTo,
    homePathFor(outcome.role, locale),
  );
  return redirectWithFlash(
    destination,
    { kind: "success", message: "accounts:flash.signedIn" },
    { headers: { "Set-Cookie": outcome.setCookie } },
  );
}

export default function Login() {
  const { t } = useTranslation("accounts");
  const href = useLocalePath();
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(loginSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  // Without JavaScript the server re-renders the form empty; with it, clear the password too.
  useEffect(() => {
    const password = document.getElementById(fields.password.id);
    if (actionData && password instanceof HTMLInputElement) password.value = "";
  }, [actionData, fields.password.id]);
  return (
    <div className="account-page">
      <h1>{t("login.heading")}</h1>
      <p className="lead">{t("login.lead")}</p>
      <FormMessages namespace="accounts">
        <Form method="post" className="account-form" {...getFormProps(form)}>
          <FormErrors form={form} values={{ count: actionData?.retryAfterMinutes ?? 0 }} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextField
            meta={fields.email}
            label={t("fields.email")}
            type="email"
            autoComplete="username"
          />
          <TextField
            meta={fields.password}
            label={t("fields.password")}
            type="password"
            autoComplete="current-password"
          />
          <button type="submit" className="button button--primary">
            {t("login.submit")}
          </button>
        </Form>
      </FormMessages>
      <p>
        <Link to={href("/forgot-password")}>{t("login.forgot")}</Link>
      </p>
      <p className="hint">{t("login.noAccount")}</p>
    </div>
  );
}
