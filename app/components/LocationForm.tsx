import { getFormProps, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { LocationForm as LocationFormInput } from "~/directory/forms";
import { COUNTY_CODES } from "#db/codes/counties";
import {
  CheckboxField,
  CheckboxGroup,
  FormErrorSummary,
  SelectField,
  TextAreaField,
  TextField,
} from "./form-fields";
import { useLabels } from "./labels";
import { useHydrated } from "./useHydrated";
import { SubmitChanges } from "./listing-forms";
import { HoursFieldset } from "./ServiceForm";

const LocationPicker = lazy(() => import("./map/LocationPicker.client"));

type Metadata = FormMetadata<LocationFormInput, string[]>;

export interface MapTiles {
  url: string;
  attribution: string;
}

/** Address and position of a location, shared by "new location" and "edit location". */
export function LocationForm({
  form,
  fields,
  reviewed,
  creating,
  mapTiles,
  services,
}: {
  form: Metadata;
  fields: ReturnType<Metadata["getFieldset"]>;
  reviewed: boolean;
  creating: boolean;
  mapTiles: MapTiles;
  /** The organization's services, to say which are offered here. */
  services: Array<{ id: string; label: string }>;
}) {
  const { t } = useTranslation("portal");
  const labels = useLabels();
  const hydrated = useHydrated();
  const number = (value: unknown) =>
    typeof value === "string" && value !== "" && Number.isFinite(Number(value))
      ? Number(value)
      : null;
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrorSummary errorCount={Object.keys(form.allErrors).length} />
      <fieldset className="field-group">
        <legend>{t("location.addressHeading")}</legend>
        <TextField
          meta={fields.name}
          label={t("fields.locationName")}
          hint={t("hints.locationName")}
        />
        <TextField
          meta={fields.address1}
          label={t("fields.address1")}
          autoComplete="address-line1"
        />
        <TextField
          meta={fields.address2}
          label={t("fields.address2")}
          autoComplete="address-line2"
        />
        <TextField
          meta={fields.city}
          label={t("fields.city")}
          hint={t("hints.city")}
          autoComplete="address-level2"
        />
        <TextField
          meta={fields.postalCode}
          label={t("fields.postalCode")}
          hint={t("hints.postalCode")}
          autoComplete="postal-code"
          inputMode="numeric"
        />
        <SelectField
          meta={fields.county}
          label={t("fields.county")}
          hint={t("hints.county")}
          placeholder={t("forms.countyFromZip")}
          options={COUNTY_CODES.map((code) => ({ value: code, label: labels.county(code) }))}
        />
        <TextField
          meta={fields.phone}
          type="tel"
          label={t("fields.locationPhone")}
          hint={t("hints.locationPhone")}
          autoComplete="tel"
        />
        <CheckboxField
          meta={fields.confidential}
          label={t("fields.confidential")}
          hint={t("hints.confidential")}
        />
      </fieldset>

      <fieldset className="field-group">
        <legend>{t("location.positionHeading")}</legend>
        <p className="hint">{t("hints.position")}</p>
        {hydrated ? (
          <Suspense fallback={null}>
            <LocationPicker
              latitude={number(fields.latitude.initialValue)}
              longitude={number(fields.longitude.initialValue)}
              tileUrl={mapTiles.url}
              attribution={mapTiles.attribution}
              label={t("location.mapLabel")}
              onPick={(latitude, longitude) => {
                form.update({ name: fields.latitude.name, value: String(latitude) });
                form.update({ name: fields.longitude.name, value: String(longitude) });
              }}
            />
          </Suspense>
        ) : null}
        <div className="field-row">
          <TextField
            meta={fields.latitude}
            type="number"
            step="any"
            label={t("fields.latitude")}
            inputMode="decimal"
          />
          <TextField
            meta={fields.longitude}
            type="number"
            step="any"
            label={t("fields.longitude")}
            inputMode="decimal"
          />
        </div>
      </fieldset>

      <fieldset className="field-group">
        <legend>{t("location.visitHeading")}</legend>
        <TextAreaField meta={fields.description} label={t("fields.locationDescription")} rows={3} />
        <TextAreaField
          meta={fields.accessibility}
          label={t("fields.accessibility")}
          hint={t("hints.accessibility")}
          rows={3}
        />
        <TextAreaField
          meta={fields.transportation}
          label={t("fields.transportation")}
          hint={t("hints.transportation")}
          rows={3}
        />
      </fieldset>
      <fieldset className="field-group">
        <legend>{t("location.servicesHeading")}</legend>
        {services.length > 0 ? (
          <CheckboxGroup
            meta={fields.serviceIds}
            legend={t("fields.serviceIds")}
            hint={t("hints.serviceIds")}
            options={services.map((service) => ({ value: service.id, label: service.label }))}
            columns={false}
          />
        ) : (
          <p className="hint">{t("hints.noServicesYet")}</p>
        )}
      </fieldset>
      <HoursFieldset
        meta={fields.hours}
        legend={t("location.hoursHeading")}
        hint={t("hints.locationHours")}
      />
      <SubmitChanges reviewed={reviewed} creating={creating} />
    </Form>
  );
}
