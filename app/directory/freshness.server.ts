import { and, asc, eq, isNull, lte, max, ne, or, sql } from "drizzle-orm";
import { freshnessReminders, organizations, services } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import { publicUrl } from "~/http/public-url.server";
import type { DbOrTx } from "~/db.server";
import { localeOrDefault, localePath } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";
import { emailT, renderEmail, type Recipient } from "~/mail/render.server";
import { enqueueSearchSync } from "~/search-outbox/outbox.server";
import { assertCan, inTransaction } from "./access.server";
import { recordAudit } from "./audit.server";
import { coalition, coalitionToday } from "~/coalition.server";
import { daysBefore, daysBetween, REMINDER_INTERVAL_DAYS } from "./dates";
import { listOrganizationEditors } from "./editors.server";
import { loadOrganization } from "./organization-editing.server";

/**
 * "Confirm my listing is still correct": a person vouches for the organization and all its
 * current services today (HSDS assured_date). Applies at once for every editor, since it
 * changes no content; it is audited and re-indexed like any change.
 */
export async function confirmListing(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string; now?: Date },
): Promise<{ assuredDate: string }> {
  const today = coalitionToday(input.now ?? new Date()).isoDate;
  return inTransaction(db, async (tx) => {
    const organization = await loadOrganization(tx, input.organizationId);
    assertCan(input.actor, "update", "organization", { organizationId: organization.id });
    await tx
      .update(organizations)
      .set({ assuredDate: today })
      .where(eq(organizations.id, organization.id));
    const confirmed = await tx
      .update(services)
      .set({ assuredDate: today })
      .where(and(eq(services.organizationId, organization.id), ne(services.status, "archived")))
      .returning({ id: services.id });
    await recordAudit(tx, {
      actor: input.actor,
      organizationId: organization.id,
      entityType: "organization",
      entityId: organization.id,
      action: "confirm",
      before: { assuredDate: organization.assuredDate },
      after: { assuredDate: today, services: confirmed.length },
    });
    await enqueueSearchSync(
      tx,
      { entityType: "organization", entityId: organization.id },
      ...confirmed.map(({ id }) => ({ entityType: "service" as const, entityId: id })),
    );
    return { assuredDate: today };
  });
}

export interface StaleListing {
  organizationId: string;
  name: string;
  slug: string;
  assuredDate: string | null;
  /** Days since a person last confirmed it; null when nobody ever did. */
  daysSinceConfirmed: number | null;
  lastReminderAt: string | null;
}

function staleCondition(today: string) {
  return and(
    eq(organizations.status, "published"),
    or(
      isNull(organizations.assuredDate),
      lte(organizations.assuredDate, daysBefore(today, coalition().staleAfterDays)),
    ),
  );
}

/** Published listings nobody confirmed in the last 180 days, the longest-unconfirmed first. */
export async function listStaleListings(
  db: DbOrTx,
  input: { actor: Actor; now?: Date },
): Promise<StaleListing[]> {
  assertCan(input.actor, "read", "report", { organizationId: null });
  const today = coalitionToday(input.now ?? new Date()).isoDate;
  const rows = await db
    .select({
      organizationId: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      assuredDate: organizations.assuredDate,
      lastReminderAt: max(freshnessReminders.sentAt),
    })
    .from(organizations)
    .leftJoin(freshnessReminders, eq(freshnessReminders.organizationId, organizations.id))
    .where(staleCondition(today))
    .groupBy(organizations.id)
    .orderBy(sql`${organizations.assuredDate} ASC NULLS FIRST`, asc(organizations.name));
  return rows.map((row) => ({
    ...row,
    daysSinceConfirmed: row.assuredDate ? daysBetween(row.assuredDate, today) : null,
    lastReminderAt: row.lastReminderAt ? new Date(row.lastReminderAt).toISOString() : null,
  }));
}

function reminderMail(
  recipient: Recipient,
  organization: { name: string; assuredDate: string | null },
) {
  const t = emailT(recipient.locale);
  return renderEmail(recipient, "freshnessReminder", {
    organization: organization.name,
    lastConfirmed: organization.assuredDate ?? t("freshnessReminder.never"),
    url: publicUrl(localePath(recipient.locale, "/portal")),
    days: coalition().staleAfterDays,
  });
}

const REMINDER_LOCK = 727_301;

/**
 * Emails the editors of every stale published listing, at most once per 30 days per
 * organization (each sending is stored). One transaction under an advisory lock: when two
 * processes run it at once, the second one sends nothing. Each editor reads it in their own
 * language; an organization without editor accounts is reminded at its public email address.
 */
export async function sendFreshnessReminders(
  db: DbOrTx,
  now: Date,
): Promise<{ reminded: number; skipped: boolean }> {
  return inTransaction(db, async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(
      sql`SELECT pg_try_advisory_xact_lock(${REMINDER_LOCK}) AS locked`,
    );
    if (!lock?.locked) return { reminded: 0, skipped: true };
    const today = coalitionToday(now).isoDate;
    const remindedSince = new Date(now.getTime() - REMINDER_INTERVAL_DAYS * 86_400_000);
    const due = await tx
      .select({
        id: organizations.id,
        name: organizations.name,
        email: organizations.email,
        originalLanguage: organizations.originalLanguage,
        assuredDate: organizations.assuredDate,
      })
      .from(organizations)
      .where(
        and(
          staleCondition(today),
          sql`NOT EXISTS (SELECT 1 FROM ${freshnessReminders} WHERE ${freshnessReminders.organizationId} = ${organizations.id} AND ${freshnessReminders.sentAt} > ${remindedSince.toISOString()})`,
        ),
      )
      .orderBy(asc(organizations.name));
    let reminded = 0;
    for (const organization of due) {
      const editors = await listOrganizationEditors(tx, organization.id);
      // Without editor accounts, the organization's public address, in the listing's language.
      const recipients: Recipient[] =
        editors.length > 0
          ? editors
          : organization.email
            ? [
                {
                  email: organization.email,
                  locale: localeOrDefault(organization.originalLanguage),
                },
              ]
            : [];
      if (recipients.length === 0) continue;
      for (const recipient of recipients)
        await queueMail(tx, reminderMail(recipient, organization));
      await tx.insert(freshnessReminders).values({
        organizationId: organization.id,
        sentAt: now,
        recipients: recipients.map((recipient) => recipient.email),
      });
      reminded++;
    }
    return { reminded, skipped: false };
  });
}
