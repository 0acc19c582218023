import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import type { ReferralDetail } from "../referrals.server";
import { useReferralLabels } from "./labels";
import { PersonalDataPanel, ReferralFacts, Timeline } from "./ReferralView";
import { SlipLinkPanel, type SlipHandover, type SlipSendResult } from "./SlipLinkPanel";
import { TransitionForm } from "./TransitionForm";

/** One referral, for staff and for the receiving organization's editors. */
export function ReferralPage({
  referral,
  slip = null,
  smsConfigured = false,
  sendResult,
  languageNames,
  detailPath,
  transitionResult,
  children,
}: {
  referral: ReferralDetail;
  /** Shown once, right after the referral or a new slip link was made (or sent). */
  slip?: SlipHandover | null;
  smsConfigured?: boolean;
  sendResult?: SlipSendResult;
  languageNames: Record<string, string>;
  detailPath: (id: string) => string;
  transitionResult: SubmissionResult<string[]> | undefined;
  /** Staff tools, below the status form. */
  children?: ReactNode;
}) {
  const { t } = useReferralLabels();
  return (
    <div className="referral-page">
      <h1>{t("detail.heading", { service: referral.service.name })}</h1>
      <p className="lead">{referral.organization.name}</p>
      <SlipLinkPanel
        slip={slip}
        referenceCode={referral.referenceCode}
        canSend={referral.canSend}
        smsConfigured={smsConfigured}
        sendResult={sendResult}
      />
      <div className="referral-columns">
        <ReferralFacts referral={referral} languageNames={languageNames} detailPath={detailPath} />
        <PersonalDataPanel
          personal={referral.personal}
          purgedAt={referral.purgedAt}
          erasesOn={referral.erasesOn}
          closed={!!referral.closedAt}
        />
      </div>
      <TransitionForm nextStatuses={referral.nextStatuses} lastResult={transitionResult} />
      {children}
      <Timeline events={referral.timeline} />
    </div>
  );
}
