import { data } from "@remix-run/node";
import { DomainError, type RefusalBody } from "./errors";

/** The HTTP answer for a domain refusal: its status, and its message key for the error boundary. */
export function refusalResponse(error: DomainError) {
  return data<RefusalBody>(
    {
      messageKey: error.messageKey,
      namespace: error.namespace,
      values: error.options.values ?? null,
    },
    { status: error.status },
  );
}

/**
 * Runs route work and turns a DomainError into the HTTP answer (thrown, so the page's error
 * boundary shows its translated message). Server-side faults are logged by name and key only.
 */
export async function orRespond<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.status >= 500) console.error(`[puente] ${error.message}`);
      throw refusalResponse(error);
    }
    throw error;
  }
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
  status: 400 | 404 | 405 | 413 | 414 | 415,
  error: string,
  message: string,
  parameters: ParameterProblem[] = [],
): Response {
  return Response.json(
    { error, message, parameters },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}
