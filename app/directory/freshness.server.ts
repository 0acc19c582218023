import { and, asc, eq, isNull, lte, max, ne, or, sql } from "drizzle-orm";
import { freshnessReminders, organizations, services } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import { publicUrl } from "~/http/public-url.server";
import type { DbOrTx } from "~/db.server";
import { createI18n } from "~/i18n/instance";
import { localePath, type Locale } from "~/i18n/locales";
import enPortal from "~/i18n/locales/en/portal.json";
import esPortal from "~/i18n/locales/es/portal.json";
import { queueMail } from "~/mail/mail.server";
import { enqueueSearchSync } from "~/search/outbox.server";
import { assertCan, inTransaction } from "./access.server";
import { recordAudit } from "./audit.server";
import { coalition, coalitionToday } from "~/coalition.server";
import { daysBefore, daysBetween, REMINDER_INTERVAL_DAYS } from "./dates";
import { listOrganizationEditorEmails } from "./editors.server";
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

/** Both interface languages in one message: we do not know which one the editors read. */
const MAIL_LOCALES: Locale[] = ["en", "es"];
const mailI18n = createI18n("en", { en: { portal: enPortal }, es: { portal: esPortal } });

function reminderMail(organization: { name: string; assuredDate: string | null }) {
  const parts = MAIL_LOCALES.map((locale) => {
    const t = mailI18n.getFixedT(locale, "portal");
    const values = {
      organization: organization.name,
      lastConfirmed: organization.assuredDate ?? t("reminderMail.never"),
      url: publicUrl(localePath(locale, "/portal")),
      days: coalition().staleAfterDays,
    };
    return { subject: t("reminderMail.subject", values), text: t("reminderMail.body", values) };
  });
  return {
    subject: parts.map((part) => part.subject).join(" / "),
    text: parts.map((part) => part.text).join("\n\n-----\n\n"),
  };
}

const REMINDER_LOCK = 727_301;

/**
 * Emails the editors of every stale published listing, at most once per 30 days per
 * organization (each sending is stored). One transaction under an advisory lock: when two
 * processes run it at once, the second one sends nothing. An organization without editor
 * accounts is reminded at its public email address.
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
      const editors = await listOrganizationEditorEmails(tx, organization.id);
      const recipients =
        editors.length > 0 ? editors : organization.email ? [organization.email] : [];
      if (recipients.length === 0) continue;
      const mail = reminderMail(organization);
      for (const to of recipients) await queueMail(tx, { to, ...mail });
      await tx
        .insert(freshnessReminders)
        .values({ organizationId: organization.id, sentAt: now, recipients });
      reminded++;
    }
    return { reminded, skipped: false };
  });
}
