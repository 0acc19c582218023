import {
  getFormProps,
  getInputProps,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ServiceForm as ServiceFormInput } from "~/directory/forms";
import { CATEGORY_CODES } from "#db/codes/categories";
import {
  COMMON_SERVICE_LANGUAGES,
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
} from "#db/codes/directory";
import { COUNTY_CODES } from "#db/codes/counties";
import {
  CheckboxField,
  CheckboxGroup,
  FieldErrors,
  FormErrorSummary,
  SelectField,
  TextAreaField,
  TextField,
} from "./form-fields";
import { LanguagePicker } from "./LanguagePicker";
import { useLabels } from "./labels";
import { SubmitChanges } from "./listing-forms";

type Metadata = FormMetadata<ServiceFormInput, string[]>;

/** The service form, shared by "new service" and "edit service". */
export function ServiceForm({
  form,
  fields,
  locations,
  reviewed,
  creating,
}: {
  form: Metadata;
  fields: ReturnType<Metadata["getFieldset"]>;
  locations: Array<{ id: string; label: string }>;
  reviewed: boolean;
  creating: boolean;
}) {
  const { t } = useTranslation("portal");
  const labels = useLabels();
  const vocabularyOptions = (group: string, codes: readonly string[]) =>
    codes.map((code) => ({ value: code, label: labels.vocabulary(group, code) }));
  const field = <K extends keyof typeof fields>(name: K) => fields[name];
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrorSummary errorCount={Object.keys(form.allErrors).length} />

      <fieldset className="field-group">
        <legend>{t("service.aboutHeading")}</legend>
        <TextField meta={field("name")} label={t("fields.serviceName")} />
        <TextField
          meta={field("alternateName")}
          label={t("fields.alternateName")}
          hint={t("hints.alternateName")}
        />
        <TextAreaField
          meta={field("description")}
          label={t("fields.description")}
          hint={t("hints.serviceDescription")}
        />
        <CheckboxGroup
          meta={field("categories")}
          legend={t("fields.categories")}
          hint={t("hints.categories")}
          options={vocabularyOptions("category", CATEGORY_CODES)}
        />
      </fieldset>

      <fieldset className="field-group">
        <legend>{t("service.whoHeading")}</legend>
        <TextAreaField
          meta={field("eligibilityDescription")}
          label={t("fields.eligibilityDescription")}
          rows={3}
        />
        <CheckboxField
          meta={field("acceptingNewClients")}
          label={t("fields.acceptingNewClients")}
        />
        <CheckboxField meta={field("takesDetainedCases")} label={t("fields.takesDetainedCases")} />
        <CheckboxGroup
          meta={field("populations")}
          legend={t("fields.populations")}
          options={vocabularyOptions("population", POPULATIONS)}
        />
        <CheckboxGroup
          meta={field("courtsServed")}
          legend={t("fields.courtsServed")}
          options={vocabularyOptions("court", COURTS)}
        />
        <CheckboxGroup
          meta={field("providerTypes")}
          legend={t("fields.providerTypes")}
          options={vocabularyOptions("provider", PROVIDER_TYPES)}
        />
      </fieldset>

      <fieldset className="field-group">
        <legend>{t("service.languagesHeading")}</legend>
        <CheckboxGroup
          meta={field("languages")}
          legend={t("fields.languages")}
          options={COMMON_SERVICE_LANGUAGES.map((code) => ({
            value: code,
            label: labels.language(code),
          }))}
        />
        <LanguagePicker
          meta={field("otherLanguages")}
          label={t("fields.otherLanguages")}
          hint={t("hints.otherLanguages")}
        />
      </fieldset>

      <fieldset className="field-group">
        <legend>{t("service.costHeading")}</legend>
        <SelectField
          meta={field("fees")}
          label={t("fields.fees")}
          options={vocabularyOptions("fees", FEE_TYPES)}
        />
        <TextAreaField
          meta={field("feesDescription")}
          label={t("fields.feesDescription")}
          rows={3}
        />
      </fieldset>

      <fieldset className="field-group">
        <legend>{t("service.howHeading")}</legend>
        <CheckboxGroup
          meta={field("deliveryMethods")}
          legend={t("fields.deliveryMethods")}
          options={vocabularyOptions("delivery", DELIVERY_METHODS)}
        />
        <TextAreaField
          meta={field("applicationProcess")}
          label={t("fields.applicationProcess")}
          rows={3}
        />
        <TextField
          meta={field("url")}
          type="url"
          label={t("fields.serviceUrl")}
          hint={t("hints.webAddress")}
        />
        <TextField meta={field("email")} type="email" label={t("fields.serviceEmail")} />
        {locations.length > 0 ? (
          <CheckboxGroup
            meta={field("locationIds")}
            legend={t("fields.locationIds")}
            hint={t("hints.locationIds")}
            options={locations.map((location) => ({ value: location.id, label: location.label }))}
            columns={false}
          />
        ) : (
          <p className="hint">{t("hints.noLocationsYet")}</p>
        )}
      </fieldset>

      <fieldset className="field-group">
        <legend>{t("service.areasHeading")}</legend>
        <CheckboxField meta={field("statewide")} label={t("fields.statewide")} />
        <CheckboxGroup
          meta={field("counties")}
          legend={t("fields.counties")}
          options={COUNTY_CODES.map((code) => ({ value: code, label: labels.county(code) }))}
        />
      </fieldset>

      <HoursFieldset
        meta={field("hours")}
        legend={t("service.hoursHeading")}
        hint={t("hints.hours")}
      />

      <SubmitChanges reviewed={reviewed} creating={creating} />
    </Form>
  );
}

/** Weekly hours as a grid: each weekday has time slots; an empty slot means closed. */
export function HoursFieldset<Schema extends Record<string, unknown>>({
  meta,
  legend,
  hint,
}: {
  meta: FieldMetadata<ServiceFormInput["hours"], Schema, string[]>;
  legend: string;
  hint: string;
}) {
  const { t } = useTranslation("portal");
  const labels = useLabels();
  const rows = meta.getFieldList();
  return (
    <fieldset className="field-group hours">
      <legend>{legend}</legend>
      <p className="hint">{hint}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("hours.day")}</th>
            <th scope="col">{t("hours.opens")}</th>
            <th scope="col">{t("hours.closes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const slot = row.getFieldset();
            const weekday = String(slot.weekday.initialValue ?? "");
            const day = labels.vocabulary("weekday", weekday);
            const slotNumber =
              rows
                .slice(0, index)
                .filter((earlier) => String(earlier.getFieldset().weekday.initialValue) === weekday)
                .length + 1;
            const first = slotNumber === 1;
            const { key: opensKey, ...opens } = getInputProps(slot.opensAt, { type: "time" });
            const { key: closesKey, ...closes } = getInputProps(slot.closesAt, { type: "time" });
            return (
              <tr key={row.key}>
                <th scope="row">
                  {first ? day : <span className="visually-hidden">{day}</span>}
                  <input type="hidden" name={slot.weekday.name} value={weekday} />
                </th>
                <td>
                  <label className="visually-hidden" htmlFor={slot.opensAt.id}>
                    {first
                      ? t("hours.opensOn", { day })
                      : t("hours.opensOnSlot", { day, slot: slotNumber })}
                  </label>
                  <input key={opensKey} {...opens} />
                  <FieldErrors meta={slot.opensAt} />
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={slot.closesAt.id}>
                    {first
                      ? t("hours.closesOn", { day })
                      : t("hours.closesOnSlot", { day, slot: slotNumber })}
                  </label>
                  <input key={closesKey} {...closes} />
                  <FieldErrors meta={slot.closesAt} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
