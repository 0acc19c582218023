import type { Namespace } from "~/i18n/locales";

export type DomainErrorStatus = 400 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 500 | 503;

/**
 * The one error type the domains throw on purpose: an HTTP status for routes and a
 * translation key (in `namespace`) for the message the person sees. `detail` is for the
 * server log only and never holds personal data. Routes turn it into a response with
 * `orRespond` (app/http/responses.server.ts); anything else thrown is a bug and becomes a 500.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";

  constructor(
    readonly status: DomainErrorStatus,
    readonly messageKey: string,
    readonly namespace: Namespace = "common",
    readonly options: { detail?: string; values?: Record<string, string> } = {},
  ) {
    super(
      options.detail
        ? `${namespace}:${messageKey}: ${options.detail}`
        : `${namespace}:${messageKey}`,
    );
  }
}

/** What a refused request carries to the error boundary (and to a program reading JSON). */
export interface RefusalBody {
  messageKey: string;
  namespace: Namespace;
  values: Record<string, string> | null;
}

export function isRefusalBody(value: unknown): value is RefusalBody {
  if (typeof value !== "object" || value === null) return false;
  const body = value as Partial<RefusalBody>;
  return typeof body.messageKey === "string" && typeof body.namespace === "string";
}

/** The generic refusals of the HTTP layer, with their page text in `common:errors.<kind>`. */
export const notFound = () => new DomainError(404, "errors.notFound.body");
export const forbidden = () => new DomainError(403, "errors.forbidden.body");
export const badRequest = () => new DomainError(400, "errors.badRequest.body");
