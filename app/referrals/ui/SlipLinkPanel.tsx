import { useReferralLabels } from "./labels";

/**
 * The slip link, shown once after a referral is made or a new link is issued: only a hash of
 * it is stored, so this is the moment to give it to the person (text message, email, print).
 * It arrives in the page's own data, never in a cookie.
 */
export function SlipLinkPanel({ link }: { link: string | null }) {
  const { t } = useReferralLabels();
  if (!link) return null;
  return (
    <section aria-labelledby="slip-link-heading" className="notice slip-link-panel">
      <h2 id="slip-link-heading">{t("slipLink.heading")}</h2>
      <p>
        <a href={link} target="_blank" rel="noreferrer" className="slip-link">
          {link}
        </a>
      </p>
      <p className="hint">{t("slipLink.once")}</p>
    </section>
  );
}
