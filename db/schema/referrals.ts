import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { CATEGORY_CODES } from "../codes/categories";
import { COUNTY_CODES } from "../codes/counties";
import {
  CLOSE_OUTCOMES,
  DECLINE_REASONS,
  REFERRAL_MODES,
  REFERRAL_STATUSES,
} from "../codes/referrals";
import { arrayWithin, id, timestamps } from "./columns";
import { organizations, services } from "./directory";

/** Raw bytes (AES-256-GCM envelopes); postgres.js hands them over as Buffers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});

const inList = (column: string, allowed: readonly string[]) =>
  sql.raw(`${column} IN (${allowed.map((value) => `'${value}'`).join(",")})`);

export const referralMode = pgEnum("referral_mode", REFERRAL_MODES);
export const referralStatus = pgEnum("referral_status", REFERRAL_STATUSES);
export const referralEventActor = pgEnum("referral_event_actor", [
  "staff",
  "organization",
  "person",
  "system",
]);

/**
 * A referral of one person to one service. Everything that identifies the person (name,
 * contact details, notes, court dates) lives only in `personal_data`, encrypted with
 * AES-256-GCM under the key named by `key_id` (app/referrals/crypto.server.ts); the other
 * columns are workflow and statistics and stay after the personal data is purged.
 *
 * `key_id` names a data key in `referral_data_keys` (envelope version 2), or, for rows written
 * before data keys existed, a key of the DATA_ENCRYPTION_KEY ring (envelope version 1).
 */
export const referrals = pgTable(
  "referrals",
  {
    id: id(),
    /**
     * Short code the person reads out on the phone ("K7MQ3XTP", shown "K7MQ-3XTP"), printed on
     * the slip; not personal data, so it stays after the purge. Null for referrals made before
     * codes existed (the migration gives them one).
     */
    referenceCode: text("reference_code").unique(),
    /**
     * Keyed blind indexes (HMAC-SHA256 under REFERRAL_LOOKUP_KEY, hex) of the person's phone
     * (E.164) and email (lowercased), so staff find a referral when the person calls back
     * without the plaintext being searchable. Personal: purged with personal_data.
     */
    phoneLookup: text("phone_lookup"),
    emailLookup: text("email_lookup"),
    /** SHA-256 of the slip link's token; the token itself is shown once and never stored. */
    slipTokenHash: text("slip_token_hash").unique(),
    slipExpiresAt: timestamp("slip_expires_at", { withTimezone: true }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "restrict" }),
    /** The receiving organization, copied from the service when the referral is made. */
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    /** No foreign key, like the audit log: who made it stays known whatever happens to accounts. */
    createdByUserId: uuid("created_by_user_id"),
    mode: referralMode("mode").notNull(),
    status: referralStatus("status").notNull(),
    /** BCP-47 tag; the slip opens in this language when the interface offers it. */
    preferredLanguage: text("preferred_language").notNull(),
    needs: text("needs").array().notNull(),
    detained: boolean("detained").notNull().default(false),
    /** Only whether there is one: the dates themselves are personal and encrypted. */
    hasCourtDate: boolean("has_court_date").notNull().default(false),
    hasDeadline: boolean("has_deadline").notNull().default(false),
    followUpOn: date("follow_up_on"),
    /** County FIPS code of where the person lives, for reports (not an address). */
    county: text("county"),
    declineReason: text("decline_reason"),
    outcome: text("outcome"),
    copiedFromId: uuid("copied_from_id").references((): AnyPgColumn => referrals.id, {
      onDelete: "set null",
    }),
    personalData: bytea("personal_data"),
    keyId: text("key_id"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [
    index("referrals_status_created_idx").on(table.status, table.createdAt),
    index("referrals_organization_status_idx").on(
      table.organizationId,
      table.status,
      table.createdAt,
    ),
    index("referrals_created_idx").on(table.createdAt),
    index("referrals_follow_up_open_idx")
      .on(table.followUpOn)
      .where(sql`${table.closedAt} IS NULL`),
    index("referrals_purge_idx")
      .on(table.closedAt)
      .where(sql`${table.purgedAt} IS NULL`),
    index("referrals_needs_idx").using("gin", table.needs),
    index("referrals_county_idx").on(table.county),
    index("referrals_language_idx").on(table.preferredLanguage),
    index("referrals_service_idx").on(table.serviceId),
    index("referrals_copied_from_idx").on(table.copiedFromId),
    index("referrals_phone_lookup_idx")
      .on(table.phoneLookup)
      .where(sql`${table.phoneLookup} IS NOT NULL`),
    index("referrals_email_lookup_idx")
      .on(table.emailLookup)
      .where(sql`${table.emailLookup} IS NOT NULL`),
    check(
      "referrals_reference_code_format",
      sql`${table.referenceCode} IS NULL OR ${table.referenceCode} ~ '^[2-9A-HJKMNP-TV-Z]{8}$'`,
    ),
    check(
      "referrals_purged_has_no_lookup",
      sql`${table.purgedAt} IS NULL OR (${table.phoneLookup} IS NULL AND ${table.emailLookup} IS NULL)`,
    ),
    check("referrals_needs_known", arrayWithin("needs", CATEGORY_CODES)),
    check("referrals_needs_not_empty", sql`cardinality(${table.needs}) > 0`),
    check(
      "referrals_language_format",
      sql`${table.preferredLanguage} ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`,
    ),
    check(
      "referrals_county_known",
      sql`${table.county} IS NULL OR ${inList("county", COUNTY_CODES)}`,
    ),
    check(
      "referrals_decline_reason_known",
      sql`${table.declineReason} IS NULL OR ${inList("decline_reason", DECLINE_REASONS)}`,
    ),
    check(
      "referrals_outcome_known",
      sql`${table.outcome} IS NULL OR ${inList("outcome", CLOSE_OUTCOMES)}`,
    ),
    check(
      "referrals_declined_has_reason",
      sql`${table.status} <> 'declined' OR ${table.declineReason} IS NOT NULL`,
    ),
    check(
      "referrals_final_has_outcome",
      sql`(${table.status} IN ('served', 'closed')) = (${table.closedAt} IS NOT NULL) AND (${table.closedAt} IS NULL OR ${table.outcome} IS NOT NULL)`,
    ),
    check("referrals_logged_mode", sql`${table.status} <> 'logged' OR ${table.mode} = 'logged'`),
    check(
      "referrals_sent_mode",
      sql`${table.status} NOT IN ('sent', 'received') OR ${table.mode} = 'sent'`,
    ),
    check(
      "referrals_personal_data_keyed",
      sql`(${table.personalData} IS NULL) = (${table.keyId} IS NULL)`,
    ),
    check(
      "referrals_purged_has_no_personal_data",
      sql`${table.purgedAt} IS NULL OR ${table.personalData} IS NULL`,
    ),
    check(
      "referrals_slip_token_expires",
      sql`(${table.slipTokenHash} IS NULL) = (${table.slipExpiresAt} IS NULL)`,
    ),
    check("referrals_not_copied_from_itself", sql`${table.copiedFromId} <> ${table.id}`),
  ],
);

/** What a timeline entry records: a status change, or the slip link sent to the person. */
export const REFERRAL_EVENT_KINDS = ["status", "slip_email", "slip_sms"] as const;
/** How a send went: queued in the mail outbox, accepted by the SMS provider, or failed. */
export const SLIP_DELIVERIES = ["queued", "sent", "failed"] as const;

/**
 * The timeline: every status change (and who made it), with an optional encrypted note, and
 * every sending of the slip link (channel, outcome, by whom; never the address or number).
 */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    actorKind: referralEventActor("actor_kind").notNull(),
    actorUserId: uuid("actor_user_id"),
    fromStatus: referralStatus("from_status"),
    toStatus: referralStatus("to_status").notNull(),
    /** "status", or a send of the slip link ("slip_email", "slip_sms": from = to = the status). */
    kind: text("kind", { enum: REFERRAL_EVENT_KINDS }).notNull().default("status"),
    /** For a send: queued, sent or failed; the reason of a failure goes in `code`. */
    delivery: text("delivery", { enum: SLIP_DELIVERIES }),
    /** A decline reason or an outcome code, copied here so the timeline tells the whole story. */
    code: text("code"),
    /** Free text may name the person: encrypted like personal_data, purged with it. */
    note: bytea("note"),
    keyId: text("key_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Insertion order, for events recorded at the same instant. */
    sequence: bigserial("sequence", { mode: "number" }).notNull(),
  },
  (table) => [
    index("referral_events_referral_idx").on(table.referralId, table.at, table.sequence),
    check("referral_events_kind_known", inList("kind", REFERRAL_EVENT_KINDS)),
    check(
      "referral_events_delivery_for_sends",
      sql`(${table.kind} = 'status') = (${table.delivery} IS NULL) AND (${table.delivery} IS NULL OR ${inList("delivery", SLIP_DELIVERIES)})`,
    ),
    check("referral_events_note_keyed", sql`(${table.note} IS NULL) = (${table.keyId} IS NULL)`),
    check(
      "referral_events_actor_user",
      sql`(${table.actorKind} IN ('staff', 'organization')) = (${table.actorUserId} IS NOT NULL)`,
    ),
  ],
);

