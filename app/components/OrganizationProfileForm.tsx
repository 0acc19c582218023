import { getFormProps, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OrganizationProfileForm as OrganizationProfileInput } from "~/directory/forms";
import {
  FieldErrors,
  FormErrorSummary,
  SelectField,
  TextAreaField,
  TextField,
} from "./form-fields";
import { useLabels } from "./labels";
import { SubmitChanges } from "./listing-forms";

type Metadata = FormMetadata<OrganizationProfileInput, string[]>;

/**
 * The organization's profile: name, description and its translations, web address, public
 * email and logo. `languages` are the languages a description may be written in.
 */
export function OrganizationProfileForm({
  form,
  fields,
  languages,
  reviewed,
}: {
  form: Metadata;
  fields: ReturnType<Metadata["getFieldset"]>;
  languages: readonly string[];
  reviewed: boolean;
}) {
  const { t } = useTranslation("portal");
  const labels = useLabels();
  const translations = fields.translations.getFieldList();
  const languageOptions = languages.map((code) => ({
    value: code,
    label: labels.language(code),
  }));
  const translated = new Set([
    fields.originalLanguage.initialValue,
    ...translations.map((row) => row.getFieldset().locale.initialValue),
  ]);
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrorSummary errorCount={Object.keys(form.allErrors).length} />
      <TextField
        meta={fields.name}
        label={t("fields.organizationName")}
        autoComplete="organization"
      />
      <TextField
        meta={fields.alternateName}
        label={t("fields.alternateName")}
        hint={t("hints.alternateName")}
      />
      <SelectField
        meta={fields.originalLanguage}
        label={t("fields.originalLanguage")}
        hint={t("hints.originalLanguage")}
        options={languageOptions}
      />
      <TextAreaField
        meta={fields.description}
        label={t("fields.description")}
        hint={t("hints.organizationDescription")}
        rows={8}
      />

      <fieldset className="field-group">
        <legend>{t("organization.translationsHeading")}</legend>
        <p className="hint">{t("organization.translationsHint")}</p>
        {translations.map((row) => {
          const translation = row.getFieldset();
          const locale = translation.locale.initialValue ?? "";
          return (
            <div key={row.key}>
              <input type="hidden" name={translation.locale.name} value={locale} />
              <FieldErrors meta={translation.locale} />
              <TextAreaField
                meta={translation.description}
                label={t("fields.descriptionIn", { language: labels.language(locale) })}
                hint={t("hints.removeTranslation")}
                lang={locale}
                rows={6}
              />
            </div>
          );
        })}
        <SelectField
          meta={fields.newTranslationLocale}
          label={t("fields.newTranslationLocale")}
          options={languageOptions.filter((option) => !translated.has(option.value))}
          placeholder={t("forms.chooseLanguage")}
        />
        <TextAreaField
          meta={fields.newTranslationDescription}
          label={t("fields.newTranslationDescription")}
          rows={6}
        />
      </fieldset>

      <TextField
        meta={fields.website}
        type="url"
        label={t("fields.website")}
        hint={t("hints.webAddress")}
        autoComplete="url"
      />
      <TextField
        meta={fields.email}
        type="email"
        label={t("fields.publicEmail")}
        autoComplete="email"
      />
      <SubmitChanges reviewed={reviewed} />
    </Form>
  );
}
