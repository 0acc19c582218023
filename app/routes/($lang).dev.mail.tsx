import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLabels } from "~/components/labels";
import { requireRole } from "~/accounts/sessions.server";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { pageTitle } from "~/i18n/meta";
import { listOutbox } from "~/mail/mail.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "outbox.title", "accounts");

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/**
 * The local mail outbox, for development without an SMTP server: reset links and invitations
 * can be followed from here. It does not exist in production (404), and only staff see it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (config().NODE_ENV === "production") throw new Response("Not found", { status: 404 });
  await requireRole(request, ["admin", "staff"]);
  const messages = await listOutbox(db());
  return {
    smtpConfigured: Boolean(config().SMTP_URL),
    messages: messages.map((message) => ({
      id: message.id,
      to: message.to,
      subject: message.subject,
      text: message.text,
      createdAt: message.createdAt.toISOString(),
      sentAt: message.sentAt?.toISOString() ?? null,
      lastError: message.lastError,
    })),
  };
}

export default function DevMail() {
  const { t } = useTranslation("accounts");
  const labels = useLabels();
  const { messages, smtpConfigured } = useLoaderData<typeof loader>();
  return (
    <div className="outbox-page">
      <h1>{t("outbox.heading")}</h1>
      <p className="lead">{smtpConfigured ? t("outbox.leadSmtp") : t("outbox.leadLocal")}</p>
      {messages.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      {messages.map((message) => (
        <article key={message.id} className="outbox-message">
          <h2>{message.subject}</h2>
          <p>
            {t("outbox.to", { to: message.to })} · {labels.dateTime(message.createdAt)} ·{" "}
            {message.sentAt ? t("outbox.sent") : t("outbox.pending")}
          </p>
          {message.lastError ? (
            <p className="field-error">{t("outbox.error", { error: message.lastError })}</p>
          ) : null}
          <pre>{message.text}</pre>
        </article>
      ))}
    </div>
  );
}
