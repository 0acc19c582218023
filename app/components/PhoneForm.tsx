import { getFormProps, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PhoneForm as PhoneFormInput } from "~/directory/forms";
import { COMMON_SERVICE_LANGUAGES, PHONE_TYPES } from "#db/codes/directory";
import { CheckboxGroup, FormErrorSummary, SelectField, TextField } from "./form-fields";
import { LanguagePicker } from "./LanguagePicker";
import { useLabels } from "./labels";
import { SubmitChanges } from "./listing-forms";

type Metadata = FormMetadata<PhoneFormInput, string[]>;

export interface PhoneOptions {
  services: Array<{ id: string; label: string }>;
  locations: Array<{ id: string; label: string }>;
}

/** A phone number of the organization, optionally of one service or location. */
export function PhoneForm({
  form,
  fields,
  options,
  reviewed,
  creating,
}: {
  form: Metadata;
  fields: ReturnType<Metadata["getFieldset"]>;
  options: PhoneOptions;
  reviewed: boolean;
  creating: boolean;
}) {
  const { t } = useTranslation("portal");
  const labels = useLabels();
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrorSummary errorCount={Object.keys(form.allErrors).length} />
      <TextField
        meta={fields.number}
        type="tel"
        label={t("fields.phoneNumber")}
        hint={t("hints.phoneNumber")}
        autoComplete="tel"
      />
      <TextField meta={fields.extension} label={t("fields.extension")} inputMode="numeric" />
      <SelectField
        meta={fields.type}
        label={t("fields.phoneType")}
        options={PHONE_TYPES.map((code) => ({
          value: code,
          label: labels.vocabulary("phoneType", code),
        }))}
      />
      <TextField
        meta={fields.description}
        label={t("fields.phoneDescription")}
        hint={t("hints.phoneDescription")}
      />
      <CheckboxGroup
        meta={fields.languages}
        legend={t("fields.phoneLanguages")}
        options={COMMON_SERVICE_LANGUAGES.map((code) => ({
          value: code,
          label: labels.language(code),
        }))}
      />
      <LanguagePicker
        meta={fields.otherLanguages}
        label={t("fields.otherLanguages")}
        hint={t("hints.otherLanguages")}
      />
      <SelectField
        meta={fields.serviceId}
        label={t("fields.phoneService")}
        placeholder={t("forms.wholeOrganization")}
        options={options.services.map((service) => ({ value: service.id, label: service.label }))}
      />
      <SelectField
        meta={fields.locationId}
        label={t("fields.phoneLocation")}
        placeholder={t("forms.anyLocation")}
        options={options.locations.map((location) => ({
          value: location.id,
          label: location.label,
        }))}
      />
      <SubmitChanges reviewed={reviewed} creating={creating} />
    </Form>
  );
}
