import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { isLocale, localePath } from "~/i18n/locales";
import type { z } from "zod";
import type { ChangeOutcome } from "./change-sets.server";
import { DomainError } from "~/http/errors";
import { orRespond } from "~/http/responses.server";
import { parseForm } from "./forms";

/** A path in the language of the current URL (`/es/portal` when the request came in Spanish). */
export function pathIn(params: Params, path: string): string {
  return isLocale(params.lang) ? localePath(params.lang, path) : path;
}

const OUTCOME_MESSAGES = {
  applied: "portal:flash.published",
  pending: "portal:flash.submitted",
  unchanged: "portal:flash.unchanged",
} as const;

/** After a save: back to `path`, telling the person whether it is live or waits for review. */
export function redirectAfterChange(params: Params, path: string, outcome: ChangeOutcome) {
  return redirectWithFlash(pathIn(params, path), {
    kind: outcome.status === "pending" ? "info" : "success",
    message: OUTCOME_MESSAGES[outcome.status],
  });
}

/** Domain refusals that are about one field of the form the person just filled in. */
const FIELD_OF_ERROR: Record<string, string> = {
  "formErrors.placeNotFound": "postalCode",
  "formErrors.countyRequired": "county",
  "formErrors.unknownCategory": "categories",
};

/**
 * Re-renders the form (400, every typed value kept) with the message at the field a domain
 * error is about; any other error is thrown on.
 */
export function replyWithDomainFieldError(submission: Submission<unknown>, error: unknown) {
  const field = error instanceof DomainError ? FIELD_OF_ERROR[error.messageKey] : undefined;
  if (!field || !(error instanceof DomainError)) throw error;
  // Field messages are keys of `portal:formErrors`, as the form's own validation gives them.
  const message = error.messageKey.replace(/^formErrors\./, "");
  return data(
    { result: submission.reply({ fieldErrors: { [field]: [message] } }) },
    { status: 400 },
  );
}

/**
 * The action of a listing form: a rejected form, or a domain refusal about one of its fields,
 * re-renders with every typed value kept (400); otherwise `save` makes the change and answers
 * (a redirect). Other domain refusals become their HTTP status (404, 403).
 */
export async function saveListingForm<Schema extends z.ZodTypeAny>(
  formData: FormData,
  schema: Schema,
  save: (values: z.output<Schema>) => Promise<Response>,
) {
  const submission = parseForm(formData, schema);
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  return orRespond(async () => {
    try {
      return await save(submission.value);
    } catch (error) {
      return replyWithDomainFieldError(submission, error);
    }
  });
}
