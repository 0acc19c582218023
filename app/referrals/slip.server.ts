import { and, asc, eq, isNull, ne, or } from "drizzle-orm";
import {
  locations,
  organizations,
  phones,
  referrals,
  schedules,
  serviceAtLocation,
  services,
  serviceTranslations,
} from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import type { DbOrTx } from "~/db.server";
import { dataKeyRing } from "./crypto.server";
import { DataKeys } from "./data-keys.server";
import { formatReferenceCode } from "./lookup.server";
import { openPersonalData } from "./personal-data.server";
import { hashSlipToken, lockReferral, transitionFromSlip } from "./referrals.server";
import { canTransition } from "./workflow";

/**
 * The referral slip: what the person needs to reach the organization, behind a short
 * unguessable link. It shows nothing about the person except how to call them (first name or
 * initials), so a lost phone or a shared link exposes no case details.
 */
export interface SlipHoursRow {
  weekday: number;
  opensAt: string;
  closesAt: string;
  description: string | null;
}

export interface Slip {
  callName: string | null;
  /** "K7MQ-3XTP": the person reads it out when they call the coalition back. */
  referenceCode: string | null;
  preferredLanguage: string;
  expiresAt: string;
  organization: { name: string; website: string | null; email: string | null };
  service: { name: string; applicationProcess: string | null; email: string | null };
  locations: {
    id: string;
    name: string | null;
    confidential: boolean;
    /** Absent for a confidential location: "call for the address". */
    address: {
      address1: string;
      address2: string | null;
      city: string;
      stateProvince: string;
      postalCode: string;
    } | null;
    /** The service's hours at this place, when it keeps other ones there than `hours`. */
    hours: SlipHoursRow[];
  }[];
  phones: { number: string; extension: string | null; type: string; description: string | null }[];
  /** The service's usual hours: at every place without hours of its own. */
  hours: SlipHoursRow[];
  canRespond: { gotHelp: boolean; couldNotReach: boolean };
}

export type SlipResult =
  | { kind: "ok"; slip: Slip }
  /** Asked without a language: the slip should open in the person's preferred language. */
  | { kind: "language"; preferredLanguage: string }
  | { kind: "expired"; organizationName: string }
  | { kind: "not_found" };

/** Tokens are base64url of 16 bytes; anything else is not looked up at all. */
function plausibleToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{22,64}$/.test(token);
}

/** Schedule rows as the slip shows them: times of day without seconds, no place. */
function inTimeOfDay(
  rows: Array<{ weekday: number; opensAt: string; closesAt: string; description: string | null }>,
) {
  return rows.map(({ weekday, opensAt, closesAt, description }) => ({
    weekday,
    opensAt: opensAt.slice(0, 5),
    closesAt: closesAt.slice(0, 5),
    description,
  }));
}

async function findBySlipToken(db: DbOrTx, token: string) {
  if (!plausibleToken(token)) return undefined;
  const [row] = await db
    .select({ referral: referrals, organizationName: organizations.name })
    .from(referrals)
    .innerJoin(organizations, eq(organizations.id, referrals.organizationId))
    .where(eq(referrals.slipTokenHash, hashSlipToken(token)));
  return row;
}