/**
 * Data keys for personal data, one per period ("open-2026-12": referrals made that month and
 * still open; "closed-2026-12": referrals closed that month), each wrapped (AES-256-GCM) by the
 * DATA_ENCRYPTION_KEY ring. Once a period is over and no row uses its key any more, the
 * retention job destroys the key (wrapped_key NULL, destroyed_at set): copies of its
 * ciphertexts in dead rows, WAL and later backups can then no longer be read.
 */
export const referralDataKeys = pgTable(
  "referral_data_keys",
  {
    id: text("id").primaryKey(),
    wrappedKey: bytea("wrapped_key"),
    /** Id of the DATA_ENCRYPTION_KEY ring key that wraps it. */
    wrappedBy: text("wrapped_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    destroyedAt: timestamp("destroyed_at", { withTimezone: true }),
  },
  (table) => [
    check("referral_data_keys_id_format", sql`${table.id} ~ '^(open|closed)-[0-9]{4}-[0-9]{2}$'`),
    check(
      "referral_data_keys_wrapped_or_destroyed",
      sql`(${table.wrappedKey} IS NULL) = (${table.destroyedAt} IS NOT NULL) AND (${table.wrappedKey} IS NULL) = (${table.wrappedBy} IS NULL)`,
    ),
  ],
);

/**
 * "Show this user the slip link once": written by the action that made the referral (or a new
 * link), taken by the next load of the referral page, which then mints the link it shows. The
 * link itself is never stored and never sent in a cookie.
 */
export const referralSlipReveals = pgTable(
  "referral_slip_reveals",
  {
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.referralId, table.userId] })],
);
