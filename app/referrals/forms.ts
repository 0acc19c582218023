import { z } from "zod";
import { CATEGORY_CODES } from "#db/codes/categories";
import { COUNTY_CODES } from "#db/codes/counties";
import { isLanguageTag } from "#db/codes/directory";
import { CHOOSABLE_CLOSE_OUTCOMES } from "~/referrals/workflow";
import { DECLINE_REASONS, REFERRAL_MODES, REFERRAL_STATUSES } from "#db/codes/referrals";

/**
 * The referral forms' schemas, shared by the server (validation) and the pages (conform).
 * Messages are translation keys in the `referrals` namespace.
 */
const required = {
  required_error: "form.errors.required",
  invalid_type_error: "form.errors.required",
};

const isoDate = z
  .string(required)
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.errors.date")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "form.errors.date");

const optionalText = (max: number) => z.string().trim().max(max, "form.errors.tooLong").optional();

export const referralFormSchema = z
  .object({
    serviceId: z.string(required).uuid("form.errors.required"),
    mode: z.enum(REFERRAL_MODES, required),
    callName: z
      .string(required)
      .trim()
      .min(1, "form.errors.required")
      .max(60, "form.errors.tooLong"),
    fullName: optionalText(200),
    preferredLanguage: z.string(required).trim().refine(isLanguageTag, "form.errors.language"),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+() .-]{7,25}$/, "form.errors.phone")
      .optional(),
    phoneConsent: z.boolean().default(false),
    email: z.string().trim().email("form.errors.email").max(254, "form.errors.tooLong").optional(),
    emailConsent: z.boolean().default(false),
    needs: z.array(z.enum(CATEGORY_CODES), required).min(1, "form.errors.needs"),
    detained: z.boolean().default(false),
    courtDate: isoDate.optional(),
    deadline: isoDate.optional(),
    county: z.enum(COUNTY_CODES).optional(),
    notes: optionalText(2000),
    followUpOn: isoDate.optional(),
  })
  .superRefine((value, context) => {
    // Contact details are kept only when the person agreed to be contacted that way.
    if (value.phone && !value.phoneConsent) {
      context.addIssue({ code: "custom", path: ["phoneConsent"], message: "form.errors.consent" });
    }
    if (value.email && !value.emailConsent) {
      context.addIssue({ code: "custom", path: ["emailConsent"], message: "form.errors.consent" });
    }
  });
export type ReferralFormValues = z.infer<typeof referralFormSchema>;

export const transitionFormSchema = z
  .object({
    intent: z.literal("transition"),
    to: z.enum(REFERRAL_STATUSES, required),
    declineReason: z.enum(DECLINE_REASONS).optional(),
    outcome: z.enum(CHOOSABLE_CLOSE_OUTCOMES as [string, ...string[]]).optional(),
    note: optionalText(2000),
  })
  .superRefine((value, context) => {
    if (value.to === "declined" && !value.declineReason) {
      context.addIssue({ code: "custom", path: ["declineReason"], message: "form.errors.reason" });
    }
    if (value.to === "closed" && !value.outcome) {
      context.addIssue({ code: "custom", path: ["outcome"], message: "form.errors.outcome" });
    }
  });

export const referToAnotherFormSchema = z.object({
  intent: z.literal("referToAnother"),
  serviceId: z.string(required).uuid("form.errors.required"),
  mode: z.enum(REFERRAL_MODES, required),
});

export const followUpFormSchema = z.object({
  intent: z.literal("followUp"),
  followUpOn: isoDate.optional(),
});

/** Send the slip link (posted with the token the page was shown, checked against its hash). */
export const sendSlipFormSchema = z.object({
  intent: z.literal("sendSlip"),
  channel: z.enum(["email", "sms"], required),
  token: z.string(required).regex(/^[A-Za-z0-9_-]{22,64}$/, "send.errors.slipChanged"),
});

/** The call-back lookup on the staff referrals page: a code, a phone number or an email. */
export const lookupFormSchema = z.object({
  intent: z.literal("lookup"),
  query: z.string(required).trim().min(1, "form.errors.required").max(254, "form.errors.tooLong"),
});

export const slipResponseSchema = z.object({
  response: z.enum(["got_help", "could_not_reach"]),
});

/** Dashboard filters from the query string; anything unrecognised is ignored, not an error. */
export const DASHBOARD_VIEWS = ["open", "overdue", "needs_match", "erasing_soon", "all"] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

const lenient = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);

export const dashboardFiltersSchema = z.object({
  view: z.enum(DASHBOARD_VIEWS).catch("open"),
  status: lenient(z.enum(REFERRAL_STATUSES)),
  category: lenient(z.enum(CATEGORY_CODES)),
  county: lenient(z.enum(COUNTY_CODES)),
  language: lenient(z.string().refine(isLanguageTag)),
  organization: lenient(z.string().uuid()),
  from: lenient(isoDate),
  to: lenient(isoDate),
});
export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

export const INBOX_VIEWS = ["open", "closed", "all"] as const;
export const inboxFiltersSchema = z.object({ view: z.enum(INBOX_VIEWS).catch("open") });
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

export const reportPeriodSchema = z.object({ from: lenient(isoDate), to: lenient(isoDate) });

/** Query-string values to an object for a lenient schema (empty values are absent). */
export function searchParamsObject(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of params) if (value.trim() !== "") result[key] = value.trim();
  return result;
}
