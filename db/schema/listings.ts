import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { organizations } from "./directory";
import { id, timestamps } from "./columns";

/*
 * How member organizations keep their listings true: proposed changes waiting for review,
 * the audit trail of every applied change, and the freshness reminders sent to editors.
 *
 * Accounts are disabled, never deleted, so a change set keeps its author; the audit log has no
 * foreign keys at all (it records the actor's email as it was and outlives every row).
 */

export const CHANGE_SET_STATUSES = ["pending", "approved", "returned", "withdrawn"] as const;
export type ChangeSetStatus = (typeof CHANGE_SET_STATUSES)[number];

export const LISTING_ENTITY_TYPES = ["organization", "service", "location", "phone"] as const;
export type ListingEntityType = (typeof LISTING_ENTITY_TYPES)[number];

export const CHANGE_OPERATIONS = ["create", "update", "delete"] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

export const changeSetStatus = pgEnum("change_set_status", CHANGE_SET_STATUSES);

/** An editor's proposed change to one entity of a listing, held until staff review it. */
export const changeSets = pgTable(
  "change_sets",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    /** The author's address when they submitted (shown in the review queue). */
    authorEmail: text("author_email").notNull(),
    status: changeSetStatus("status").notNull().default("pending"),
    entityType: text("entity_type").notNull(),
    /** Null while a proposed new entity does not exist yet; set when it is approved. */
    entityId: uuid("entity_id"),
    operation: text("operation").notNull(),
    /** Only the fields that differ from the snapshot, in the shape the forms produce. */
    changes: jsonb("changes").notNull(),
    /** The published fields the proposal was based on (null for a new entity). */
    baseSnapshot: jsonb("base_snapshot"),
    reviewerUserId: uuid("reviewer_user_id").references(() => users.id, { onDelete: "set null" }),
    reviewComment: text("review_comment"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [
    index("change_sets_status_idx").on(table.status, table.createdAt),
    index("change_sets_organization_idx").on(table.organizationId, table.createdAt),
    index("change_sets_entity_idx").on(table.entityType, table.entityId),
    check(
      "change_sets_entity_type_known",
      sql`${table.entityType} IN ('organization', 'service', 'location', 'phone')`,
    ),
    check("change_sets_operation_known", sql`${table.operation} IN ('create', 'update', 'delete')`),
    check(
      "change_sets_new_entity",
      sql`${table.operation} <> 'create' OR ${table.status} = 'approved' OR ${table.entityId} IS NULL`,
    ),
    check(
      "change_sets_reviewed",
      sql`(${table.status} IN ('approved', 'returned')) = (${table.reviewedAt} IS NOT NULL)`,
    ),
  ],
);

/**
 * Every change to a listing: who, when, what, and the fields before and after. Rows outlive
 * the entities they describe (no foreign keys), and the actor's email is kept as it was.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null for changes made by the system (a scheduled job). */
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    organizationId: uuid("organization_id"),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id"),
    /** What happened: create, update, delete, pause, archive, confirm, submit, approve, ... */
    action: text("action").notNull(),
    changeSetId: uuid("change_set_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("audit_log_organization_idx").on(table.organizationId, table.at),
    index("audit_log_entity_idx").on(table.entityType, table.entityId),
  ],
);

/** One row per reminder email sent about a listing that has not been confirmed recently. */
export const freshnessReminders = pgTable(
  "freshness_reminders",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    recipients: text("recipients").array().notNull(),
  },
  (table) => [index("freshness_reminders_organization_idx").on(table.organizationId, table.sentAt)],
);

export type ChangeSetRow = typeof changeSets.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
