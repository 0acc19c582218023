import { getFormProps, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LocationForm as LocationFormInput } from "~/directory/forms";
import { COUNTY_CODES } from "#db/codes/counties";
import {
  CheckboxField,
  CheckboxGroup,
  FormErrorSummary,
  RadioGroup,
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

/** A service the location form can offer here, with its usual hours already worded. */
export interface LocationServiceOption {
  id: string;
  label: string;
  usualHours: Array<{ days: string; hours: string }>;
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
  /** The organization's services, to say which are offered here and their hours here. */
  services: LocationServiceOption[];
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
      {services.length > 0 ? (
        <fieldset className="field-group">
          <legend>{t("location.hoursHeading")}</legend>
          <p className="hint">{t("hints.locationHours")}</p>
          {fields.serviceHours.getFieldList().map((entry) => (
            <ServiceHoursHere
              key={entry.key}
              meta={entry}
              services={services}
              offered={asList(fields.serviceIds.value)}
              hydrated={hydrated}
            />
          ))}
        </fieldset>
      ) : null}
      <SubmitChanges reviewed={reviewed} creating={creating} />
    </Form>
  );
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return typeof value === "string" ? [value] : [];
}

type ServiceHoursMeta = ReturnType<
  NonNullable<ReturnType<Metadata["getFieldset"]>["serviceHours"]>["getFieldList"]
>[number];

/**
 * One service's hours at this location: the same as it usually has (no rows here) or its own
 * rows here, in the service form's hours grid. Without JavaScript every service's choice is
 * shown and the grid folds into a disclosure; with it, only services ticked above are shown,
 * and the grid only under "different hours here".
 */
function ServiceHoursHere({
  meta,
  services,
  offered,
  hydrated,
}: {
  meta: ServiceHoursMeta;
  services: LocationServiceOption[];
  offered: string[];
  hydrated: boolean;
}) {
  const { t } = useTranslation("portal");
  const entry = meta.getFieldset();
  const serviceId = String(entry.serviceId.initialValue ?? "");
  // Followed here, not through conform's value: a radio's change must re-render this part.
  const initialChoice = String(entry.choice.initialValue ?? "same");
  const [choice, setChoice] = useState(initialChoice);
  const ticked = !hydrated || offered.includes(serviceId);
  // Unticked, its radios go; ticked again, they come back as first given.
  if (!ticked && choice !== initialChoice) setChoice(initialChoice);
  const different = choice === "different";
  const rowsHaveErrors = Object.keys(entry.hours.allErrors).length > 0;
  const service = services.find((option) => option.id === serviceId);
  if (!service) return null;
  const usual =
    service.usualHours.length > 0
      ? t("location.usualHours", {
          hours: service.usualHours.map((line) => `${line.days}: ${line.hours}`).join("; "),
        })
      : t("location.noUsualHours");
  const grid = (
    <HoursFieldset
      meta={entry.hours}
      legend={t("location.hoursOf", { service: service.label })}
      hint={t("hints.hoursHere")}
    />
  );
  if (!ticked) {
    // Not ticked: nothing to choose, and no hours here are sent for it.
    return (
      <>
        <input type="hidden" name={entry.serviceId.name} value={serviceId} />
        <input type="hidden" name={entry.choice.name} value="same" />
      </>
    );
  }
  return (
    <div
      className="service-hours"
      onChange={(event) => {
        const input = event.target as HTMLInputElement;
        if (input.name === entry.choice.name) setChoice(input.value);
      }}
    >
      <input type="hidden" name={entry.serviceId.name} value={serviceId} />
      <RadioGroup
        meta={entry.choice}
        legend={service.label}
        options={[
          { value: "same", label: t("location.sameHours"), hint: usual },
          { value: "different", label: t("location.differentHours") },
        ]}
      />
      {hydrated ? (
        different ? (
          grid
        ) : null
      ) : (
        <details open={different || rowsHaveErrors}>
          <summary>{t("location.hoursHereSummary")}</summary>
          {grid}
        </details>
      )}
    </div>
  );
}
