import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { organizations, referralEvents, referrals, services } from "#db/schema";
import type { ReferralStatus } from "#db/codes/referrals";
import { isCoalitionStaff, type Actor } from "~/accounts/permissions";
import { recordAudit } from "~/audit/audit.server";
import type { DbOrTx } from "~/db.server";
import { DomainError } from "~/http/errors";
import { matchAcceptLanguage } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";
import { emailT, renderEmail } from "~/mail/render.server";
import { dataKeyRing } from "./crypto.server";
import { DataKeys } from "./data-keys.server";
import { slipLink } from "./http.server";
import {
  blindIndex,
  formatReferenceCode,
  lookupKey,
  normalizePhone,
  parseReferenceCode,
} from "./lookup.server";
import { openPersonalData } from "./personal-data.server";
import { assertMay, hashSlipToken, lockReferral, sideOf } from "./referrals.server";
import { sendSms, smsSettings } from "./sms.server";

/**
 * Handing the slip over, and finding the referral again when the person calls back
 * (docs/decisions/018-referral-handover.md).
 */

export type SlipChannel = "email" | "sms";
export type SlipSendOutcome = "queued" | "sent" | "failed";

/**
 * Sends the slip link to the person: by email (queued in the mail outbox with the link blanked
 * once sent) or by text message (through the SMS provider). Only coalition staff who may manage
 * the referral, only with the person's consent for that channel, and only the link currently
 * valid (the page that shows it posts the token back; it is checked against the stored hash, so
 * no link is kept to send later). Every send, sent or failed, is on the timeline with the
 * channel and who sent it, never the address or number.
 */
export async function sendSlipLink(
  db: DbOrTx,
  options: { actor: Actor; referralId: string; channel: SlipChannel; token: string; now?: Date },
): Promise<SlipSendOutcome> {
  const now = options.now ?? new Date();
  const { actor, channel } = options;
  const kind = channel === "email" ? "slip_email" : "slip_sms";
  const sms = channel === "sms" ? smsSettings() : null;

  const prepared = await db.transaction(async (tx) => {
    const row = await lockReferral(tx, options.referralId);
    if (!row) throw new DomainError(404, "errors.notFound", "referrals");
    assertMay(actor, "create", row);
    if (!row.personalData || !row.keyId) throw new DomainError(409, "errors.purged", "referrals");
    if (
      !row.slipTokenHash ||
      !row.slipExpiresAt ||
      row.slipExpiresAt <= now ||
      !/^[A-Za-z0-9_-]{22,64}$/.test(options.token) ||
      hashSlipToken(options.token) !== row.slipTokenHash
    ) {
      throw new DomainError(409, "send.errors.slipChanged", "referrals");
    }
    if (channel === "sms" && !sms) throw new DomainError(400, "send.errors.smsOff", "referrals");
    const personal = await openPersonalData(new DataKeys(tx, dataKeyRing()), row.id, {
      ciphertext: row.personalData,
      keyId: row.keyId,
    });
    const address = channel === "email" ? personal.email : personal.phone;
    const consented = channel === "email" ? personal.consent.email : personal.consent.phone;
    if (!address || !consented) {
      throw new DomainError(
        400,
        channel === "email" ? "send.errors.noEmailConsent" : "send.errors.noPhoneConsent",
        "referrals",
      );
    }
    await recordAudit(tx, {
      actor,
      organizationId: row.organizationId,
      entityType: "referral",
      entityId: row.id,
      action: "referral.personal_data.read",
      after: { fields: [channel === "email" ? "email" : "phone"], via: "slip_send" },
    });
    const locale = matchAcceptLanguage(row.preferredLanguage) ?? DEFAULT_LOCALE;
    const values = {
      link: slipLink(options.token),
      code: formatReferenceCode(row.referenceCode) ?? "",
    };
    if (channel === "email") {
      await queueMail(tx, {
        ...renderEmail({ email: address, locale }, "slipLink", values),
        // The body carries a working link: blanked once sent, deleted if never sent in time.
        credentialExpiresAt: row.slipExpiresAt,
      });
      await recordSend(tx, row, actor, kind, "queued", null, now);
      return null;
    }
    return {
      row,
      to: normalizePhone(address) ?? address,
      text: emailT(locale)("slipSms.text", values),
    };
  });
  if (!prepared) return "queued";

  // The provider is called outside the transaction: no row lock is held while it answers.
  const result = await sendSms(sms!, { to: prepared.to, text: prepared.text });
  await recordSend(
    db,
    prepared.row,
    actor,
    kind,
    result.ok ? "sent" : "failed",
    result.ok ? null : result.reason,
    new Date(),
  );
  return result.ok ? "sent" : "failed";
}

