import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { isLocale, localePath } from "~/i18n/locales";
import type { z } from "zod";
import type { ChangeOutcome } from "./change-sets.server";
import { DomainError, handleDomainErrors, type DomainErrorKey } from "./errors";
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

/** A required route parameter; missing means the URL is wrong. */
export function param(params: Params, name: string): string {
  const value = params[name];
  if (!value) throw new Response("Not found", { status: 404 });
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the URL: anything that is not a UUID cannot name a row, so it is "not found". */
export function idParam(params: Params, name: string): string {
  const value = param(params, name);
  if (!UUID.test(value)) throw new Response("Not found", { status: 404 });
  return value;
}

/** Domain refusals that are about one field of the form the person just filled in. */
const FIELD_OF_ERROR: Partial<Record<DomainErrorKey, string>> = {
  placeNotFound: "postalCode",
  countyRequired: "county",
  unknownCategory: "categories",
};

/**
 * Re-renders the form (400, every typed value kept) with the message at the field a domain
 * error is about; any other error is thrown on.
 */
export function replyWithDomainFieldError(submission: Submission<unknown>, error: unknown) {
  const field = error instanceof DomainError ? FIELD_OF_ERROR[error.key] : undefined;
  if (!field || !(error instanceof DomainError)) throw error;
  return data(
    { result: submission.reply({ fieldErrors: { [field]: [error.key] } }) },
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
  return handleDomainErrors(async () => {
    try {
      return await save(submission.value);
    } catch (error) {
      return replyWithDomainFieldError(submission, error);
    }
  });
}
