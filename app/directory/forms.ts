import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { LISTING_STATUSES } from "#db/codes/directory";
import { CATEGORY_CODES } from "#db/codes/categories";
import {
  COMMON_SERVICE_LANGUAGES,
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  isLanguageTag,
  PHONE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
} from "#db/codes/directory";
import { COUNTY_CODES } from "#db/codes/counties";
import { joinLanguageList, splitLanguageList } from "~/i18n/language-list";
import type {
  HoursRow,
  LocationFields,
  LocationInput,
  OrganizationFields,
  PhoneFields,
  ServiceFields,
} from "./fields";

/*
 * One zod schema per form. The server validates submissions with them (parseForm) and the
 * pages derive their HTML constraints from them (getZodConstraint), so both always agree.
 * Messages are keys under `portal:formErrors`, translated where they are shown.
 */

export type FormErrorKey =
  | "required"
  | "tooLong"
  | "invalid"
  | "email"
  | "url"
  | "invalidChoice"
  | "chooseAtLeastOne"
  | "zip"
  | "phone"
  | "extension"
  | "time"
  | "hoursIncomplete"
  | "hoursOrder"
  | "languageTags"
  | "unknownLanguages"
  | "languageTag"
  | "chooseLanguage"
  | "duplicateLanguage"
  | "coordinatesPair"
  | "latitude"
  | "longitude"
  | "date"
  | "placeNotFound"
  | "countyRequired"
  | "invalidReference"
  | "unknownCategory"
  | "hoursHereEmpty"
  | "hoursNotOffered";

const message = (key: FormErrorKey) => key;

/** Default messages for the checks that do not name one. */
const errorMap: z.ZodErrorMap = (issue) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === "undefined" ? "required" : "invalid" };
    case z.ZodIssueCode.too_big:
      return { message: "tooLong" };
    case z.ZodIssueCode.too_small:
      return { message: issue.type === "array" ? "chooseAtLeastOne" : "required" };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: "invalidChoice" };
    case z.ZodIssueCode.invalid_string:
      return {
        message:
          issue.validation === "email" ? "email" : issue.validation === "url" ? "url" : "invalid",
      };
    default:
      return { message: "invalid" };
  }
};

/** Parses a submitted form with its schema; the same call works in the browser. */
export function parseForm<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema) {
  return parseWithZod(formData, { schema, errorMap });
}

// --- building blocks ------------------------------------------------------------------------

const requiredText = (max: number) => z.string().trim().min(1, message("required")).max(max);

/** Empty (conform turns "" into undefined) becomes null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null);

const optionalEmail = z
  .string()
  .trim()
  .email()
  .max(254)
  .optional()
  .transform((value) => value || null);

/** Only web addresses people can open safely: http(s), never javascript: or data:. */
const optionalWebAddress = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), message("url"))
  .optional()
  .transform((value) => value || null);

const checkbox = z.boolean().optional().default(false);

const choices = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).optional().default([]);

const languageTag = z.string().trim().refine(isLanguageTag, message("languageTag"));

/**
 * Turns typed language names into codes; unknown names are returned apart. The server's
 * resolver (app/directory/language-fields.server.ts) knows every ISO 639-3 name in the
 * editor's language; without it (the browser's field constraints) only codes are known.
 */
export type LanguageResolver = (names: string[]) => { codes: string[]; unknown: string[] };

const codesOnly: LanguageResolver = (names) => ({
  codes: names.filter(isLanguageTag),
  unknown: names.filter((name) => !isLanguageTag(name)),
});

/**
 * "Mam, tseltal" → ["mam", "tzh"]: languages that are not among the checkboxes, by name.
 * Unknown names get one message naming them (`unknownLanguages?names=…`, see FieldErrors).
 */
const otherLanguages = (resolve: LanguageResolver) =>
  z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((value, context) => {
      const { codes, unknown } = resolve(splitLanguageList(value));
      if (unknown.length > 0) {
        const names = new URLSearchParams({ names: joinLanguageList(unknown) });
        context.addIssue({ code: "custom", message: `${message("unknownLanguages")}?${names}` });
        return z.NEVER;
      }
      return codes;
    });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, message("date"))
  .optional()
  .transform((value) => value ?? null);

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, message("time"))
  .optional();

const id = z.string().uuid(message("invalidReference"));

// --- organization profile -----------------------------------------------------------------