async function recordSend(
  db: DbOrTx,
  row: { id: string; status: ReferralStatus },
  actor: Actor,
  kind: "slip_email" | "slip_sms",
  delivery: SlipSendOutcome,
  reason: string | null,
  at: Date,
): Promise<void> {
  await db.insert(referralEvents).values({
    id: randomUUID(),
    referralId: row.id,
    actorKind: sideOf(actor),
    actorUserId: actor.userId,
    fromStatus: row.status,
    toStatus: row.status,
    kind,
    delivery,
    code: reason,
    at,
  });
}

// ---------------------------------------------------------------------------------------------
// Call-back lookup

export type LookupBy = "code" | "phone" | "email";

export interface FoundReferral {
  id: string;
  referenceCode: string | null;
  status: ReferralStatus;
  createdAt: string;
  serviceName: string;
  organizationName: string;
}

/** What staff typed, read as a reference code, an email address or a phone number. */
export function lookupQuery(input: string): { by: LookupBy; value: string } | null {
  const text = input.trim();
  if (!text) return null;
  const code = parseReferenceCode(text);
  if (code) return { by: "code", value: code };
  if (text.includes("@")) return { by: "email", value: text };
  if (/^[0-9+() .-]{7,25}$/.test(text) && normalizePhone(text)) return { by: "phone", value: text };
  return null;
}

const FOUND_LIMIT = 20;

/**
 * Referrals matching a reference code exactly, or a phone number or email through the blind
 * index, newest first; for coalition staff only. The audit log records that a lookup was made
 * and how (never the value looked up).
 */
export async function findReferrals(
  db: DbOrTx,
  options: { actor: Actor; by: LookupBy; value: string },
): Promise<FoundReferral[]> {
  const { actor } = options;
  if (!isCoalitionStaff(actor)) {
    throw new DomainError(403, "errors.forbidden", "referrals");
  }
  let where;
  if (options.by === "code") {
    const code = parseReferenceCode(options.value);
    if (!code) return [];
    where = eq(referrals.referenceCode, code);
  } else {
    const key = lookupKey();
    if (!key) throw new DomainError(409, "lookup.errors.off", "referrals");
    const digest = blindIndex(key, options.by, options.value);
    if (!digest) return [];
    where =
      options.by === "phone"
        ? eq(referrals.phoneLookup, digest)
        : eq(referrals.emailLookup, digest);
  }
  const rows = await db
    .select({
      id: referrals.id,
      referenceCode: referrals.referenceCode,
      status: referrals.status,
      createdAt: referrals.createdAt,
      serviceName: services.name,
      organizationName: organizations.name,
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organizations, eq(organizations.id, referrals.organizationId))
    .where(where)
    .orderBy(desc(referrals.createdAt))
    .limit(FOUND_LIMIT);
  await recordAudit(db, {
    actor,
    organizationId: null,
    entityType: "referral",
    entityId: null,
    action: "referral.lookup",
    after: { by: options.by, found: rows.length },
  });
  return rows.map((row) => ({
    ...row,
    referenceCode: formatReferenceCode(row.referenceCode),
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Whether phone and email lookup works in this deployment (the page says so when it does not). */
export function lookupAvailable(): boolean {
  return lookupKey() !== null;
}
