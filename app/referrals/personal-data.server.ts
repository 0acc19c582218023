import { z } from "zod";
import {
  eventNoteContext,
  openJson,
  personalDataContext,
  sealJson,
  type KeyRing,
  type Sealed,
} from "./crypto.server";

/**
 * Everything about the person that identifies them. Stored only as one AES-GCM ciphertext
 * per referral (referrals.personal_data) and erased by the retention job.
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

export function sealPersonalData(ring: KeyRing, referralId: string, data: PersonalData): Sealed {
  return sealJson(ring, personalDataSchema.parse(data), personalDataContext(referralId));
}

export function openPersonalData(ring: KeyRing, referralId: string, sealed: Sealed): PersonalData {
  return personalDataSchema.parse(openJson(ring, sealed, personalDataContext(referralId)));
}

export function sealEventNote(
  ring: KeyRing,
  referralId: string,
  eventId: string,
  note: string,
): Sealed {
  return sealJson(ring, { note }, eventNoteContext(referralId, eventId));
}

export function openEventNote(
  ring: KeyRing,
  referralId: string,
  eventId: string,
  sealed: Sealed,
): string {
  return z
    .object({ note: z.string() })
    .parse(openJson(ring, sealed, eventNoteContext(referralId, eventId))).note;
}
