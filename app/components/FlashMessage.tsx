export interface FlashData {
  kind: "success" | "info" | "error";
  /** Already in the visitor's language (translated by the root loader). */
  text: string;
}

/** The one-time message set by a redirect (app/flash.server.ts), announced to screen readers. */
export function FlashMessage({ flash }: { flash: FlashData | null | undefined }) {
  if (!flash) return null;
  return (
    <div
      className={`notice notice--${flash.kind === "error" ? "error" : "success"} flash`}
      role={flash.kind === "error" ? "alert" : "status"}
    >
      {flash.text}
    </div>
  );
}