export async function getSlip(
  db: DbOrTx,
  options: { token: string; locale: string | null; now?: Date },
): Promise<SlipResult> {
  const now = options.now ?? new Date();
  const found = await findBySlipToken(db, options.token);
  if (!found) return { kind: "not_found" };
  const { referral } = found;
  if (!referral.slipExpiresAt || referral.slipExpiresAt <= now) {
    return { kind: "expired", organizationName: found.organizationName };
  }
  if (options.locale === null) {
    return { kind: "language", preferredLanguage: referral.preferredLanguage };
  }
  const locale = options.locale;

  const [service] = await db
    .select({
      name: services.name,
      applicationProcess: services.applicationProcess,
      email: services.email,
      organizationName: organizations.name,
      website: organizations.website,
      organizationEmail: organizations.email,
      translatedName: serviceTranslations.name,
      translatedApplicationProcess: serviceTranslations.applicationProcess,
    })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .leftJoin(
      serviceTranslations,
      and(eq(serviceTranslations.serviceId, services.id), eq(serviceTranslations.locale, locale)),
    )
    .where(eq(services.id, referral.serviceId));
  if (!service) return { kind: "not_found" };

  const places = await db
    .select({
      id: locations.id,
      name: locations.name,
      confidential: locations.confidential,
      address1: locations.address1,
      address2: locations.address2,
      city: locations.city,
      stateProvince: locations.stateProvince,
      postalCode: locations.postalCode,
    })
    .from(serviceAtLocation)
    .innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
    .where(eq(serviceAtLocation.serviceId, referral.serviceId))
    .orderBy(asc(locations.name));

  // The service's own lines first; the organization's general lines when it has none.
  const allPhones = await db
    .select({
      number: phones.number,
      extension: phones.extension,
      type: phones.type,
      description: phones.description,
      serviceId: phones.serviceId,
    })
    .from(phones)
    .where(
      and(
        eq(phones.organizationId, referral.organizationId),
        ne(phones.type, "fax"),
        or(eq(phones.serviceId, referral.serviceId), isNull(phones.serviceId)),
      ),
    )
    .orderBy(asc(phones.position));
  const serviceLines = allPhones.filter((phone) => phone.serviceId === referral.serviceId);
  const lines = serviceLines.length > 0 ? serviceLines : allPhones;

  const hours = await db
    .select({
      locationId: schedules.locationId,
      weekday: schedules.weekday,
      opensAt: schedules.opensAt,
      closesAt: schedules.closesAt,
      description: schedules.description,
    })
    .from(schedules)
    .where(eq(schedules.serviceId, referral.serviceId))
    .orderBy(asc(schedules.weekday), asc(schedules.opensAt));

  let callName: string | null = null;
  if (referral.personalData && referral.keyId) {
    const keys = new DataKeys(db, dataKeyRing());
    callName = (
      await openPersonalData(keys, referral.id, {
        ciphertext: referral.personalData,
        keyId: referral.keyId,
      })
    ).callName;
    await recordAudit(db, {
      actor: null,
      organizationId: referral.organizationId,
      entityType: "referral",
      entityId: referral.id,
      action: "referral.personal_data.read",
      after: { fields: ["callName"], via: "slip" },
    });
  }

  return {
    kind: "ok",
    slip: {
      callName,
      referenceCode: formatReferenceCode(referral.referenceCode),
      preferredLanguage: referral.preferredLanguage,
      expiresAt: referral.slipExpiresAt.toISOString(),
      organization: {
        name: service.organizationName,
        website: service.website,
        email: service.organizationEmail,
      },
      service: {
        name: service.translatedName ?? service.name,
        applicationProcess: service.translatedApplicationProcess ?? service.applicationProcess,
        email: service.email,
      },
      locations: places.map((place) => ({
        id: place.id,
        name: place.name,
        confidential: place.confidential,
        // The service's own hours at this place (service_at_location schedules), if it has any.
        hours: inTimeOfDay(hours.filter((slot) => slot.locationId === place.id)),
        address: place.confidential
          ? null
          : {
              address1: place.address1,
              address2: place.address2,
              city: place.city,
              stateProvince: place.stateProvince,
              postalCode: place.postalCode,
            },
      })),
      phones: lines.map(({ serviceId: _serviceId, ...phone }) => phone),
      // The service's usual hours: at every place without hours of its own.
      hours: inTimeOfDay(hours.filter((slot) => slot.locationId === null)),
      canRespond: {
        gotHelp: canTransition(referral.status, "served", "person"),
        couldNotReach: canTransition(referral.status, "unable_to_reach", "person"),
      },
    },
  };
}

export type SlipResponse = "got_help" | "could_not_reach";
export type SlipResponseResult = "recorded" | "unchanged" | "expired" | "not_found";

/**
 * "I got help" closes the referral as served; "I could not reach them" puts it back on the
 * staff dashboard to find another service. A second tap, or a tap after the referral moved on,
 * changes nothing and is still thanked.
 */
export async function respondFromSlip(
  db: DbOrTx,
  options: { token: string; response: SlipResponse; now?: Date },
): Promise<SlipResponseResult> {
  const now = options.now ?? new Date();
  const found = await findBySlipToken(db, options.token);
  if (!found) return "not_found";
  if (!found.referral.slipExpiresAt || found.referral.slipExpiresAt <= now) return "expired";
  const to = options.response === "got_help" ? "served" : "unable_to_reach";
  return db.transaction(async (tx) => {
    const row = await lockReferral(tx, found.referral.id);
    // The link may have been replaced between the lookup and the lock.
    if (!row || row.slipTokenHash !== found.referral.slipTokenHash) return "not_found";
    if (!canTransition(row.status, to, "person")) return "unchanged";
    await transitionFromSlip(tx, row, to, now);
    return "recorded";
  });
}
