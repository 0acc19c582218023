import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, lte, or, sql } from "drizzle-orm";
import {
  organizations,
  referralEvents,
  referrals,
  referralSlipReveals,
  services,
  serviceTranslations,
  users,
} from "#db/schema";
import { can, type Actor } from "~/accounts/permissions";
import { recordAudit } from "~/audit/audit.server";
import { config } from "~/config.server";
import type { DbOrTx } from "~/db.server";
import type { CategoryCode } from "#db/codes/categories";
import { DATA_KEY_ENVELOPE, dataKeyRing, envelopeVersion } from "./crypto.server";
import { DataKeys, resealReferral, type DataKey } from "./data-keys.server";
import { DomainError } from "~/http/errors";
import { isId } from "~/http/params.server";
import { erasureDate, retentionPolicy } from "./retention.server";
import { formatReferenceCode, lookupColumns, lookupKey, newReferenceCode } from "./lookup.server";
import { smsSettings } from "./sms.server";
import type { ReferralFormValues } from "./forms";
import {
  notifyReceivingOrganization,
  referralReception,
  type ReferralReception,
} from "./notify.server";
import { coalitionToday } from "~/coalition.server";
import { addDays } from "~/directory/dates";
import {
  openEventNote,
  openPersonalData,
  sealEventNote,
  sealPersonalData,
  type PersonalData,
} from "./personal-data.server";
import {
  canTransition,
  CHOOSABLE_CLOSE_OUTCOMES,
  isFinalStatus,
  NEEDS_NEW_MATCH_STATUSES,
  nextStatuses,
  type ReferralSide,
} from "~/referrals/workflow";
import {
  type CloseOutcome,
  type DeclineReason,
  type ReferralMode,
  type ReferralStatus,
} from "#db/codes/referrals";

export type NewReferral = Omit<ReferralFormValues, "serviceId">;
type ReferralRow = typeof referrals.$inferSelect;
export type EventActor =
  { kind: "staff" | "organization"; userId: string } | { kind: "person" | "system"; userId: null };

/** Coalition staff act as "staff"; an organization's editors as "organization". */
export function sideOf(actor: Actor): Exclude<ReferralSide, "person"> {
  return actor.role === "org_editor" ? "organization" : "staff";
}

function eventActor(actor: Actor): EventActor {
  return { kind: sideOf(actor), userId: actor.userId };
}

/**
 * What permission checks are about. A logged referral was never sent, so it belongs to no
 * organization's inbox: only staff reach it.
 */
export function permissionTarget(row: Pick<ReferralRow, "mode" | "organizationId">) {
  return { organizationId: row.mode === "sent" ? row.organizationId : null };
}

// ---------------------------------------------------------------------------------------------
// Slip tokens: 128 random bits in the link, only their SHA-256 in the database.

export function hashSlipToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newSlipToken(now: Date): { token: string; hash: string; expiresAt: Date } {
  const token = randomBytes(16).toString("base64url");
  const expiresAt = new Date(now.getTime() + config().REFERRAL_SLIP_DAYS * 86_400_000);
  return { token, hash: hashSlipToken(token), expiresAt };
}

/** A new slip link for a (locked) referral; the previous one stops working. */
async function replaceSlipToken(tx: DbOrTx, referralId: string, now: Date): Promise<string> {
  const slip = newSlipToken(now);
  await tx
    .update(referrals)
    .set({ slipTokenHash: slip.hash, slipExpiresAt: slip.expiresAt, updatedAt: now })
    .where(eq(referrals.id, referralId));
  return slip.token;
}

/** How long the referral page may still show a new slip link to the person who made it. */
const SLIP_REVEAL_MS = 5 * 60_000;

/**
 * Marks the slip link to be shown once to `userId` on the referral's page. Only this mark is
 * stored: the page mints the link it shows (`takeSlipLink`), so no link travels in a cookie or
 * a URL, and none is kept at rest.
 */
async function offerSlipLink(tx: DbOrTx, referralId: string, userId: string, now: Date) {
  const expiresAt = new Date(now.getTime() + SLIP_REVEAL_MS);
  await tx
    .insert(referralSlipReveals)
    .values({ referralId, userId, expiresAt })
    .onConflictDoUpdate({
      target: [referralSlipReveals.referralId, referralSlipReveals.userId],
      set: { expiresAt },
    });
}

