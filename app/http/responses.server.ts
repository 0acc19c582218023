import { serverT } from "~/i18n/i18n.server";
import type { Locale } from "~/i18n/locales";
import { DomainError, type RefusalBody } from "./errors";
import { PRIVATE_NO_STORE } from "~/security/cache-control";

/**
 * The HTTP answer for a domain refusal: its status, and its message key for the error
 * boundary, which translates it. A real Response (not `data()`), so that a resource route
 * (no page: the CSV report, sign-out) answers it as it is; given the visitor's language it
 * also carries the message itself, for those routes.
 */
export function refusalResponse(error: DomainError, locale?: Locale): Response {
  const body: RefusalBody & { message?: string } = {
    messageKey: error.messageKey,
    namespace: error.namespace,
    values: error.options.values ?? null,
  };
  if (locale) body.message = serverT(locale, error.namespace)(error.messageKey, body.values ?? {});
  return Response.json(body, { status: error.status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Runs route work and turns a DomainError into the HTTP answer (thrown, so the page's error
 * boundary shows its translated message). Server-side faults are logged by name and key only.
 */
export async function orRespond<T>(work: () => Promise<T>, locale?: Locale): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.status >= 500) console.error(`[puente] ${error.message}`);
      throw refusalResponse(error, locale);
    }
    throw error;
  }
}

/**
 * For form actions: a refusal the person can act on (400, 409: "this has moved on") comes back
 * to be shown on the form with what they typed; anything else is answered like `orRespond`.
 */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ value: T } | { refusal: DomainError }> {
  return orRespond(async () => {
    try {
      return { value: await work() };
    } catch (error) {
      if (error instanceof DomainError && (error.status === 400 || error.status === 409)) {
        return { refusal: error };
      }
      throw error;
    }
  });
}

/** One parameter of an API request that could not be used, and why. */
export interface ParameterProblem {
  parameter: string;
  reason: string;
  value?: string;
}

/**
 * The error answer of the JSON APIs (/api/search, /api/hsds): a stable `error` code, a
 * sentence for the developer, and the parameters at fault, never a stack or a query.
 */
export function jsonError(
  status: 400 | 404 | 405 | 413 | 414 | 415 | 503,
  error: string,
  message: string,
  parameters: ParameterProblem[] = [],
): Response {
  return Response.json(
    { error, message, parameters },
    { status, headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}
