import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ROLES } from "../codes/accounts";
import { id, timestamps } from "./columns";
import { organizations } from "./directory";

/*
 * Accounts of coalition staff and member-organization editors. People looking for help never
 * have accounts. Secrets are stored only as hashes: passwords (argon2id), session ids and
 * e-mailed tokens (SHA-256 of a random value that only the browser or the inbox holds).
 */

export const userRole = pgEnum("user_role", ROLES);

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored trimmed and lower-cased; the unique index on lower(email) also guards old rows. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: userRole("role").notNull().default("org_editor"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true })
      .notNull()
      .defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** When the owner was last told by email that someone keeps failing to sign in as them. */
    signInWarningSentAt: timestamp("sign_in_warning_sent_at", { withTimezone: true }),
    /** Interface language the person last used (sign-in, invitation): emails use it. */
    locale: text("locale").notNull().default("en"),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex("users_email_lower_idx").on(sql`lower(${table.email})`),
    check("users_email_format", sql`${table.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
    check("users_name_not_blank", sql`length(trim(${table.name})) > 0`),
  ],
);

export const organizationMemberships = pgTable(
  "organization_memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.organizationId] }),
    index("organization_memberships_organization_idx").on(table.organizationId),
  ],
);

/**
 * Server-side sessions. The cookie holds a random token; the row's id is its SHA-256, so a
 * leaked database does not yield usable cookies. Deleting the row ends the session.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end, whatever the activity. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** A short description ("Firefox on Android"), never the full header. */
    userAgent: text("user_agent"),
  },
  (table) => [
    index("sessions_user_idx").on(table.userId),
    index("sessions_expires_idx").on(table.expiresAt),
  ],
);

export const ATTEMPT_KINDS = ["login", "password_reset"] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

/**
 * Sign-in attempts (and password-reset requests), kept in Postgres so throttling holds across
 * processes and restarts. Keyed by the lower-cased email as typed (whether or not an account
 * exists, so the throttle itself reveals nothing) and by client address. Purged after a day.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").$type<AttemptKind>().notNull().default("login"),
    email: text("email").notNull(),
    ipAddress: text("ip_address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("login_attempts_email_idx").on(table.kind, table.email, table.attemptedAt),
    index("login_attempts_ip_idx").on(table.kind, table.ipAddress, table.attemptedAt),
    check("login_attempts_kind_known", sql`${table.kind} IN ('login', 'password_reset')`),
  ],
);

export const AUTH_TOKEN_PURPOSES = ["password_reset", "invitation"] as const;
export type AuthTokenPurpose = (typeof AUTH_TOKEN_PURPOSES)[number];
export const authTokenPurpose = pgEnum("auth_token_purpose", AUTH_TOKEN_PURPOSES);

/**
 * Single-use, expiring tokens sent by email. Only the SHA-256 of the token is stored; the
 * token is spent by setting used_at in the same transaction as the change it authorizes.
 */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    purpose: authTokenPurpose("purpose").notNull(),
    /** The account a password reset is for. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** Where the message went; for an invitation, the account to be created. */
    email: text("email").notNull(),
    /** The organization an invitation makes the new account an editor of. */
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "cascade",
    }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [
    index("auth_tokens_user_idx").on(table.userId),
    index("auth_tokens_email_idx").on(table.email),
    check(
      "auth_tokens_purpose_fields",
      sql`(${table.purpose} = 'password_reset' AND ${table.userId} IS NOT NULL)
        OR (${table.purpose} = 'invitation' AND ${table.organizationId} IS NOT NULL)`,
    ),
  ],
);

/**
 * Every email goes through this outbox, written in the same transaction as what it announces.
 * With SMTP_URL set a background job delivers pending rows; without it they stay here and
 * developers read them at /dev/mail.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    /** When delivery may be tried (again): a claim leases the row, a failure backs off. */
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /**
     * When the credential in this message (a reset or invitation link) stops working. Such a
     * message's body is blanked once sent, and it is deleted unsent after this time.
     */
    credentialExpiresAt: timestamp("credential_expires_at", { withTimezone: true }),
  },
  (table) => [
    index("mail_outbox_pending_idx")
      .on(table.availableAt)
      .where(sql`sent_at IS NULL`),
  ],
);
