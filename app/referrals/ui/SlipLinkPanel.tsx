import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { QrCodePath } from "../qr.server";
import { useReferralLabels } from "./labels";
import { QrCode } from "./QrCode";

/** The slip link as the page that just made it shows it: the link, its token and its QR code. */
export interface SlipHandover {
  link: string;
  token: string;
  qr: QrCodePath;
}

/** The last send of this page (from the action): how it went, or why it was refused. */
export interface SlipSendResult {
  outcome?: "queued" | "sent" | "failed";
  error?: string;
}

/**
 * The slip link, shown once after a referral is made or a new link is issued: only a hash of
 * it is stored, so this is the moment to give it to the person: copy it, let them scan the QR
 * code, print the slip, or send it by email or text message (when they agreed to that way of
 * contact). It arrives in the page's own data, never in a cookie; the send forms post the
 * token back, and the server checks it against the stored hash.
 *
 * The link is plain, selectable text; the copy button appears only once scripts run and the
 * browser offers the clipboard (progressive enhancement).
 */
export function SlipLinkPanel({
  slip,
  referenceCode,
  canSend = { email: false, sms: false },
  smsConfigured = false,
  sendResult,
}: {
  slip: SlipHandover | null;
  referenceCode?: string | null;
  canSend?: { email: boolean; sms: boolean };
  smsConfigured?: boolean;
  sendResult?: SlipSendResult;
}) {
  const { t } = useReferralLabels();
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setCanCopy(typeof navigator !== "undefined" && !!navigator.clipboard?.writeText);
  }, []);
  if (!slip) {
    // A send refused because the link is no longer the current one: the link is not shown
    // again, the reason is (and "Make a new slip link" is on the page).
    return sendResult?.error ? (
      <p className="notice notice--error" role="alert">
        {t(sendResult.error)}
      </p>
    ) : null;
  }
  const { link } = slip;
  const copy = () => {
    navigator.clipboard.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section aria-labelledby="slip-link-heading" className="notice slip-link-panel">
      <h2 id="slip-link-heading">{t("slipLink.heading")}</h2>
      <div className="slip-handover">
        <div>
          <p>
            <a href={link} target="_blank" rel="noreferrer" className="slip-link">
              {link}
            </a>
          </p>
          {canCopy ? (
            <p>
              <button type="button" className="button" onClick={copy}>
                {t("slipLink.copy")}
              </button>{" "}
              <span role="status">{copied ? t("slipLink.copied") : ""}</span>
            </p>
          ) : null}
          {referenceCode ? (
            <p>
              {t("detail.referenceCode")}:{" "}
              <strong className="reference-code" dir="ltr">
                {referenceCode}
              </strong>
              <br />
              <span className="hint">{t("slipLink.codeHint")}</span>
            </p>
          ) : null}
          <p className="hint">{t("slipLink.once")}</p>
        </div>
        <figure className="slip-handover__qr">
          <QrCode qr={slip.qr} label={t("slipLink.qrLabel")} />
          <figcaption className="hint">{t("slipLink.qrHint")}</figcaption>
        </figure>
      </div>
      <SendSlipForm
        token={slip.token}
        canSend={canSend}
        smsConfigured={smsConfigured}
        result={sendResult}
      />
    </section>
  );
}

function SendSlipForm({
  token,
  canSend,
  smsConfigured,
  result,
}: {
  token: string;
  canSend: { email: boolean; sms: boolean };
  smsConfigured: boolean;
  result: SlipSendResult | undefined;
}) {
  const { t } = useReferralLabels();
  return (
    <div className="slip-send">
      <h3 id="slip-send-heading">{t("send.heading")}</h3>
      {result?.error ? (
        <p className="notice notice--error" role="alert">
          {t(result.error)}
        </p>
      ) : null}
      {result?.outcome ? (
        <p
          className={
            result.outcome === "failed" ? "notice notice--error" : "notice notice--success"
          }
          role={result.outcome === "failed" ? "alert" : "status"}
        >
          {t(`send.result.${result.outcome}`)}
        </p>
      ) : null}
      {canSend.email || canSend.sms ? (
        <Form method="post" aria-labelledby="slip-send-heading" className="slip-send__buttons">
          <input type="hidden" name="intent" value="sendSlip" />
          <input type="hidden" name="token" value={token} />
          {canSend.email ? (
            <button type="submit" name="channel" value="email" className="button">
              {t("send.email")}
            </button>
          ) : null}
          {canSend.sms ? (
            <button type="submit" name="channel" value="sms" className="button">
              {t("send.sms")}
            </button>
          ) : null}
        </Form>
      ) : (
        <p className="hint">{t("send.none")}</p>
      )}
      {!smsConfigured ? <p className="hint">{t("send.smsOff")}</p> : null}
    </div>
  );
}