export const organizationProfileSchema = z
  .object({
    name: requiredText(200),
    alternateName: optionalText(200),
    description: optionalText(5000),
    originalLanguage: languageTag,
    website: optionalWebAddress,
    email: optionalEmail,
    /** The translations the organization already has; an emptied one is removed. */
    translations: z
      .array(z.object({ locale: languageTag, description: optionalText(5000) }))
      .optional()
      .default([]),
    newTranslationLocale: languageTag.optional(),
    newTranslationDescription: optionalText(5000),
  })
  .superRefine((form, context) => {
    if (form.newTranslationDescription && !form.newTranslationLocale) {
      context.addIssue({
        code: "custom",
        path: ["newTranslationLocale"],
        message: message("chooseLanguage"),
      });
    }
    const taken = [form.originalLanguage, ...form.translations.map((t) => t.locale)];
    if (
      form.newTranslationLocale &&
      form.newTranslationDescription &&
      taken.includes(form.newTranslationLocale)
    ) {
      context.addIssue({
        code: "custom",
        path: ["newTranslationLocale"],
        message: message("duplicateLanguage"),
      });
    }
  })
  .transform((form): OrganizationFields => ({
    name: form.name,
    alternateName: form.alternateName,
    description: form.description ?? "",
    originalLanguage: form.originalLanguage,
    website: form.website,
    email: form.email,
    translations: {
      ...Object.fromEntries(form.translations.map((t) => [t.locale, t.description])),
      ...(form.newTranslationLocale && form.newTranslationDescription
        ? { [form.newTranslationLocale]: form.newTranslationDescription }
        : {}),
    },
  }));

// --- service ------------------------------------------------------------------------------

export const COMMON_LANGUAGES = COMMON_SERVICE_LANGUAGES as readonly string[];

const hoursRow = z
  .object({
    weekday: z.coerce.number().int().min(1).max(7),
    opensAt: timeOfDay,
    closesAt: timeOfDay,
  })
  .superRefine((row, context) => {
    if (!row.opensAt !== !row.closesAt) {
      const path = row.opensAt ? "closesAt" : "opensAt";
      context.addIssue({ code: "custom", path: [path], message: message("hoursIncomplete") });
    } else if (row.opensAt && row.closesAt && row.opensAt >= row.closesAt) {
      context.addIssue({ code: "custom", path: ["closesAt"], message: message("hoursOrder") });
    }
  });

/** Filled rows of an hours grid (an empty slot means closed), as stored. */
function filledHours(rows: Array<{ weekday: number; opensAt?: string; closesAt?: string }>) {
  return rows
    .filter((row): row is HoursRow => !!row.opensAt && !!row.closesAt)
    .map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt }));
}

export const serviceSchemaWith = (resolve: LanguageResolver) =>
  z
    .object({
      name: requiredText(200),
      alternateName: optionalText(200),
      description: optionalText(5000),
      url: optionalWebAddress,
      email: optionalEmail,
      fees: z.enum(FEE_TYPES),
      feesDescription: optionalText(2000),
      eligibilityDescription: optionalText(2000),
      applicationProcess: optionalText(2000),
      acceptingNewClients: checkbox,
      takesDetainedCases: checkbox,
      deliveryMethods: z.array(z.enum(DELIVERY_METHODS)).min(1),
      providerTypes: choices(PROVIDER_TYPES),
      populations: choices(POPULATIONS),
      courtsServed: choices(COURTS),
      categories: z.array(z.enum(CATEGORY_CODES)).min(1),
      languages: z.array(z.string()).optional().default([]),
      otherLanguages: otherLanguages(resolve),
      statewide: checkbox,
      counties: choices(COUNTY_CODES),
      locationIds: z.array(id).optional().default([]),
      hours: z.array(hoursRow).optional().default([]),
    })
    .superRefine((form, context) => {
      if (!form.languages.every((code) => COMMON_LANGUAGES.includes(code))) {
        context.addIssue({
          code: "custom",
          path: ["languages"],
          message: message("invalidChoice"),
        });
      }
    })
    .transform((form): Omit<ServiceFields, "status"> => ({
      name: form.name,
      alternateName: form.alternateName,
      description: form.description ?? "",
      url: form.url,
      email: form.email,
      fees: form.fees,
      feesDescription: form.feesDescription,
      eligibilityDescription: form.eligibilityDescription,
      applicationProcess: form.applicationProcess,
      acceptingNewClients: form.acceptingNewClients,
      takesDetainedCases: form.takesDetainedCases,
      deliveryMethods: form.deliveryMethods,
      providerTypes: form.providerTypes,
      populations: form.populations,
      courtsServed: form.courtsServed,
      categories: form.categories,
      languages: [...new Set([...form.languages, ...form.otherLanguages])],
      statewide: form.statewide,
      counties: form.counties,
      locationIds: [...new Set(form.locationIds)],
      hours: filledHours(form.hours),
    }));

