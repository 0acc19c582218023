import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalePath } from "~/i18n/hooks";
import { useLabels } from "./labels";

/** Tells an editor that the form shows their proposal still waiting for review. */
export function PendingNotice({ pending }: { pending: { id?: string; createdAt: string } | null }) {
  const { t } = useTranslation("portal");
  const labels = useLabels();
  const href = useLocalePath();
  if (!pending) return null;
  return (
    <p className="notice">
      {t("forms.pendingNotice", { date: labels.dateTime(pending.createdAt) })}
      {pending.id ? (
        <>
          {" "}
          <Link to={href(`/portal/changes/${pending.id}/preview`)}>{t("preview.link")}</Link>
        </>
      ) : null}
    </p>
  );
}

/** The save button says what will happen: publish now, or send to the coalition for review. */
export function SubmitChanges({
  reviewed,
  creating = false,
}: {
  reviewed: boolean;
  creating?: boolean;
}) {
  const { t } = useTranslation("portal");
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary">
        {reviewed
          ? t("forms.sendForReview")
          : creating
            ? t("forms.create")
            : t("forms.saveAndPublish")}
      </button>
      <p className="hint">{reviewed ? t("forms.reviewedHint") : t("forms.publishedHint")}</p>
    </div>
  );
}
