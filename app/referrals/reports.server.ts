import { and, count, desc, eq, isNotNull, sql, type Column, type SQL } from "drizzle-orm";
import { organizations, referrals } from "#db/schema";
import { can, type Actor } from "~/accounts/permissions";
import type { DbOrTx } from "~/db.server";
import { createdBetween } from "./dashboard.server";
import { coalitionToday } from "~/coalition.server";
import { addDays } from "~/directory/dates";
import { DomainError } from "~/http/errors";
import type { ReferralMode, ReferralStatus } from "#db/codes/referrals";

/**
 * Referral statistics over a period (referrals made in it, sent or logged). Only counts and
 * durations: no personal data is read, so the figures survive the retention purge unchanged.
 */
export interface Count<K extends string | null = string> {
  code: K;
  count: number;
}

export interface ReferralReport {
  period: { from: string; to: string };
  total: number;
  byMode: Count<ReferralMode>[];
  byStatus: Count<ReferralStatus>[];
  byCategory: Count[];
  /** null: the county was not recorded. */
  byCounty: Count<string | null>[];
  byLanguage: Count[];
  byOrganization: (Count & { name: string })[];
  /** Closed referrals by outcome (served, rematched, ...). */
  byOutcome: Count[];
  byDeclineReason: Count[];
  /** Among referrals of the period that were accepted / closed; null when there were none. */
  medianDaysToAcceptance: number | null;
  medianDaysToClose: number | null;
}

export const DEFAULT_REPORT_DAYS = 30;

export function reportPeriod(
  input: { from?: string; to?: string },
  now: Date = new Date(),
): { from: string; to: string } {
  const today = coalitionToday(now).isoDate;
  let to = input.to ?? today;
  let from = input.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
  if (from > to) [from, to] = [to, from];
  return { from, to };
}

const counted = count().as("count");

function median(durationExpression: SQL) {
  return sql<
    number | null
  >`round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${durationExpression}) / 86400))::numeric, 1)`.mapWith(
    (value: string | null) => (value === null ? null : Number(value)),
  );
}

export async function getReferralReport(
  db: DbOrTx,
  options: { actor: Actor; from?: string; to?: string; now?: Date },
): Promise<ReferralReport> {
  if (!can(options.actor, "read", "report"))
    throw new DomainError(403, "errors.forbidden", "referrals");
  const period = reportPeriod(options, options.now);
  const inPeriod = and(...createdBetween(period.from, period.to));

  const grouped = async (expression: SQL | Column, extra?: SQL) =>
    db
      .select({ code: sql<string | null>`${expression}`, count: counted })
      .from(referrals)
      .where(extra ? and(inPeriod, extra) : inPeriod)
      .groupBy(sql`1`)
      .orderBy(desc(sql`count`), sql`1`);

  const [byMode, byStatus, byCategory, byCounty, byLanguage, byOutcome, byDeclineReason] =
    await Promise.all([
      grouped(referrals.mode),
      grouped(referrals.status),
      grouped(sql`unnest(${referrals.needs})`),
      grouped(referrals.county),
      grouped(referrals.preferredLanguage),
      grouped(referrals.outcome, isNotNull(referrals.closedAt)),
      grouped(referrals.declineReason, isNotNull(referrals.declineReason)),
    ]);

  const byOrganization = await db
    .select({ code: organizations.id, name: organizations.name, count: counted })
    .from(referrals)
    .innerJoin(organizations, eq(organizations.id, referrals.organizationId))
    .where(inPeriod)
    .groupBy(organizations.id, organizations.name)
    .orderBy(desc(sql`count`), organizations.name);

  const [summary] = await db
    .select({
      total: count(),
      medianDaysToAcceptance: median(sql`${referrals.acceptedAt} - ${referrals.createdAt}`),
      medianDaysToClose: median(sql`${referrals.closedAt} - ${referrals.createdAt}`),
    })
    .from(referrals)
    .where(inPeriod);

  return {
    period,
    total: summary?.total ?? 0,
    byMode: byMode as Count<ReferralMode>[],
    byStatus: byStatus as Count<ReferralStatus>[],
    byCategory: byCategory as Count[],
    byCounty: byCounty as Count<string | null>[],
    byLanguage: byLanguage as Count[],
    byOrganization,
    byOutcome: byOutcome as Count[],
    byDeclineReason: byDeclineReason as Count[],
    medianDaysToAcceptance: summary?.medianDaysToAcceptance ?? null,
    medianDaysToClose: summary?.medianDaysToClose ?? null,
  };
}

export type ReportSection =
  | "summary"
  | "mode"
  | "status"
  | "category"
  | "county"
  | "language"
  | "organization"
  | "outcome"
  | "declineReason";

/** A spreadsheet cell: quoted, and never read as a formula (CSV injection). */
function cell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The report as CSV (one row per figure). `label` translates a section's code for people;
 * codes stay in their own column so spreadsheets can be joined across languages.
 */
export function reportToCsv(
  report: ReferralReport,
  text: {
    header: [string, string, string, string];
    label: (section: ReportSection, code: string | null) => string;
  },
): string {
  const rows: (string | number | null)[][] = [text.header];
  const summary: [string, string | number | null][] = [
    ["period_from", report.period.from],
    ["period_to", report.period.to],
    ["total", report.total],
    ["median_days_to_acceptance", report.medianDaysToAcceptance],
    ["median_days_to_close", report.medianDaysToClose],
  ];
  for (const [code, value] of summary) {
    rows.push([text.label("summary", "section"), code, text.label("summary", code), value]);
  }
  const sections: [ReportSection, Count<string | null>[]][] = [
    ["mode", report.byMode],
    ["status", report.byStatus],
    ["category", report.byCategory],
    ["county", report.byCounty],
    ["language", report.byLanguage],
    ["organization", report.byOrganization],
    ["outcome", report.byOutcome],
    ["declineReason", report.byDeclineReason],
  ];
  for (const [section, counts] of sections) {
    for (const item of counts) {
      const label =
        section === "organization" && "name" in item
          ? String(item.name)
          : text.label(section, item.code);
      rows.push([text.label(section, "section"), item.code, label, item.count]);
    }
  }
  return `${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
