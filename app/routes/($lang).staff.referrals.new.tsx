import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { coalitionToday } from "~/coalition.server";
import { CATEGORY_CODES } from "~/directory/taxonomy";
import { COMMON_SERVICE_LANGUAGES, COUNTY_CODES } from "~/directory/vocabulary";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { SUPPORTED_LOCALES } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { addDays } from "~/directory/dates";
import { referralFormSchema } from "~/referrals/forms";
import { languageNamesFor, requestLocale, staffReferralPath } from "~/referrals/http.server";
import { createReferral, getReferableService } from "~/referrals/referrals.server";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { FieldErrors, FormErrors, splitKey } from "~/referrals/ui/fields";
import { useReferralLabels } from "~/referrals/ui/labels";
import { REFERRAL_MODES } from "~/referrals/workflow";
import { referralLinks } from "~/referrals/ui/styles";
import { readForm } from "~/http/form.server";
import { attempt, orRespond } from "~/http/responses.server";

export const links = referralLinks;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "new.title", "referrals");

const FOLLOW_UP_AFTER_DAYS = 7;

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
    defaultFollowUp: addDays(coalitionToday(new Date()).isoDate, FOLLOW_UP_AFTER_DAYS),
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
    message: referral.mode === "sent" ? "referrals:flash.sent" : "referrals:flash.logged",
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
    defaultValue: { mode: "sent", followUpOn: defaultFollowUp, serviceId: service?.id ?? "" },
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

  const [serviceKey, serviceProps] = splitKey(getInputProps(fields.serviceId, { type: "hidden" }));
  return (
    <div className="referral-page">
      <h1>{t("new.heading")}</h1>
      <p className="lead">
        {t("new.to", { service: service.name, organization: service.organizationName })}
      </p>
      {!service.available ? (
        <p className="notice notice--error">{t("errors.serviceUnavailable")}</p>
      ) : null}
      <p className="hint">{t("new.privacy")}</p>
      <Form method="post" className="referral-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...serviceProps} key={serviceKey} />

        <fieldset className="field">
          <legend>{t("form.mode")}</legend>
          {getCollectionProps(fields.mode, { type: "radio", options: [...REFERRAL_MODES] }).map(
            ({ key, ...props }) => (
              <div key={key} className="choice">
                <input {...props} aria-describedby={`${props.id}-hint`} />
                <label htmlFor={props.id}>{t(`form.modes.${props.value}`)}</label>
                <p id={`${props.id}-hint`} className="hint">
                  {t(`form.modeHints.${props.value}`)}
                </p>
              </div>
            ),
          )}
          <FieldErrors id={fields.mode.errorId} errors={fields.mode.errors} />
        </fieldset>

        <h2>{t("form.personHeading")}</h2>
        <TextInput
          meta={fields.callName}
          label={t("form.callName")}
          hint={t("form.callNameHint")}
        />
        <TextInput
          meta={fields.fullName}
          label={t("form.fullName")}
          hint={t("form.fullNameHint")}
        />
        <SelectInput
          meta={fields.preferredLanguage}
          label={t("form.preferredLanguage")}
          hint={t("form.preferredLanguageHint")}
          options={Object.entries(languageNames).map(([value, label]) => ({ value, label }))}
          placeholder={t("form.choose")}
        />
        <SelectInput
          meta={fields.county}
          label={t("form.county")}
          hint={t("form.countyHint")}
          options={COUNTY_CODES.map((code) => ({ value: code, label: labels.county(code) }))}
          placeholder={t("form.notRecorded")}
        />

        <h2>{t("form.contactHeading")}</h2>
        <p className="hint">{t("form.contactHint")}</p>
        <TextInput meta={fields.phone} label={t("form.phone")} type="tel" />
        <CheckboxInput meta={fields.phoneConsent} label={t("form.phoneConsent")} />
        <TextInput meta={fields.email} label={t("form.email")} type="email" />
        <CheckboxInput meta={fields.emailConsent} label={t("form.emailConsent")} />

        <h2>{t("form.needsHeading")}</h2>
        <fieldset className="field checkbox-grid">
          <legend>{t("form.needs")}</legend>
          {getCollectionProps(fields.needs, { type: "checkbox", options: [...CATEGORY_CODES] }).map(
            ({ key, ...props }) => (
              <div key={key} className="choice">
                <input {...props} />
                <label htmlFor={props.id}>{labels.category(props.value)}</label>
              </div>
            ),
          )}
          <FieldErrors id={fields.needs.errorId} errors={fields.needs.errors} />
        </fieldset>

        <h2>{t("form.urgencyHeading")}</h2>
        <CheckboxInput meta={fields.detained} label={t("form.detained")} />
        <TextInput
          meta={fields.courtDate}
          label={t("form.courtDate")}
          hint={t("form.courtDateHint")}
          type="date"
        />
        <TextInput meta={fields.deadline} label={t("form.deadline")} type="date" />

        <h2>{t("form.followHeading")}</h2>
        <div className="field">
          <label htmlFor={fields.notes.id}>{t("form.notes")}</label>
          <TextareaInput meta={fields.notes} hintId={`${fields.notes.id}-hint`} />
          <p id={`${fields.notes.id}-hint`} className="hint">
            {t("form.notesHint")}
          </p>
          <FieldErrors id={fields.notes.errorId} errors={fields.notes.errors} />
        </div>
        <TextInput
          meta={fields.followUpOn}
          label={t("form.followUpOn")}
          hint={t("form.followUpOnHint")}
          type="date"
        />

        <button type="submit" className="button button--primary">
          {t("form.submit")}
        </button>
      </Form>
    </div>
  );
}

function TextInput({
  meta,
  label,
  hint,
  type = "text",
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  type?: "text" | "tel" | "email" | "date";
}) {
  const hintId = `${meta.id}-hint`;
  const [key, props] = splitKey(
    getInputProps(meta, { type, ariaDescribedBy: hint ? hintId : undefined }),
  );
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input key={key} {...props} />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function TextareaInput({
  meta,
  hintId,
}: {
  meta: FieldMetadata<string | undefined>;
  hintId: string;
}) {
  const [key, props] = splitKey(getTextareaProps(meta, { ariaDescribedBy: hintId }));
  return <textarea key={key} {...props} />;
}

function CheckboxInput({ meta, label }: { meta: FieldMetadata<boolean>; label: string }) {
  const [key, props] = splitKey(getInputProps(meta, { type: "checkbox" }));
  return (
    <div className="field choice">
      <input key={key} {...props} />
      <label htmlFor={meta.id}>{label}</label>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function SelectInput({
  meta,
  label,
  hint,
  options,
  placeholder,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  placeholder: string;
}) {
  const hintId = `${meta.id}-hint`;
  const [key, props] = splitKey(
    getSelectProps(meta, { ariaDescribedBy: hint ? hintId : undefined }),
  );
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select key={key} {...props}>
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