/**
 * For the referral page: when this user has just made the referral (or a new slip link), a
 * fresh slip token to show in the page, once; otherwise null. Minting it here replaces the
 * token made with the referral, which nobody has seen.
 */
export async function takeSlipLink(
  db: DbOrTx,
  options: { actor: Actor; referralId: string; now?: Date },
): Promise<string | null> {
  const now = options.now ?? new Date();
  if (!isId(options.referralId)) return null;
  return db.transaction(async (tx) => {
    await tx.delete(referralSlipReveals).where(lte(referralSlipReveals.expiresAt, now));
    const [taken] = await tx
      .delete(referralSlipReveals)
      .where(
        and(
          eq(referralSlipReveals.referralId, options.referralId),
          eq(referralSlipReveals.userId, options.actor.userId),
        ),
      )
      .returning();
    if (!taken) return null;
    const row = await lockReferral(tx, options.referralId);
    if (!row) return null;
    assertMay(options.actor, "create", row);
    return replaceSlipToken(tx, row.id, now);
  });
}

// ---------------------------------------------------------------------------------------------

/** A timeline entry; its note is sealed under the referral's data key. */
async function addEvent(
  tx: DbOrTx,
  dataKey: DataKey,
  event: {
    referralId: string;
    actor: EventActor;
    from: ReferralStatus | null;
    to: ReferralStatus;
    code?: string | null;
    note?: string | null;
    at: Date;
  },
): Promise<void> {
  const id = randomUUID();
  const sealed = event.note ? sealEventNote(dataKey, event.referralId, id, event.note) : undefined;
  await tx.insert(referralEvents).values({
    id,
    referralId: event.referralId,
    actorKind: event.actor.kind,
    actorUserId: event.actor.userId,
    fromStatus: event.from,
    toStatus: event.to,
    code: event.code ?? null,
    note: sealed?.ciphertext ?? null,
    keyId: sealed?.keyId ?? null,
    at: event.at,
  });
}

function personalDataOf(input: NewReferral): PersonalData {
  return {
    callName: input.callName,
    fullName: input.fullName || undefined,
    // Kept only with consent: insertReferral refuses a phone or email without it.
    phone: input.phone || undefined,
    email: input.email || undefined,
    consent: { phone: input.phoneConsent, email: input.emailConsent },
    notes: input.notes || undefined,
    courtDate: input.courtDate || undefined,
    deadline: input.deadline || undefined,
  };
}

/** Ids come from URLs and forms: anything that is not a uuid is simply not found. */
function assertId(id: string, messageKey = "errors.notFound"): void {
  if (!isId(id)) throw new DomainError(404, messageKey, "referrals");
}

async function loadReceivingService(tx: DbOrTx, serviceId: string) {
  assertId(serviceId, "errors.serviceNotFound");
  const [service] = await tx
    .select({
      id: services.id,
      name: services.name,
      status: services.status,
      organizationId: services.organizationId,
      organizationName: organizations.name,
      organizationStatus: organizations.status,
    })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(eq(services.id, serviceId));
  if (!service) throw new DomainError(404, "errors.serviceNotFound", "referrals");
  return service;
}

interface InsertReferral {
  actor: Actor;
  service: Awaited<ReturnType<typeof loadReceivingService>>;
  mode: ReferralMode;
  personal: PersonalData;
  facts: {
    preferredLanguage: string;
    needs: CategoryCode[];
    detained: boolean;
    county?: string | null;
    followUpOn?: string | null;
  };
  copiedFromId?: string;
  now: Date;
}

/** Days after which a referral nobody receives in the portal comes back to staff by default. */
export const FOLLOW_UP_AFTER_DAYS = 7;

export function defaultFollowUpOn(now: Date): string {
  return addDays(coalitionToday(now).isoDate, FOLLOW_UP_AFTER_DAYS);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const pg = cause as Error & { code?: string; constraint_name?: string };
    if (pg.code === "23505" && pg.constraint_name === constraint) return true;
  }
  return false;
}

/**
 * Gives a referral its reference code: a fresh random one, drawn again (in a savepoint) in the
 * rare case another referral already has it. Returns the code.
 */
