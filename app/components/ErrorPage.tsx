import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalePath } from "~/i18n/hooks";

const KIND_OF_STATUS: Record<number, string> = {
  400: "badRequest",
  403: "forbidden",
  404: "notFound",
  405: "methodNotAllowed",
  409: "conflict",
  410: "gone",
  413: "tooLarge",
  414: "tooLarge",
  415: "unsupportedMediaType",
  503: "unavailable",
};

/** `common:errors.<kind>`: the title and text of the page for an HTTP status. */
export function errorKind(status: number): string {
  return KIND_OF_STATUS[status] ?? (status < 500 ? "badRequest" : "serverError");
}

/**
 * One translated page per HTTP status. `message` replaces the status's generic text when the
 * refusal said more precisely what happened (a DomainError's message).
 */
export function ErrorPage({ status, message }: { status: number; message?: ReactNode }) {
  const { t } = useTranslation();
  const href = useLocalePath();
  const kind = errorKind(status);
  return (
    <section className="error-page">
      <h1>{t(`errors.${kind}.title`)}</h1>
      <p>{message ?? t(`errors.${kind}.body`)}</p>
      <p>
        <Link to={href("/")}>{t("errors.backHome")}</Link> ·{" "}
        <Link to={href("/help")}>{t("nav.getHelpNow")}</Link>
      </p>
    </section>
  );
}
