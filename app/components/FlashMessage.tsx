import { useTranslation } from "react-i18next";

export interface FlashData {
  kind: "success" | "info";
  key: string;
  values?: Record<string, string>;
}

/** The one-time confirmation after a redirect, announced to screen readers. */
export function FlashMessage({ flash }: { flash: FlashData | null }) {
  const { t } = useTranslation();
  if (!flash) return null;
  return (
    <div
      className={`notice ${flash.kind === "success" ? "notice--success" : ""}`}
      role="status"
      aria-live="polite"
    >
      {t(flash.key, flash.values)}
    </div>
  );
}