export async function assignReferenceCode(
  tx: DbOrTx,
  referralId: string,
  generate: () => string = newReferenceCode,
): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = generate();
    try {
      await tx.transaction(async (savepoint) => {
        await savepoint
          .update(referrals)
          .set({ referenceCode: code })
          .where(eq(referrals.id, referralId));
      });
      return code;
    } catch (error) {
      if (!isUniqueViolation(error, "referrals_reference_code_unique")) throw error;
    }
  }
  throw new DomainError(500, "errors.badRequest", "referrals", {
    detail: "no free reference code after 10 draws",
  });
}

/** What a referral made now becomes: "sent" only when someone can receive it. */
export interface CreatedReferral {
  referralId: string;
  slipToken: string;
  mode: ReferralMode;
}

async function insertReferral(
  tx: DbOrTx,
  keys: DataKeys,
  input: InsertReferral,
): Promise<CreatedReferral> {
  const { actor, service, now } = input;
  if (!can(actor, "create", "referral", { organizationId: service.organizationId })) {
    throw new DomainError(403, "errors.forbidden", "referrals");
  }
  if (service.status !== "active" || service.organizationStatus !== "published") {
    throw new DomainError(409, "errors.serviceUnavailable", "referrals");
  }
  if (input.personal.phone && !input.personal.consent.phone) {
    throw new DomainError(400, "form.errors.consent", "referrals");
  }
  if (input.personal.email && !input.personal.consent.email) {
    throw new DomainError(400, "form.errors.consent", "referrals");
  }
  const reception = await referralReception(tx, service.organizationId);
  // Never "sent" to nobody: without an editor account or an intake email it is logged, and
  // staff follow it up (by phone) on the follow-up date, which is then always set.
  const mode: ReferralMode = input.mode === "sent" && reception.canReceive ? "sent" : "logged";
  const followUpOn =
    input.facts.followUpOn ?? (mode === "sent" && reception.portal ? null : defaultFollowUpOn(now));
  const referralId = randomUUID();
  const slip = newSlipToken(now);
  const dataKey = await keys.forSealing("open", now);
  const sealed = sealPersonalData(dataKey, referralId, input.personal);
  const status: ReferralStatus = mode === "sent" ? "sent" : "logged";
  await tx.insert(referrals).values({
    id: referralId,
    slipTokenHash: slip.hash,
    slipExpiresAt: slip.expiresAt,
    serviceId: service.id,
    organizationId: service.organizationId,
    createdByUserId: actor.userId,
    mode,
    status,
    preferredLanguage: input.facts.preferredLanguage,
    needs: [...new Set(input.facts.needs)],
    detained: input.facts.detained,
    hasCourtDate: !!input.personal.courtDate,
    hasDeadline: !!input.personal.deadline,
    followUpOn,
    county: input.facts.county ?? null,
    copiedFromId: input.copiedFromId ?? null,
    personalData: sealed.ciphertext,
    keyId: sealed.keyId,
    ...lookupColumns(lookupKey(), input.personal),
    createdAt: now,
    updatedAt: now,
  });
  await assignReferenceCode(tx, referralId);
  await addEvent(tx, dataKey, {
    referralId,
    actor: eventActor(actor),
    from: null,
    to: status,
    at: now,
  });
  await offerSlipLink(tx, referralId, actor.userId, now);
  if (mode === "sent") {
    await notifyReceivingOrganization(
      tx,
      {
        id: referralId,
        organizationId: service.organizationId,
        organizationName: service.organizationName,
        serviceName: service.name,
        needs: input.facts.needs,
        detained: input.facts.detained,
      },
      reception,
    );
  }
  return { referralId, slipToken: slip.token, mode };
}

/**
 * Staff refer a person to one service: "sent" notifies the receiving organization, "logged"
 * records a referral given by phone (it counts in reports but reaches no inbox). Returns the
 * slip token, which is shown once and never stored.
 */
export async function createReferral(
  db: DbOrTx,
  options: { actor: Actor; serviceId: string; referral: NewReferral; now?: Date },
): Promise<CreatedReferral> {
  const ring = dataKeyRing();
  const now = options.now ?? new Date();
  const input = options.referral;
  return db.transaction(async (tx) => {
    const service = await loadReceivingService(tx, options.serviceId);
    return insertReferral(tx, new DataKeys(tx, ring), {
      actor: options.actor,
      service,
      mode: input.mode,
      personal: personalDataOf(input),
      facts: {
        preferredLanguage: input.preferredLanguage,
        needs: input.needs,
        detained: input.detained,
        county: input.county,
        followUpOn: input.followUpOn,
      },
      now,
    });
  });
}

