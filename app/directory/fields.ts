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
  /**
   * Hours at this location of the services offered here that keep other hours here than their
   * own (HSDS service_at_location schedules), by service id. A service without an entry keeps
   * its own hours here. In a change: only the services whose hours here change, null = back
   * to the service's own hours.
   */
  serviceHours: Record<string, HoursRow[]>;
}

/**
 * What the location form submits: coordinates are optional (set by clicking the map) and so is
 * the county (taken from the ZIP code when it lies in one of the coalition's counties).
 */
export type LocationInput = Omit<
  LocationFields,
  "county" | "latitude" | "longitude" | "phone" | "serviceIds" | "serviceHours"
> &
  Partial<Pick<LocationFields, "phone" | "serviceIds" | "serviceHours">> & {
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
    "serviceHours",
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

/**
 * Fields keyed by language (translations) or by service (hours at a location): compared,
 * proposed and shown one key at a time; null removes a key. A submission of translations
 * lists only the languages it sets; one of hours at a location is the whole map, so a service
 * left out goes back to its own hours.
 */
const KEYED_FIELDS: Record<string, { complete: boolean; value: (raw: unknown) => unknown }> = {
  translations: {
    complete: false,
    value: (raw) => (typeof raw === "string" && raw.trim() ? raw : null),
  },
  serviceHours: {
    complete: true,
    value: (raw) => (Array.isArray(raw) && raw.length > 0 ? canonical("hours", raw) : null),
  },
};

export function isKeyedField(field: string): boolean {
  return Object.hasOwn(KEYED_FIELDS, field);
}

function sortedHours(rows: HoursRow[]): HoursRow[] {
  return [...rows]
    .map((row) => ({ weekday: row.weekday, opensAt: row.opensAt, closesAt: row.closesAt }))
    .sort((a, b) =>
      a.weekday !== b.weekday ? a.weekday - b.weekday : a.opensAt.localeCompare(b.opensAt),
    );
}

function canonical(field: string, value: unknown): unknown {
  if (value === undefined || value === "") return null;
  if (Array.isArray(value)) {
    if (SET_FIELDS.has(field)) return [...(value as string[])].sort();
    if (field === "hours") return sortedHours(value as HoursRow[]);
  }
  if (field === "serviceHours" && value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, HoursRow[]>)
        .filter(([, rows]) => rows.length > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, rows]) => [key, sortedHours(rows)]),
    );
  }
  return value;
}

export function sameValue(field: string, a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(field, a)) === JSON.stringify(canonical(field, b));
}

type Keyed = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a submission actually changes: only the fields (and, for keyed fields, only the keys)
 * whose value differs from the current one. Empty when nothing changed.
 */
export function changedFields<F extends object>(
  before: F | null,
  submitted: Partial<F>,
): Partial<F> {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(submitted)) {
    if (value === undefined) continue;
    const previous = before ? (before as Record<string, unknown>)[field] : undefined;
    if (isKeyedField(field)) {
      const delta = keyedDelta(field, (previous ?? {}) as Keyed, value as Keyed, before === null);
      if (Object.keys(delta).length > 0) changes[field] = delta;
    } else if (before === null || !sameValue(field, previous, value)) {
      changes[field] = canonical(field, value);
    }
  }
  return changes as Partial<F>;
}

function keyedDelta(field: string, previous: Keyed, next: Keyed, creating: boolean): Keyed {
  const { complete, value: valueOf } = KEYED_FIELDS[field]!;
  const keys = complete
    ? [...new Set([...Object.keys(previous), ...Object.keys(next)])]
    : Object.keys(next);
  const delta: Keyed = {};
  for (const key of keys) {
    const value = valueOf(next[key]);
    const was = valueOf(previous[key]);
    if (value === null && (creating || was === null)) continue;
    if (!same(was, value)) delta[key] = value;
  }
  return delta;
}

/** A fields object with a change applied (keyed fields merged key by key). */
export function applyChanges<F extends object>(before: F, changes: Partial<F>): F {
  const next: Record<string, unknown> = { ...(before as Record<string, unknown>) };
  for (const [field, value] of Object.entries(changes)) {
    if (isKeyedField(field)) {
      const merged: Keyed = { ...((next[field] ?? {}) as Keyed) };
      for (const [key, entry] of Object.entries(value as Keyed)) {
        if (entry === null) delete merged[key];
        else merged[key] = entry;
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
    if (isKeyedField(field)) {
      const valueOf = KEYED_FIELDS[field]!.value;
      const baseKeyed = (base?.[field] ?? {}) as Keyed;
      const currentKeyed = (current?.[field] ?? {}) as Keyed;
      for (const [key, value] of Object.entries(proposed as Keyed)) {
        rows.push({
          field: `${field}.${key}`,
          base: valueOf(baseKeyed[key]),
          current: valueOf(currentKeyed[key]),
          proposed: value,
          changedSinceProposed:
            base !== null && !same(valueOf(baseKeyed[key]), valueOf(currentKeyed[key])),
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
