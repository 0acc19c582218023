import type { CategoryCode } from "#db/codes/categories";
import type { CountyCode } from "#db/codes/counties";
import type {
  Court,
  DeliveryMethod,
  FeeType,
  PhoneType,
  Population,
  ProviderType,
  ServiceStatus,
} from "#db/codes/directory";

/*
 * The editable fields of each part of a listing, in one shape shared by the forms (what a
 * person submits), the change sets (what is proposed), the audit log (before/after) and the
 * review screen (the diff). Pure: no database, safe in the browser.
 */

export interface OrganizationFields {
  name: string;
  alternateName: string | null;
  description: string;
  /** Language `description` is written in; other languages live in `translations`. */
  originalLanguage: string;
  website: string | null;
  email: string | null;
  /** Description per language tag. In a change: only the languages that change, null = removed. */
  translations: Record<string, string | null>;
}

export interface HoursRow {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  opensAt: string; // "09:00"
  closesAt: string; // "17:00"
}

export interface ServiceFields {
  name: string;
  alternateName: string | null;
  description: string;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  fees: FeeType;
  feesDescription: string | null;
  eligibilityDescription: string | null;
  applicationProcess: string | null;
  acceptingNewClients: boolean;
  takesDetainedCases: boolean;
  deliveryMethods: DeliveryMethod[];
  providerTypes: ProviderType[];
  populations: Population[];
  courtsServed: Court[];
  categories: CategoryCode[];
  languages: string[];
  statewide: boolean;
  counties: CountyCode[];
  /** The organization's locations where the service is offered. */
  locationIds: string[];
  hours: HoursRow[];
}

export interface LocationFields {
  name: string | null;
  description: string | null;
  address1: string;
  address2: string | null;
  city: string;
  county: CountyCode;
  postalCode: string;
  latitude: number | null;
  longitude: number | null;
  accessibility: string | null;
  transportation: string | null;
  confidential: boolean;
  /** The location's own phone line (its first one); the organization's is shown without it. */
  phone: string | null;
  /**
   * The organization's services offered here (service_at_location), chosen on the location
   * form so that a new location and its services go through one review.
   */
  serviceIds: string[];
  /** Hours at this location of those services (HSDS service_at_location schedules); empty:
   * each service's own hours. */
  hours: HoursRow[];
}

/**
 * What the location form submits: coordinates are optional (set by clicking the map) and so is
 * the county (taken from the ZIP code when it lies in one of the coalition's counties).
 */
export type LocationInput = Omit<
  LocationFields,
  "county" | "latitude" | "longitude" | "phone" | "serviceIds" | "hours"
> &
  Partial<Pick<LocationFields, "phone" | "serviceIds" | "hours">> & {
    county: CountyCode | null;
    latitude: number | null;
    longitude: number | null;
  };

export interface PhoneFields {
  number: string;
  extension: string | null;
  type: PhoneType;
  description: string | null;
  languages: string[];
  serviceId: string | null;
  locationId: string | null;
}

export interface EntityFields {
  organization: OrganizationFields;
  service: ServiceFields;
  location: LocationFields;
  phone: PhoneFields;
}
export type EntityType = keyof EntityFields;
export type AnyFields = EntityFields[EntityType];

/** The order fields are shown in (forms, review, audit), whatever order they were stored in. */
export const FIELD_ORDER: { [T in EntityType]: ReadonlyArray<keyof EntityFields[T]> } = {
  organization: [
    "name",
    "alternateName",
    "description",
    "originalLanguage",
    "translations",
    "website",
    "email",
  ],
  service: [
    "name",
    "alternateName",
    "status",
    "description",
    "categories",
    "languages",
    "fees",
    "feesDescription",
    "eligibilityDescription",
    "applicationProcess",
    "acceptingNewClients",
    "takesDetainedCases",
    "deliveryMethods",
    "providerTypes",
    "populations",
    "courtsServed",
    "statewide",
    "counties",
    "locationIds",
    "hours",
    "url",
    "email",
  ],
  location: [
    "name",
    "address1",
    "address2",
    "city",
    "postalCode",
    "county",
    "latitude",
    "longitude",
    "confidential",
    "phone",
    "serviceIds",
    "hours",
    "description",
    "accessibility",
    "transportation",
  ],
  phone: ["number", "extension", "type", "description", "languages", "serviceId", "locationId"],
};