async function lockReferral(tx: DbOrTx, referralId: string): Promise<ReferralRow | undefined> {
  assertId(referralId);
  const [row] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for("update");
  return row;
}

/** Not found for whoever may not read it (never reveal that a referral exists), else 403. */
export function assertMay(actor: Actor, action: "update" | "create", row: ReferralRow): void {
  const target = permissionTarget(row);
  if (!can(actor, "read", "referral", target))
    throw new DomainError(404, "errors.notFound", "referrals");
  const allowed =
    action === "create"
      ? can(actor, "create", "referral", { organizationId: row.organizationId })
      : can(actor, "update", "referral", target);
  if (!allowed) throw new DomainError(403, "errors.forbidden", "referrals");
}

/**
 * Copies a referral (the person, needs and urgency) to another service. When the original was
 * declined or the person could not reach the organization, it is closed as "rematched" so it
 * leaves the staff's "needs a new match" list.
 */
export async function referToAnother(
  db: DbOrTx,
  options: { actor: Actor; referralId: string; serviceId: string; mode: ReferralMode; now?: Date },
): Promise<CreatedReferral> {
  const ring = dataKeyRing();
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const source = await lockReferral(tx, options.referralId);
    if (!source) throw new DomainError(404, "errors.notFound", "referrals");
    assertMay(options.actor, "create", source);
    if (!source.personalData || !source.keyId)
      throw new DomainError(409, "errors.purged", "referrals");
    if (source.serviceId === options.serviceId)
      throw new DomainError(400, "errors.sameService", "referrals");
    const keys = new DataKeys(tx, ring);
    const personal = await openPersonalData(keys, source.id, {
      ciphertext: source.personalData,
      keyId: source.keyId,
    });
    const service = await loadReceivingService(tx, options.serviceId);
    const created = await insertReferral(tx, keys, {
      actor: options.actor,
      service,
      mode: options.mode,
      personal,
      facts: {
        preferredLanguage: source.preferredLanguage,
        needs: source.needs as CategoryCode[],
        detained: source.detained,
        county: source.county,
        followUpOn: source.followUpOn,
      },
      copiedFromId: source.id,
      now,
    });
    if ((NEEDS_NEW_MATCH_STATUSES as readonly string[]).includes(source.status)) {
      await tx
        .update(referrals)
        .set({ status: "closed", outcome: "rematched", closedAt: now, updatedAt: now })
        .where(eq(referrals.id, source.id));
      await addEvent(tx, await moveToClosedKey(tx, keys, source.id, now), {
        referralId: source.id,
        actor: eventActor(options.actor),
        from: source.status,
        to: "closed",
        code: "rematched",
        at: now,
      });
    }
    await recordAudit(tx, {
      actor: options.actor,
      organizationId: source.organizationId,
      entityType: "referral",
      entityId: source.id,
      action: "referral.copied",
      after: { referralId: created.referralId, serviceId: service.id },
    });
    return created;
  });
}

export interface TransitionDetails {
  to: ReferralStatus;
  declineReason?: DeclineReason | string;
  outcome?: CloseOutcome | string;
  note?: string;
}

/**
 * Closing starts the retention clock: the (locked) referral's personal data and notes move to
 * the data key of the month it closed in, which is destroyed once all of that month's closed
 * referrals are past retention. Returns that key, for the closing entry's note.
 */
export async function moveToClosedKey(
  tx: DbOrTx,
  keys: DataKeys,
  referralId: string,
  now: Date,
): Promise<DataKey> {
  const closedKey = await keys.forSealing("closed", now);
  await resealReferral(tx, keys, referralId, closedKey, now);
  return closedKey;
}

/** The key an open referral's new notes are sealed with: the one its personal data uses. */
async function openReferralKey(keys: DataKeys, row: ReferralRow, now: Date): Promise<DataKey> {
  if (row.keyId && row.personalData && envelopeVersion(row.personalData) === DATA_KEY_ENVELOPE) {
    return { id: row.keyId, key: await keys.byId(row.keyId) };
  }
  return keys.forSealing(row.closedAt ? "closed" : "open", now);
}

