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
import { useLabels } from "~/components/labels";
import { NewPasswordFields } from "~/accounts/NewPasswordFields";
import { FormErrors, FormMessages, TextField } from "~/components/form-fields";
import { changePasswordSchema } from "~/accounts/forms";
import { changePassword, signOutEverywhere } from "~/accounts/login.server";
import { publicUser, requireActor } from "~/accounts/sessions.server";
import { getAccountOverview } from "~/accounts/users.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { detectLocale } from "~/i18n/i18n.server";
import { localePath } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { clientAddress } from "~/load-context";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title", "accounts");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return {
    "Cache-Control": "private, no-store",
    ...(retryAfter ? { "Retry-After": retryAfter } : {}),
  };
};

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const overview = await getAccountOverview(db(), actor, request);
  return { user: publicUser(actor), ...overview };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await detectLocale(request, params.lang);
  const formData = await readForm(request);

  if (formData.get("intent") === "signOutEverywhere") {
    const setCookie = await signOutEverywhere(db(), actor);
    return redirectWithFlash(
      localePath(locale, "/login"),
      { kind: "success", message: "accounts:flash.signedOutEverywhere" },
      { headers: { "Set-Cookie": setCookie } },
    );
  }

  const submission = parseWithZod(formData, { schema: changePasswordSchema });
  const hideFields = ["currentPassword", "password", "confirmPassword"];
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields }), retryAfterMinutes: 0 },
      { status: 400 },
    );
  }
  const outcome = await changePassword(db(), {
    actor,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.password,
    request,
    clientAddress: clientAddress(context),
  });
  switch (outcome.status) {
    case "throttled":
      return data(
        {
          result: submission.reply({ formErrors: ["errors.throttled"], hideFields }),
          retryAfterMinutes: Math.ceil(outcome.retryAfterSeconds / 60),
        },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
      );
    case "wrongPassword":
      return data(
        {
          result: submission.reply({
            fieldErrors: { currentPassword: ["errors.currentPasswordWrong"] },
            hideFields,
          }),
          retryAfterMinutes: 0,
        },
        { status: 400 },
      );
    case "weakPassword":
      return data(
        {
          result: submission.reply({
            fieldErrors: { password: [`errors.password.${outcome.problem}`] },
            hideFields,
          }),
          retryAfterMinutes: 0,
        },
        { status: 400 },
      );
    case "ok":
      return redirectWithFlash(
        localePath(locale, "/account"),
        { kind: "success", message: "accounts:flash.passwordChanged" },
        { headers: { "Set-Cookie": outcome.setCookie } },
      );
  }
}

export default function Account() {
  const { t } = useTranslation("accounts");
  const labels = useLabels();
  const { user, organizations, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  return (
    <div className="account-page">
      <h1>{t("account.heading")}</h1>
      <dl>
        <dt>{t("fields.name")}</dt>
        <dd>{user.name}</dd>
        <dt>{t("fields.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("fields.role")}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
      </dl>
      {organizations.length > 0 ? (
        <>
          <h2>{t("account.organizationsHeading")}</h2>
          <ul>
            {organizations.map((organization) => (
              <li key={organization.slug}>{organization.name}</li>
            ))}
          </ul>
        </>
      ) : null}

      <section className="account-section" aria-labelledby="change-password-heading">
        <h2 id="change-password-heading">{t("account.changePasswordHeading")}</h2>
        <FormMessages namespace="accounts">
          <Form method="post" className="account-form" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="changePassword" />
            <FormErrors form={form} values={{ count: actionData?.retryAfterMinutes ?? 0 }} />
            <TextField
              meta={fields.currentPassword}
              label={t("fields.currentPassword")}
              type="password"
              autoComplete="current-password"
            />
            <NewPasswordFields
              password={fields.password}
              confirmPassword={fields.confirmPassword}
            />
            <button type="submit" className="button button--primary">
              {t("account.changePasswordSubmit")}
            </button>
          </Form>
        </FormMessages>
      </section>

      <section className="account-section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("account.sessionsHeading")}</h2>
        <ul>
          {sessions.map((session) => (
            <li key={session.createdAt + session.lastSeenAt}>
              {session.device ?? t("account.unknownDevice")} ·{" "}
              {t("account.lastSeen", { when: labels.dateTime(session.lastSeenAt) })}
              {session.current ? ` · ${t("account.thisDevice")}` : ""}
            </li>
          ))}
        </ul>
        <p>{t("account.signOutEverywhereHint")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="signOutEverywhere" />
          <button type="submit" className="button">
            {t("account.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}