/** The service form's schema for the browser's constraints (languages typed as codes). */
export const serviceSchema = serviceSchemaWith(codesOnly);

export const SERVICE_STATUS_ACTIONS = ["paused", "archived", "active"] as const;
export const serviceStatusSchema = z.object({ status: z.enum(SERVICE_STATUS_ACTIONS) });

// --- location -----------------------------------------------------------------------------

/** Per service offered at a location: its own hours there, or different ones. */
export const SERVICE_HOURS_CHOICES = ["same", "different"] as const;

/**
 * One service's hours at this location. The rows are checked (by `hoursRow`, the service
 * form's own rules) only when "different hours here" is chosen: rows left behind under
 * "same hours" are ignored, not refused.
 */
const serviceHoursHere = z.object({
  serviceId: id,
  choice: z.enum(SERVICE_HOURS_CHOICES).optional().default("same"),
  hours: z
    .array(
      z.object({
        weekday: z.coerce.number().int().min(1).max(7),
        opensAt: z.string().optional(),
        closesAt: z.string().optional(),
      }),
    )
    .optional()
    .default([]),
});

export const locationSchema = z
  .object({
    name: optionalText(200),
    description: optionalText(1000),
    address1: requiredText(200),
    address2: optionalText(200),
    city: requiredText(100),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}(-\d{4})?$/, message("zip")),
    county: z
      .enum(COUNTY_CODES)
      .optional()
      .transform((value) => value ?? null),
    latitude: z.coerce
      .number()
      .min(-90, message("latitude"))
      .max(90, message("latitude"))
      .optional(),
    longitude: z.coerce
      .number()
      .min(-180, message("longitude"))
      .max(180, message("longitude"))
      .optional(),
    accessibility: optionalText(1000),
    transportation: optionalText(1000),
    confidential: checkbox,
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+() .-]{7,25}$/, message("phone"))
      .optional()
      .transform((value) => value ?? null),
    serviceIds: z.array(id).optional().default([]),
    serviceHours: z.array(serviceHoursHere).optional().default([]),
  })
  .superRefine((form, context) => {
    if ((form.latitude === undefined) !== (form.longitude === undefined)) {
      const path = form.latitude === undefined ? "latitude" : "longitude";
      context.addIssue({ code: "custom", path: [path], message: message("coordinatesPair") });
    }
    form.serviceHours.forEach((entry, index) => {
      if (entry.choice !== "different") return;
      const at = ["serviceHours", index];
      if (!form.serviceIds.includes(entry.serviceId)) {
        context.addIssue({
          code: "custom",
          path: [...at, "choice"],
          message: message("hoursNotOffered"),
        });
        return;
      }
      let typed = false;
      entry.hours.forEach((row, rowIndex) => {
        if (row.opensAt || row.closesAt) typed = true;
        const checked = hoursRow.safeParse(row, { errorMap });
        for (const issue of checked.success ? [] : checked.error.issues) {
          context.addIssue({
            code: "custom",
            path: [...at, "hours", rowIndex, ...issue.path],
            message: issue.message,
          });
        }
      });
      if (!typed) {
        context.addIssue({
          code: "custom",
          path: [...at, "choice"],
          message: message("hoursHereEmpty"),
        });
      }
    });
  })
  .transform(({ serviceHours, ...form }): LocationInput => ({
    ...form,
    latitude: form.latitude ?? null,
    longitude: form.longitude ?? null,
    serviceIds: [...new Set(form.serviceIds)],
    serviceHours: Object.fromEntries(
      serviceHours
        .filter((entry) => entry.choice === "different")
        .map((entry) => [entry.serviceId, filledHours(entry.hours)]),
    ),
  }));

// --- phone --------------------------------------------------------------------------------