/** Moves a locked referral along the workflow; refuses anything the table does not allow. */
async function applyTransition(
  tx: DbOrTx,
  keys: DataKeys,
  row: ReferralRow,
  side: ReferralSide,
  actor: EventActor,
  details: TransitionDetails,
  now: Date,
): Promise<void> {
  const from = row.status;
  const { to } = details;
  if (!canTransition(from, to, side)) {
    throw new DomainError(409, "errors.invalidTransition", "referrals", { values: { from, to } });
  }
  let code: string | null = null;
  const changes: Partial<typeof referrals.$inferInsert> = { status: to, updatedAt: now };
  if (to === "declined") {
    if (!details.declineReason) throw new DomainError(400, "form.errors.reason", "referrals");
    changes.declineReason = details.declineReason;
    code = details.declineReason;
  }
  if (to === "accepted" && !row.acceptedAt) changes.acceptedAt = now;
  if (to === "served") {
    changes.outcome = "served";
  }
  if (to === "closed") {
    if (!details.outcome || !(CHOOSABLE_CLOSE_OUTCOMES as string[]).includes(details.outcome)) {
      throw new DomainError(400, "form.errors.outcome", "referrals");
    }
    changes.outcome = details.outcome;
    code = details.outcome;
  }
  if (isFinalStatus(to)) changes.closedAt = now;
  await tx.update(referrals).set(changes).where(eq(referrals.id, row.id));
  const dataKey = isFinalStatus(to)
    ? await moveToClosedKey(tx, keys, row.id, now)
    : await openReferralKey(keys, row, now);
  await addEvent(tx, dataKey, {
    referralId: row.id,
    actor,
    from,
    to,
    code,
    note: details.note?.trim() || null,
    at: now,
  });
}

/**
 * The retention job closes a (locked) referral nobody has touched for REFERRAL_INACTIVE_DAYS:
 * on the timeline as closed by Puente, outcome "inactive"; the retention clock starts now.
 */
export async function closeAutomatically(
  tx: DbOrTx,
  keys: DataKeys,
  row: ReferralRow,
  now: Date,
): Promise<void> {
  const outcome: CloseOutcome = "inactive";
  await tx
    .update(referrals)
    .set({ status: "closed", outcome, closedAt: now, updatedAt: now })
    .where(eq(referrals.id, row.id));
  await addEvent(tx, await moveToClosedKey(tx, keys, row.id, now), {
    referralId: row.id,
    actor: { kind: "system", userId: null },
    from: row.status,
    to: "closed",
    code: outcome,
    at: now,
  });
}

/** Staff or the receiving organization's editors move a referral along the workflow. */
export async function transitionReferral(
  db: DbOrTx,
  options: { actor: Actor; referralId: string; now?: Date } & TransitionDetails,
): Promise<void> {
  const ring = dataKeyRing();
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    const row = await lockReferral(tx, options.referralId);
    if (!row) throw new DomainError(404, "errors.notFound", "referrals");
    assertMay(options.actor, "update", row);
    await applyTransition(
      tx,
      new DataKeys(tx, ring),
      row,
      sideOf(options.actor),
      eventActor(options.actor),
      options,
      now,
    );
  });
}

/** The person, from the slip link (no account). The caller has already checked the token. */
export async function transitionFromSlip(
  tx: DbOrTx,
  row: ReferralRow,
  to: "served" | "unable_to_reach",
  now: Date,
): Promise<void> {
  await applyTransition(
    tx,
    new DataKeys(tx, dataKeyRing()),
    row,
    "person",
    { kind: "person", userId: null },
    { to },
    now,
  );
}

export { lockReferral };

/**
 * A new slip link (the previous one stops working), shown once on the referral's page to whoever
 * asked for it. Only the coalition's staff issue slips.
 */
export async function issueSlipLink(
  db: DbOrTx,
  options: { actor: Actor; referralId: string; now?: Date },
): Promise<{ slipToken: string }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await lockReferral(tx, options.referralId);
    if (!row) throw new DomainError(404, "errors.notFound", "referrals");
    assertMay(options.actor, "create", row);
    const slipToken = await replaceSlipToken(tx, row.id, now);
    await offerSlipLink(tx, row.id, options.actor.userId, now);
    return { slipToken };
  });
}

export async function setFollowUp(
  db: DbOrTx,
  options: { actor: Actor; referralId: string; followUpOn: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockReferral(tx, options.referralId);
    if (!row) throw new DomainError(404, "errors.notFound", "referrals");
    assertMay(options.actor, "create", row);
    await tx
      .update(referrals)
      .set({ followUpOn: options.followUpOn })
      .where(eq(referrals.id, row.id));
  });
}

