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
import { FormErrors, FormMessages, SelectField, TextField } from "~/components/form-fields";
import { changeRoleSchema, inviteSchema, setDisabledSchema } from "~/accounts/forms";
import { inviteEditor } from "~/accounts/invitations.server";
import { can } from "~/accounts/permissions";
import { ROLES } from "#db/codes/accounts";
import { requireActor } from "~/accounts/sessions.server";
import { changeRole, listPeople, setAccountDisabled } from "~/accounts/users.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { useLocale } from "~/i18n/hooks";
import { detectLocale } from "~/i18n/i18n.server";
import { LOCALES, localePath, SUPPORTED_LOCALES, type Locale } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { badRequest } from "~/http/errors";
import { readForm } from "~/http/form.server";
import { attempt, orRespond, refusalResponse } from "~/http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people.title", "accounts");

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const people = await orRespond(() => listPeople(db(), actor));
  return {
    ...people,
    accounts: people.accounts.map((account) => ({
      ...account,
      self: account.id === actor.userId,
      canChangeRole: account.id !== actor.userId && can(actor, "manage", "user", account),
      canDisable: account.id !== actor.userId && can(actor, "update", "user", account),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await detectLocale(request, params.lang);
  const here = localePath(locale, "/staff/people");
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: inviteSchema });
    if (submission.status !== "success") {
      return data({ form: "invite" as const, result: submission.reply() }, { status: 400 });
    }
    const invitedLocale = submission.value.language as Locale;
    const outcome = await orRespond(() =>
      inviteEditor(db(), {
        actor,
        email: submission.value.email,
        organizationId: submission.value.organizationId,
        locale: invitedLocale,
      }),
    );
    if (outcome.status === "unknownOrganization") {
      return data(
        {
          form: "invite" as const,
          result: submission.reply({
            fieldErrors: { organizationId: ["errors.organizationRequired"] },
          }),
        },
        { status: 400 },
      );
    }
    return redirectWithFlash(here, {
      kind: "success",
      message:
        outcome.status === "invited" ? "accounts:flash.invited" : "accounts:flash.memberAdded",
      values: { email: submission.value.email },
    });
  }

  const submission =
    intent === "changeRole"
      ? parseWithZod(formData, { schema: changeRoleSchema })
      : parseWithZod(formData, { schema: setDisabledSchema });
  if (submission.status !== "success") throw refusalResponse(badRequest());
  const value = submission.value;
  const outcome = await attempt(() =>
    value.intent === "changeRole"
      ? changeRole(db(), { actor, userId: value.userId, role: value.role })
      : setAccountDisabled(db(), {
          actor,
          userId: value.userId,
          disabled: value.intent === "disable",
        }),
  );
  if ("refusal" in outcome) {
    return data(
      { form: "account" as const, userId: value.userId, message: outcome.refusal.messageKey },
      { status: outcome.refusal.status },
    );
  }
  const message =
    value.intent === "changeRole"
      ? "accounts:flash.roleChanged"
      : value.intent === "disable"
        ? "accounts:flash.accountDisabled"
        : "accounts:flash.accountEnabled";
  return redirectWithFlash(here, { kind: "success", message });
}

export default function People() {
  const { t } = useTranslation("accounts");
  const locale = useLocale();
  const labels = useLabels();
  const { accounts, invitations, organizations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.form === "invite" ? actionData.result : undefined,
    constraint: getZodConstraint(inviteSchema),
    defaultValue: { language: locale },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  const rowError = actionData?.form === "account" ? actionData : undefined;

  return (
    <div className="people-page">
      <h1>{t("people.heading")}</h1>

      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("people.inviteHeading")}</h2>
        <p>{t("people.inviteLead")}</p>
        <FormMessages namespace="accounts">
          <Form method="post" className="account-form" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="invite" />
            <FormErrors form={form} />
            <TextField
              meta={fields.email}
              label={t("fields.email")}
              type="email"
              autoComplete="off"
            />
            <SelectField
              meta={fields.organizationId}
              label={t("fields.organization")}
              placeholder={t("people.chooseOrganization")}
              options={organizations.map((organization) => ({
                value: organization.id,
                label: organization.name,
              }))}
            />
            <SelectField
              meta={fields.language}
              label={t("fields.emailLanguage")}
              options={SUPPORTED_LOCALES.map((code) => ({
                value: code,
                label: LOCALES[code].nativeName,
                lang: code,
              }))}
            />
            <button type="submit" className="button button--primary">
              {t("people.inviteSubmit")}
            </button>
          </Form>
        </FormMessages>
      </section>

      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">{t("people.invitationsHeading")}</h2>
          <ul>
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                {t("people.invitationLine", {
                  email: invitation.email,
                  organization: invitation.organizationName,
                  expires: labels.dateTime(invitation.expiresAt),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{t("people.accountsHeading")}</h2>
        <div className="table-wrap">
          <table className="people-table">
            <thead>
              <tr>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("people.organizationsColumn")}</th>
                <th scope="col">{t("people.lastSignIn")}</th>
                <th scope="col">{t("people.actionsColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.id}>
                  <td>
                    {account.name}
                    <br />
                    <span className="hint">{account.email}</span>
                    {account.disabled ? (
                      <>
                        {" "}
                        <span className="badge">{t("people.disabled")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{t(`roles.${account.role}`)}</td>
                  <td>
                    {account.organizations.map((organization) => organization.name).join(", ")}
                  </td>
                  <td>
                    {account.lastLoginAt ? labels.dateTime(account.lastLoginAt) : t("people.never")}
                  </td>
                  <td>
                    {account.canChangeRole ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="changeRole" />
                        <input type="hidden" name="userId" value={account.id} />
                        <label className="visually-hidden" htmlFor={`role-${account.id}`}>
                          {t("people.roleFor", { name: account.name })}
                        </label>
                        <select id={`role-${account.id}`} name="role" defaultValue={account.role}>
                          {ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`roles.${role}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button">
                          {t("people.changeRole")}
                        </button>
                      </Form>
                    ) : null}
                    {account.canDisable ? (
                      <Form method="post">
                        <input type="hidden" name="userId" value={account.id} />
                        <button
                          type="submit"
                          name="intent"
                          value={account.disabled ? "enable" : "disable"}
                          className="button"
                        >
                          {account.disabled
                            ? t("people.enable", { name: account.name })
                            : t("people.disable", { name: account.name })}
                        </button>
                      </Form>
                    ) : null}
                    {rowError?.userId === account.id ? (
                      <p className="field-error" role="alert">
                        {t(rowError.message)}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