export const phoneSchemaWith = (resolve: LanguageResolver) =>
  z
    .object({
      number: z
        .string()
        .trim()
        .regex(/^[0-9+() .-]{7,25}$/, message("phone")),
      extension: z
        .string()
        .trim()
        .regex(/^[0-9]{1,8}$/, message("extension"))
        .optional()
        .transform((value) => value ?? null),
      type: z.enum(PHONE_TYPES),
      description: optionalText(200),
      languages: z.array(z.string()).optional().default([]),
      otherLanguages: otherLanguages(resolve),
      serviceId: id.optional().transform((value) => value ?? null),
      locationId: id.optional().transform((value) => value ?? null),
    })
    .superRefine((form, context) => {
      if (!form.languages.every((code) => COMMON_LANGUAGES.includes(code))) {
        context.addIssue({
          code: "custom",
          path: ["languages"],
          message: message("invalidChoice"),
        });
      }
    })
    .transform((form): PhoneFields => ({
      number: form.number,
      extension: form.extension,
      type: form.type,
      description: form.description,
      languages: [...new Set([...form.languages, ...form.otherLanguages])],
      serviceId: form.serviceId,
      locationId: form.locationId,
    }));

export const phoneSchema = phoneSchemaWith(codesOnly);

// --- dashboards and review ----------------------------------------------------------------

export const portalDashboardSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm"), organizationId: id }),
  z.object({ intent: z.literal("withdraw"), changeSetId: id }),
]);

export const reviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("return"), comment: requiredText(2000) }),
]);

export const createOrganizationSchema = z.object({
  name: requiredText(200),
  email: optionalEmail,
  website: optionalWebAddress,
  isCoalitionMember: checkbox,
  memberSince: isoDate,
  trusted: checkbox,
});

export const organizationAdministrationSchema = z.object({
  organizationId: id,
  isCoalitionMember: checkbox,
  memberSince: isoDate,
  trusted: checkbox,
  status: z.enum(LISTING_STATUSES),
  /** Empty arrives as absent (conform): the route clears it when the field was sent empty. */
  intakeEmail: z.string().trim().email().max(254).optional(),
});

// --- what the forms show first ------------------------------------------------------------

/**
 * Checkbox languages, and the rest as names in the editor's language ("Mam, Tzeltal"):
 * `names` maps codes to those names (the loader's `languageNames`); a code without one is
 * shown as itself.
 */
export function splitLanguages(
  codes: string[],
  names: Record<string, string> = {},
): { languages: string[]; otherLanguages: string } {
  return {
    languages: codes.filter((code) => COMMON_LANGUAGES.includes(code)),
    otherLanguages: joinLanguageList(
      codes.filter((code) => !COMMON_LANGUAGES.includes(code)).map((code) => names[code] ?? code),
    ),
  };
}

/** Hours as form rows: every weekday gets at least two time slots (e.g. morning and afternoon). */
export function hoursFormRows(hours: HoursRow[]) {
  const rows: Array<{ weekday: string; opensAt: string; closesAt: string }> = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = hours.filter((row) => row.weekday === weekday);
    const slots = Math.max(2, day.length);
    for (let slot = 0; slot < slots; slot++) {
      rows.push({
        weekday: String(weekday),
        opensAt: day[slot]?.opensAt ?? "",
        closesAt: day[slot]?.closesAt ?? "",
      });
    }
  }
  return rows;
}

export function serviceFormDefaults(
  fields: Omit<ServiceFields, "status"> | null,
  languageNames: Record<string, string> = {},
) {
  if (!fields) {
    return {
      fees: "free",
      acceptingNewClients: true,
      deliveryMethods: ["in_person"],
      ...splitLanguages([]),
      hours: hoursFormRows([]),
    };
  }
  return {
    ...fields,
    ...splitLanguages(fields.languages, languageNames),
    hours: hoursFormRows(fields.hours),
  };
}

/**
 * The location form's first values: for each of the organization's services, "same hours as
 * the service usually has" unless it keeps other hours here, and its hours here as a grid.
 */
export function locationFormDefaults(
  fields: LocationFields | null,
  services: ReadonlyArray<{ id: string }>,
) {
  return {
    ...(fields ?? {}),
    serviceHours: services.map((service) => {
      const rows = fields?.serviceHours[service.id] ?? [];
      return {
        serviceId: service.id,
        choice: rows.length > 0 ? "different" : "same",
        hours: hoursFormRows(rows),
      };
    }),
  };
}

export function phoneFormDefaults(
  fields: PhoneFields | null,
  languageNames: Record<string, string> = {},
) {
  if (!fields) return { type: "voice", ...splitLanguages([]) };
  return { ...fields, ...splitLanguages(fields.languages, languageNames) };
}

export type OrganizationProfileForm = z.input<typeof organizationProfileSchema>;
export type ServiceForm = z.input<typeof serviceSchema>;
export type LocationForm = z.input<typeof locationSchema>;
export type PhoneForm = z.input<typeof phoneSchema>;
export type CreateOrganizationForm = z.input<typeof createOrganizationSchema>;