// ---------------------------------------------------------------------------------------------
// Reading one referral

export interface TimelineEvent {
  id: string;
  at: string;
  /** A status change, or a send of the slip link (by email or text message). */
  kind: "status" | "slip_email" | "slip_sms";
  /** For a send: queued (email), sent (SMS provider accepted it) or failed (reason in code). */
  delivery: "queued" | "sent" | "failed" | null;
  actorKind: "staff" | "organization" | "person" | "system";
  /** Who, for an entry by staff or an editor (their account's name). */
  actorName: string | null;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  code: string | null;
  note: string | null;
}

export interface ReferralDetail {
  id: string;
  /** "K7MQ-3XTP": printed on the slip, read out by the person when they call back. */
  referenceCode: string | null;
  /** Ways the slip link may be sent to the person: consent given, and SMS configured. */
  canSend: { email: boolean; sms: boolean };
  status: ReferralStatus;
  mode: ReferralMode;
  createdAt: string;
  service: { id: string; name: string };
  organization: { id: string; name: string };
  preferredLanguage: string;
  needs: string[];
  detained: boolean;
  hasCourtDate: boolean;
  hasDeadline: boolean;
  followUpOn: string | null;
  county: string | null;
  declineReason: string | null;
  outcome: string | null;
  copiedFrom: { id: string; serviceName: string; organizationName: string } | null;
  copies: { id: string; serviceName: string; organizationName: string; status: ReferralStatus }[];
  acceptedAt: string | null;
  closedAt: string | null;
  purgedAt: string | null;
  /** When the personal data will be erased (YYYY-MM-DD); for an open referral, if inactive. */
  erasesOn: string | null;
  slipExpiresAt: string | null;
  /** Whether the person's slip link still works. */
  slipActive: boolean;
  /** Null once purged by the retention job. */
  personal: PersonalData | null;
  timeline: TimelineEvent[];
  /** Where this actor may move it next. */
  nextStatuses: ReferralStatus[];
  /** Staff tools: refer to another service, new slip link, follow-up date. */
  canManage: boolean;
}

/**
 * One referral with its personal data and timeline, for staff or the receiving organization's
 * editors. Every such read is written to the audit log.
 */
