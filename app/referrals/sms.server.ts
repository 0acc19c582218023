import { config } from "~/config.server";

/**
 * Text messages through the coalition's SMS provider: any HTTP API that accepts
 *
 *   POST $SMS_API_URL
 *   Authorization: Bearer $SMS_API_TOKEN      (only when SMS_API_TOKEN is set)
 *   Content-Type: application/json
 *   {"from": "$SMS_FROM", "to": "+17185550147", "text": "…"}
 *
 * and answers 2xx when it accepted the message (the body is not read). Unset SMS_API_URL: text
 * messages are not offered. Neither the number nor the text is ever logged.
 */
export interface SmsSettings {
  url: string;
  token: string | undefined;
  from: string | undefined;
}

export function smsSettings(): SmsSettings | null {
  const settings = config();
  if (!settings.SMS_API_URL) return null;
  return { url: settings.SMS_API_URL, token: settings.SMS_API_TOKEN, from: settings.SMS_FROM };
}

export type SmsResult = { ok: true } | { ok: false; reason: string };

/** How long the provider may take before the send counts as failed. */
const SMS_TIMEOUT_MS = 10_000;

/** One message; the failure reason is a short code (http_503, timeout, network), never the body. */
export async function sendSms(
  settings: SmsSettings,
  message: { to: string; text: string },
): Promise<SmsResult> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  try {
    const response = await fetch(settings.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ from: settings.from ?? null, to: message.to, text: message.text }),
      redirect: "error",
      signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    return response.ok ? { ok: true } : { ok: false, reason: `http_${response.status}` };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    return { ok: false, reason: name === "TimeoutError" ? "timeout" : "network" };
  }
}
