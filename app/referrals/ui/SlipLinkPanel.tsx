import { useEffect, useState } from "react";
import { useReferralLabels } from "./labels";

/**
 * The slip link, shown once after a referral is made or a new link is issued: only a hash of
 * it is stored, so this is the moment to give it to the person (text message, email, print).
 * It arrives in the page's own data, never in a cookie.
 *
 * The link is plain, selectable text; the copy button appears only once scripts run and the
 * browser offers the clipboard (progressive enhancement).
 */
export function SlipLinkPanel({ link }: { link: string | null }) {
  const { t } = useReferralLabels();
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setCanCopy(typeof navigator !== "undefined" && !!navigator.clipboard?.writeText);
  }, []);
  if (!link) return null;
  const copy = () => {
    navigator.clipboard.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section aria-labelledby="slip-link-heading" className="notice slip-link-panel">
      <h2 id="slip-link-heading">{t("slipLink.heading")}</h2>
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
      <p className="hint">{t("slipLink.once")}</p>
    </section>
  );
}