/** Field names sorted in display order (unknown names last, as given). */
export function inFieldOrder(entityType: EntityType, fields: string[]): string[] {
  const order = FIELD_ORDER[entityType] as readonly string[];
  const rank = (field: string) => {
    const index = order.indexOf(field.split(".")[0]!);
    return index === -1 ? order.length : index;
  };
  return [...fields].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Fields whose value is a set: order does not matter. */
const SET_FIELDS = new Set([
  "deliveryMethods",
  "providerTypes",
  "populations",
  "courtsServed",
  "categories",
  "languages",
  "counties",
  "locationIds",
  "serviceIds",
]);

/** Fields keyed by language: compared, proposed and shown one language at a time. */
const KEYED_FIELDS = new Set(["translations"]);

function canonical(field: string, value: unknown): unknown {
  if (value === undefined || value === "") return null;
  if (Array.isArray(value)) {
    if (SET_FIELDS.has(field)) return [...(value as string[])].sort();
    if (field === "hours") {
      return [...(value as HoursRow[])]
        .map((row) => ({ weekday: row.weekday, opensAt: row.opensAt, closesAt: row.closesAt }))
        .sort((a, b) =>
          a.weekday !== b.weekday ? a.weekday - b.weekday : a.opensAt.localeCompare(b.opensAt),
        );
    }
  }
  return value;
}

export function sameValue(field: string, a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(field, a)) === JSON.stringify(canonical(field, b));
}

type Keyed = Record<string, string | null>;

/**
 * What a submission actually changes: only the fields (and, for translations, only the
 * languages) whose value differs from the current one. Empty when nothing changed.
 */
export function changedFields<F extends object>(
  before: F | null,
  submitted: Partial<F>,
): Partial<F> {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(submitted)) {
    if (value === undefined) continue;
    const previous = before ? (before as Record<string, unknown>)[field] : undefined;
    if (KEYED_FIELDS.has(field)) {
      const delta = keyedDelta((previous ?? {}) as Keyed, value as Keyed, before === null);
      if (Object.keys(delta).length > 0) changes[field] = delta;
    } else if (before === null || !sameValue(field, previous, value)) {
      changes[field] = canonical(field, value);
    }
  }
  return changes as Partial<F>;
}

function keyedDelta(previous: Keyed, next: Keyed, creating: boolean): Keyed {
  const delta: Keyed = {};
  for (const [key, text] of Object.entries(next)) {
    const value = text?.trim() ? text : null;
    if (value === null && (creating || !previous[key])) continue;
    if ((previous[key] ?? null) !== value) delta[key] = value;
  }
  return delta;
}

/** A fields object with a change applied (translations merged language by language). */
export function applyChanges<F extends object>(before: F, changes: Partial<F>): F {
  const next: Record<string, unknown> = { ...(before as Record<string, unknown>) };
  for (const [field, value] of Object.entries(changes)) {
    if (KEYED_FIELDS.has(field)) {
      const merged: Keyed = { ...((next[field] ?? {}) as Keyed) };
      for (const [key, text] of Object.entries(value as Keyed)) {
        if (text === null) delete merged[key];
        else merged[key] = text;
      }
      next[field] = merged;
    } else {
      next[field] = value;
    }
  }
  return next as F;
}

export interface DiffRow {
  /** Field name; a keyed field's entry is "translations.es". */
  field: string;
  /** What the entity said when the change was proposed (null for a new entity). */
  base: unknown;
  /** What it says now (published). */
  current: unknown;
  proposed: unknown;
  /** Someone changed this field after the proposal was made: approving overwrites their change. */
  changedSinceProposed: boolean;
}

/** Field-by-field comparison for the review screen, in the order the fields were proposed. */
export function diffChange(
  entityType: EntityType,
  base: Record<string, unknown> | null,
  current: Record<string, unknown> | null,
  changes: Record<string, unknown>,
): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const field of inFieldOrder(entityType, Object.keys(changes))) {
    const proposed = changes[field];
    if (KEYED_FIELDS.has(field)) {
      const baseKeyed = (base?.[field] ?? {}) as Keyed;
      const currentKeyed = (current?.[field] ?? {}) as Keyed;
      for (const [key, value] of Object.entries(proposed as Keyed)) {
        rows.push({
          field: `${field}.${key}`,
          base: baseKeyed[key] ?? null,
          current: currentKeyed[key] ?? null,
          proposed: value,
          changedSinceProposed:
            base !== null && (baseKeyed[key] ?? null) !== (currentKeyed[key] ?? null),
        });
      }
      continue;
    }
    rows.push({
      field,
      base: canonical(field, base?.[field]),
      current: canonical(field, current?.[field]),
      proposed: canonical(field, proposed),
      changedSinceProposed: base !== null && !sameValue(field, base[field], current?.[field]),
    });
  }
  return rows;
}
