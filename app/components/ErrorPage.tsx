import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalePath } from "~/i18n/hooks";

/** One translated page per HTTP status, used by the root error boundary. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const href = useLocalePath();
  const kind =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 400
          ? "badRequest"
          : "serverError";
  return (
    <section className="error-page">
      <h1>{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`)}</p>
      <p>
        <Link to={href("/")}>{t("errors.backHome")}</Link> ·{" "}
        <Link to={href("/help")}>{t("nav.getHelpNow")}</Link>
      </p>
    </section>
  );
}
