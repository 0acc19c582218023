/**
 * The one error type of the referrals domain: an HTTP status for routes, and a translation key
 * (namespace `referrals`) for the message people see. `detail` is for the server log only.
 */
export class ReferralError extends Error {
  override readonly name = "ReferralError";

  constructor(
    readonly status: 400 | 403 | 404 | 409 | 410 | 500 | 503,
    readonly messageKey: string,
    readonly options: { detail?: string; values?: Record<string, string> } = {},
  ) {
    super(options.detail ? `${messageKey}: ${options.detail}` : messageKey);
  }
}
