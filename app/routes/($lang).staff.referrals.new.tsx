import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/accounts/sessions.server";
import {
  CheckboxField,
  CheckboxGroup,
  FormErrors,
  FormMessages,
  HiddenField,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/form-fields";
import { db } from "~/db.server";
import { CATEGORY_CODES } from "#db/codes/categories";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";
import { COUNTY_CODES } from "#db/codes/counties";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { SUPPORTED_LOCALES } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { referralFormSchema } from "~/referrals/forms";
import { languageNamesFor, requestLocale, staffReferralPath } from "~/referrals/http.server";
import {
  createReferral,
  defaultFollowUpOn,
  getReferableService,
} from "~/referrals/referrals.server";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { useReferralLabels } from "~/referrals/ui/labels";
import { REFERRAL_MODES } from "#db/codes/referrals";
import { referralLinks } from "~/referrals/ui/styles";
import { readForm } from "~/http/form.server";
import { attempt, orRespond } from "~/http/responses.server";

export const links = referralLinks;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "new.title", "referrals");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const serviceId = new URL(request.url).searchParams.get("service") ?? "";
  const service = /^[0-9a-f-]{36}$/i.test(serviceId)
    ? await orRespond(() => getReferableService(db(), { actor, serviceId }))
    : null;
  return {
    service,
    languageNames: languageNamesFor(locale, [...SUPPORTED_LOCALES, ...COMMON_SERVICE_LANGUAGES]),
    defaultFollowUp: defaultFollowUpOn(new Date()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseWithZod(await readForm(request), { schema: referralFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { serviceId, ...referral } = submission.value;
  const outcome = await attempt(() => createReferral(db(), { actor, serviceId, referral }));
  if ("refusal" in outcome) {
    return data(
      { result: submission.reply({ formErrors: [outcome.refusal.messageKey] }) },
      { status: outcome.refusal.status },
    );
  }
  const created = outcome.value;
  const locale = await requestLocale(request, params.lang);
  return redirectWithFlash(staffReferralPath(locale, created.referralId), {
    kind: "success",
    // The slip link is not in this cookie: the referral's page shows it once (takeSlipLink).
    // "sent" only when someone can receive it: otherwise it was logged (and staff must call).
    message:
      created.mode === "sent"
        ? "referrals:flash.sent"
        : referral.mode === "sent"
          ? "referrals:flash.notSent"
          : "referrals:flash.logged",
  });
}

export default function NewReferral() {
  const { service, languageNames, defaultFollowUp } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const labels = useReferralLabels();
  const { t } = labels;
  const href = useLocalePath();
  const [form, fields] = useForm({
    id: "referral",
    lastResult: actionData?.result,
    constraint: getZodConstraint(referralFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: referralFormSchema }),
    defaultValue: {
      mode: service?.reception.canReceive === false ? "logged" : "sent",
      followUpOn: defaultFollowUp,
      serviceId: service?.id ?? "",
    },
  });

  if (!service) {
    return (
      <div className="referral-page">
        <h1>{t("new.heading")}</h1>
        <p>{t("new.chooseService")}</p>
        <p>
          <Link to={href("/search")} className="button button--primary">
            {t("new.toSearch")}
          </Link>
        </p>
      </div>
    );
  }

  const { reception } = service;
  return (
    <div className="referral-page">
      <h1>{t("new.heading")}</h1>
      <p className="lead">
        {t("new.to", { service: service.name, organization: service.organizationName })}
      </p>
      {!service.available ? (
        <p className="notice notice--error">{t("errors.serviceUnavailable")}</p>
      ) : null}
      <section
        className={reception.canReceive ? "notice" : "notice notice--error"}
        aria-labelledby="reception-heading"
        data-testid="reception"
      >
        <h2 id="reception-heading">{t("new.reception.heading")}</h2>
        <ul>
          {reception.portal ? <li>{t("new.reception.portal")}</li> : null}
          {reception.intakeEmail ? (
            <li>{t("new.reception.intakeEmail", { email: reception.intakeEmail })}</li>
          ) : null}
          {reception.canReceive ? null : <li>{t("new.reception.none")}</li>}
          {reception.phones.length > 0 ? (
            reception.phones.map((phone) => (
              <li key={phone}>
                <bdi>{t("new.reception.phone", { phone })}</bdi>
              </li>
            ))
          ) : (
            <li>{t("new.reception.noPhone")}</li>
          )}
        </ul>
      </section>
      <p className="hint">{t("new.privacy")}</p>
      <FormMessages namespace="referrals">
        <Form method="post" className="referral-form" {...getFormProps(form)}>
          <FormErrors form={form} />
          <HiddenField meta={fields.serviceId} />

          <RadioGroup
            meta={fields.mode}
            legend={t("form.mode")}
            options={REFERRAL_MODES.filter((mode) => reception.canReceive || mode !== "sent").map(
              (mode) => ({
                value: mode,
                label: t(`form.modes.${mode}`),
                hint: t(`form.modeHints.${mode}`),
              }),
            )}
          />

          <h2>{t("form.personHeading")}</h2>
          <TextField
            meta={fields.callName}
            label={t("form.callName")}
            hint={t("form.callNameHint")}
          />
          <TextField
            meta={fields.fullName}
            label={t("form.fullName")}
            hint={t("form.fullNameHint")}
          />
          <SelectField
            meta={fields.preferredLanguage}
            label={t("form.preferredLanguage")}
            hint={t("form.preferredLanguageHint")}
            options={Object.entries(languageNames).map(([value, label]) => ({ value, label }))}
            placeholder={t("form.choose")}
          />
          <SelectField
            meta={fields.county}
            label={t("form.county")}
            hint={t("form.countyHint")}
            options={COUNTY_CODES.map((code) => ({ value: code, label: labels.county(code) }))}
            placeholder={t("form.notRecorded")}
          />

          <h2>{t("form.contactHeading")}</h2>
          <p className="hint">{t("form.contactHint")}</p>
          <TextField meta={fields.phone} label={t("form.phone")} type="tel" />
          <CheckboxField meta={fields.phoneConsent} label={t("form.phoneConsent")} />
          <TextField meta={fields.email} label={t("form.email")} type="email" />
          <CheckboxField meta={fields.emailConsent} label={t("form.emailConsent")} />

          <h2>{t("form.needsHeading")}</h2>
          <CheckboxGroup
            meta={fields.needs}
            legend={t("form.needs")}
            options={CATEGORY_CODES.map((code) => ({ value: code, label: labels.category(code) }))}
          />

          <h2>{t("form.urgencyHeading")}</h2>
          <CheckboxField meta={fields.detained} label={t("form.detained")} />
          <TextField
            meta={fields.courtDate}
            label={t("form.courtDate")}
            hint={t("form.courtDateHint")}
            type="date"
          />
          <TextField meta={fields.deadline} label={t("form.deadline")} type="date" />

          <h2>{t("form.followHeading")}</h2>
          <TextAreaField
            meta={fields.notes}
            label={t("form.notes")}
            hint={t("form.notesHint")}
            rows={4}
          />
          <TextField
            meta={fields.followUpOn}
            label={t("form.followUpOn")}
            hint={t("form.followUpOnHint")}
            type="date"
          />

          <button type="submit" className="button button--primary">
            {t("form.submit")}
          </button>
        </Form>
      </FormMessages>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
