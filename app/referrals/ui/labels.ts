import { useTranslation } from "react-i18next";
import type { ReferralStatus } from "#db/codes/referrals";

/** How codes of the referrals domain are named to people, in the page's language. */
export function useReferralLabels() {
  const { t } = useTranslation("referrals");
  return {
    t,
    status: (status: ReferralStatus) => t(`status.${status}`),
    category: (code: string) => t(`vocabulary:category.${code}`),
    county: (code: string | null) => (code ? t(`vocabulary:county.${code}`) : t("notRecorded")),
    declineReason: (code: string) => t(`declineReason.${code}`),
    outcome: (code: string) => t(`outcome.${code}`),
    actor: (kind: string) => t(`actor.${kind}`),
    mode: (mode: string) => t(`mode.${mode}`),
  };
}

/** A language tag's name from the loader (computed on the server), or the tag itself. */
export function languageLabel(names: Record<string, string>, tag: string): string {
  return names[tag] ?? tag;
}
