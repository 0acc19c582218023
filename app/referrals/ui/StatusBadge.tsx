import type { ReferralStatus } from "#db/codes/referrals";
import { useReferralLabels } from "./labels";

export function StatusBadge({ status }: { status: ReferralStatus }) {
  const labels = useReferralLabels();
  return (
    <span className={`referral-status referral-status--${status}`}>{labels.status(status)}</span>
  );
}
