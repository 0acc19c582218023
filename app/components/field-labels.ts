import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useLabels } from "./labels";

/** Labels that depend on what is being changed ("name" of a service vs. of an organization). */
const OVERRIDES: Record<string, string> = {
  "organization.name": "fields.organizationName",
  "service.name": "fields.serviceName",
  "location.name": "fields.locationName",
  "organization.email": "fields.publicEmail",
  "service.email": "fields.serviceEmail",
  "service.url": "fields.serviceUrl",
  "location.description": "fields.locationDescription",
  "location.phone": "fields.locationPhone",
  "phone.number": "fields.phoneNumber",
  "phone.type": "fields.phoneType",
  "phone.description": "fields.phoneDescription",
  "phone.languages": "fields.phoneLanguages",
  "phone.serviceId": "fields.phoneService",
  "phone.locationId": "fields.phoneLocation",
};

/**
 * The form label of a field, for the review diff and the audit log: "translations.es" is
 * "Description in Spanish"; a field without a label shows its name.
 */
export function useFieldLabel(): (entityType: string, field: string) => string {
  const { t, i18n } = useTranslation("portal");
  const labels = useLabels();
  return useCallback(
    (entityType: string, field: string) => {
      const [name = field, locale] = field.split(".");
      if (name === "translations" && locale) {
        return t("fields.descriptionIn", { language: labels.language(locale) });
      }
      const key = OVERRIDES[`${entityType}.${name}`] ?? `fields.${name}`;
      return i18n.exists(`portal:${key}`) ? t(key) : field;
    },
    [t, i18n, labels],
  );
}
