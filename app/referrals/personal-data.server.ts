import { z } from "zod";
import { eventNoteContext, personalDataContext, type Sealed } from "./crypto.server";
import { sealWith, type DataKey, type DataKeys } from "./data-keys.server";

/**
 * Everything about the person that identifies them. Stored only as one AES-GCM ciphertext
 * per referral (referrals.personal_data), under its period's data key, and erased by the
 * retention job.
 */
export const personalDataSchema = z.object({
  /** How to call the person: a first name or initials. The only field the slip shows. */
  callName: z.string(),
  fullName: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  /** Consent recorded by staff for each way of contacting the person. */
  consent: z.object({ phone: z.boolean(), email: z.boolean() }),
  notes: z.string().optional(),
  /** ISO dates (YYYY-MM-DD). */
  courtDate: z.string().optional(),
  deadline: z.string().optional(),
});
export type PersonalData = z.infer<typeof personalDataSchema>;

export function sealPersonalData(dataKey: DataKey, referralId: string, data: PersonalData): Sealed {
  const plaintext = Buffer.from(JSON.stringify(personalDataSchema.parse(data)), "utf8");
  return sealWith(dataKey, plaintext, personalDataContext(referralId));
}

export async function openPersonalData(
  keys: DataKeys,
  referralId: string,
  sealed: Sealed,
): Promise<PersonalData> {
  const plaintext = await keys.open(sealed, personalDataContext(referralId));
  return personalDataSchema.parse(JSON.parse(plaintext.toString("utf8")));
}

export function sealEventNote(
  dataKey: DataKey,
  referralId: string,
  eventId: string,
  note: string,
): Sealed {
  const plaintext = Buffer.from(JSON.stringify({ note }), "utf8");
  return sealWith(dataKey, plaintext, eventNoteContext(referralId, eventId));
}

export async function openEventNote(
  keys: DataKeys,
  referralId: string,
  eventId: string,
  sealed: Sealed,
): Promise<string> {
  const plaintext = await keys.open(sealed, eventNoteContext(referralId, eventId));
  return z.object({ note: z.string() }).parse(JSON.parse(plaintext.toString("utf8"))).note;
}