export async function getReferral(
  db: DbOrTx,
  /** locale: the reader's interface language, for the service's name when it is translated. */
  options: { actor: Actor; referralId: string; locale?: string },
): Promise<ReferralDetail> {
  const { actor } = options;
  assertId(options.referralId);
  const [row] = await db
    .select({
      referral: referrals,
      serviceName: sql<string>`coalesce(${serviceTranslations.name}, ${services.name})`,
      organizationName: organizations.name,
      erasesOn: erasureDate(retentionPolicy()),
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organizations, eq(organizations.id, referrals.organizationId))
    .leftJoin(
      serviceTranslations,
      and(
        eq(serviceTranslations.serviceId, referrals.serviceId),
        eq(serviceTranslations.locale, options.locale ?? ""),
      ),
    )
    .where(eq(referrals.id, options.referralId));
  if (!row || !can(actor, "read", "referral", permissionTarget(row.referral))) {
    throw new DomainError(404, "errors.notFound", "referrals");
  }
  const referral = row.referral;
  const keys = new DataKeys(db, dataKeyRing());
  const personal =
    referral.personalData && referral.keyId
      ? await openPersonalData(keys, referral.id, {
          ciphertext: referral.personalData,
          keyId: referral.keyId,
        })
      : null;
  const events = await db
    .select({ event: referralEvents, actorName: users.name })
    .from(referralEvents)
    .leftJoin(users, eq(users.id, referralEvents.actorUserId))
    .where(eq(referralEvents.referralId, referral.id))
    .orderBy(asc(referralEvents.at), asc(referralEvents.sequence));
  const timeline: TimelineEvent[] = [];
  for (const { event, actorName } of events) {
    timeline.push({
      id: event.id,
      at: event.at.toISOString(),
      kind: event.kind,
      delivery: event.delivery,
      actorKind: event.actorKind,
      actorName: actorName ?? null,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      code: event.code,
      note:
        event.note && event.keyId
          ? await openEventNote(keys, referral.id, event.id, {
              ciphertext: event.note,
              keyId: event.keyId,
            })
          : null,
    });
  }

  const relatedColumns = {
    id: referrals.id,
    status: referrals.status,
    mode: referrals.mode,
    organizationId: referrals.organizationId,
    serviceName: services.name,
    organizationName: organizations.name,
  };
  const related = await db
    .select(relatedColumns)
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organizations, eq(organizations.id, referrals.organizationId))
    .where(
      referral.copiedFromId
        ? or(eq(referrals.id, referral.copiedFromId), eq(referrals.copiedFromId, referral.id))
        : eq(referrals.copiedFromId, referral.id),
    )
    .orderBy(asc(referrals.createdAt));
  // Referrals to other organizations are listed only for whoever may read them.
  const visible = related.filter((other) =>
    can(actor, "read", "referral", permissionTarget(other)),
  );
  const copiedFrom = visible.find((other) => other.id === referral.copiedFromId);
  const copies = visible.filter((other) => other.id !== referral.copiedFromId);

  const readFields = [
    ...(personal ? Object.keys(personal).filter((key) => key !== "consent") : []),
    ...(timeline.some((event) => event.note) ? ["eventNotes"] : []),
  ];
  if (readFields.length > 0) {
    await recordAudit(db, {
      actor,
      organizationId: referral.organizationId,
      entityType: "referral",
      entityId: referral.id,
      action: "referral.personal_data.read",
      after: { fields: readFields },
    });
  }

  const canManage = can(actor, "create", "referral", { organizationId: referral.organizationId });
  return {
    id: referral.id,
    referenceCode: formatReferenceCode(referral.referenceCode),
    canSend: {
      email: canManage && !!personal?.email && personal.consent.email,
      sms: canManage && !!personal?.phone && personal.consent.phone && smsSettings() !== null,
    },
    status: referral.status,
    mode: referral.mode,
    createdAt: referral.createdAt.toISOString(),
    service: { id: referral.serviceId, name: row.serviceName },
    organization: { id: referral.organizationId, name: row.organizationName },
    preferredLanguage: referral.preferredLanguage,
    needs: referral.needs,
    detained: referral.detained,
    hasCourtDate: referral.hasCourtDate,
    hasDeadline: referral.hasDeadline,
    followUpOn: referral.followUpOn,
    county: referral.county,
    declineReason: referral.declineReason,
    outcome: referral.outcome,
    copiedFrom: copiedFrom
      ? {
          id: copiedFrom.id,
          serviceName: copiedFrom.serviceName,
          organizationName: copiedFrom.organizationName,
        }
      : null,
    copies: copies.map((copy) => ({
      id: copy.id,
      status: copy.status,
      serviceName: copy.serviceName,
      organizationName: copy.organizationName,
    })),
    acceptedAt: referral.acceptedAt?.toISOString() ?? null,
    closedAt: referral.closedAt?.toISOString() ?? null,
    purgedAt: referral.purgedAt?.toISOString() ?? null,
    erasesOn: row.erasesOn,
    slipExpiresAt: referral.slipExpiresAt?.toISOString() ?? null,
    slipActive: !!referral.slipExpiresAt && referral.slipExpiresAt > new Date(),
    personal,
    timeline,
    nextStatuses: can(actor, "update", "referral", permissionTarget(referral))
      ? nextStatuses(referral.status, sideOf(actor))
      : [],
    canManage,
  };
}

/** Active services to refer to (for "refer to another"), grouped by organization name. */
export async function listReferableServices(
  db: DbOrTx,
): Promise<{ id: string; name: string; organizationName: string }[]> {
  return db
    .select({ id: services.id, name: services.name, organizationName: organizations.name })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(and(eq(services.status, "active"), eq(organizations.status, "published")))
    .orderBy(asc(organizations.name), asc(services.name));
}

/** The service a new referral is about, for the Refer form's heading. */
export async function getReferableService(
  db: DbOrTx,
  options: { actor: Actor; serviceId: string },
): Promise<{
  id: string;
  name: string;
  organizationName: string;
  available: boolean;
  reception: ReferralReception;
}> {
  const service = await loadReceivingService(db, options.serviceId);
  if (!can(options.actor, "create", "referral", { organizationId: service.organizationId })) {
    throw new DomainError(403, "errors.forbidden", "referrals");
  }
  return {
    id: service.id,
    name: service.name,
    organizationName: service.organizationName,
    available: service.status === "active" && service.organizationStatus === "published",
    reception: await referralReception(db, service.organizationId),
  };
}
