import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "./useHydrated";

/** "Print this list": needs JavaScript, so it only appears once the page is hydrated. */
export function PrintButton({ label }: { label: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}

/** Shares the page's own address (system share sheet, or copy to the clipboard). */
export function ShareButton({ title }: { title: string }) {
  const { t } = useTranslation("directory");
  const hydrated = useHydrated();
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  if (!hydrated) return null;
  const share = async () => {
    const url = window.location.href;
    if (typeof navigator.share === "function") {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        // The visitor closed the share sheet: nothing to report.
        if (error instanceof DOMException && error.name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void share()}>
        {t("actions.share")}
      </button>
      <span role="status" className="action-status">
        {status === "copied" ? t("actions.linkCopied") : null}
        {status === "failed" ? t("actions.copyFailed") : null}
      </span>
    </>
  );
}
