/**
 * The one error type the directory's domain functions throw on purpose: an HTTP status and an
 * i18n key (`portal:errors.<key>`) that tells the person what happened. Routes turn it into a
 * response with `handleDomainErrors`; anything else is a bug and becomes a 500.
 */
export type DomainErrorKey =
  | "notFound"
  | "forbidden"
  | "notPending"
  | "entityGone"
  | "unknownCategory"
  | "invalidReference"
  | "placeNotFound"
  | "countyRequired";

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly key: DomainErrorKey,
  ) {
    super(key);
    this.name = "DomainError";
  }
}

export const notFound = () => new DomainError(404, "notFound");
export const forbidden = () => new DomainError(403, "forbidden");

/** Runs route work; a DomainError becomes a thrown Response the error boundary renders. */
export async function handleDomainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new Response(error.key, { status: error.status, statusText: error.key });
    }
    throw error;
  }
}
