import { useTranslation } from "react-i18next";

export interface FlashData {
  kind: "success" | "info" | "error";
  message: string;
  values?: Record<string, string | number>;
}

/** The one-time message set by a redirect (app/flash.server.ts), announced to screen readers. */
export function FlashMessage({ flash }: { flash: FlashData | null | undefined }) {
  const { t } = useTranslation();
  if (!flash) return null;
  return (
    <div
      className={`notice notice--${flash.kind === "error" ? "error" : "success"} flash`}
      role={flash.kind === "error" ? "alert" : "status"}
    >
      {t(flash.message, flash.values)}
    </div>
  );
}
