import { Link } from "@remix-run/react";
import { useLocalePath } from "~/i18n/hooks";
import type { PersonalData } from "../personal-data.server";
import type { ReferralDetail, TimelineEvent } from "../referrals.server";
import { DateText, DateTimeText } from "./Dates";
import { languageLabel, useReferralLabels } from "./labels";
import { UrgencyFlags } from "./ReferralTable";
import { StatusBadge } from "./StatusBadge";

/** What the referral is about: service, needs, urgency, status. No personal data. */
export function ReferralFacts({
  referral,
  languageNames,
  detailPath,
}: {
  referral: ReferralDetail;
  languageNames: Record<string, string>;
  /** Where links to related referrals go (staff or portal). */
  detailPath: (id: string) => string;
}) {
  const labels = useReferralLabels();
  const { t } = labels;
  const href = useLocalePath();
  return (
    <section aria-labelledby="referral-facts-heading" className="referral-section">
      <h2 id="referral-facts-heading">{t("detail.factsHeading")}</h2>
      <dl className="facts">
        {referral.referenceCode ? (
          <>
            <dt>{t("detail.referenceCode")}</dt>
            <dd>
              <span className="reference-code" dir="ltr">
                {referral.referenceCode}
              </span>
            </dd>
          </>
        ) : null}
        <dt>{t("detail.status")}</dt>
        <dd>
          <StatusBadge status={referral.status} />
          {referral.declineReason && referral.status === "declined" ? (
            <> — {labels.declineReason(referral.declineReason)}</>
          ) : null}
          {referral.outcome && referral.status === "closed" ? (
            <> — {labels.outcome(referral.outcome)}</>
          ) : null}
        </dd>
        <dt>{t("detail.service")}</dt>
        <dd>
          {referral.service.name}
          <br />
          <span className="hint">{referral.organization.name}</span>
        </dd>
        <dt>{t("detail.mode")}</dt>
        <dd>{labels.mode(referral.mode)}</dd>
        <dt>{t("detail.made")}</dt>
        <dd>
          <DateTimeText value={referral.createdAt} />
        </dd>
        <dt>{t("detail.needs")}</dt>
        <dd>{referral.needs.map(labels.category).join(", ")}</dd>
        <dt>{t("detail.language")}</dt>
        <dd>{languageLabel(languageNames, referral.preferredLanguage)}</dd>
        <dt>{t("detail.county")}</dt>
        <dd>{labels.county(referral.county)}</dd>
        <dt>{t("detail.urgency")}</dt>
        <dd>
          <UrgencyFlags item={referral} />
        </dd>
        {referral.followUpOn ? (
          <>
            <dt>{t("detail.followUp")}</dt>
            <dd>
              <DateText value={referral.followUpOn} />
            </dd>
          </>
        ) : null}
        {referral.copiedFrom ? (
          <>
            <dt>{t("detail.copiedFrom")}</dt>
            <dd>
              <Link to={href(detailPath(referral.copiedFrom.id))}>
                {referral.copiedFrom.serviceName} ({referral.copiedFrom.organizationName})
              </Link>
            </dd>
          </>
        ) : null}
        {referral.copies.length > 0 ? (
          <>
            <dt>{t("detail.copies")}</dt>
            <dd>
              <ul className="plain-list">
                {referral.copies.map((copy) => (
                  <li key={copy.id}>
                    <Link to={href(detailPath(copy.id))}>
                      {copy.serviceName} ({copy.organizationName})
                    </Link>{" "}
                    <StatusBadge status={copy.status} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** The person: shown only on this page, and every showing is recorded in the audit log. */
export function PersonalDataPanel({
  personal,
  purgedAt,
  erasesOn,
  closed,
}: {
  personal: PersonalData | null;
  purgedAt: string | null;
  /** When these details will be erased (for an open referral: if nothing happens before). */
  erasesOn: string | null;
  closed: boolean;
}) {
  const { t } = useReferralLabels();
  return (
    <section aria-labelledby="personal-heading" className="referral-section personal-data">
      <h2 id="personal-heading">{t("detail.personalHeading")}</h2>
      {personal ? (
        <>
          <p className="hint">{t("detail.personalAudited")}</p>
          {erasesOn ? (
            <p className="hint">
              {t(closed ? "detail.erasesOn" : "detail.erasesOnIfInactive")}{" "}
              <DateText value={erasesOn} />
            </p>
          ) : null}
          <dl className="facts">
            <dt>{t("detail.callName")}</dt>
            <dd>{personal.callName}</dd>
            {personal.fullName ? (
              <>
                <dt>{t("detail.fullName")}</dt>
                <dd>{personal.fullName}</dd>
              </>
            ) : null}
            <dt>{t("detail.phone")}</dt>
            <dd>
              {personal.phone ? (
                <a href={`tel:${personal.phone}`} dir="ltr">
                  {personal.phone}
                </a>
              ) : (
                t("detail.noConsent")
              )}
            </dd>
            <dt>{t("detail.email")}</dt>
            <dd>
              {personal.email ? (
                <a href={`mailto:${personal.email}`}>{personal.email}</a>
              ) : (
                t("detail.noConsent")
              )}
            </dd>
            {personal.courtDate ? (
              <>
                <dt>{t("detail.courtDate")}</dt>
                <dd>
                  <DateText value={personal.courtDate} />
                </dd>
              </>
            ) : null}
            {personal.deadline ? (
              <>
                <dt>{t("detail.deadline")}</dt>
                <dd>
                  <DateText value={personal.deadline} />
                </dd>
              </>
            ) : null}
            {personal.notes ? (
              <>
                <dt>{t("detail.notes")}</dt>
                <dd className="preserve-lines">{personal.notes}</dd>
              </>
            ) : null}
          </dl>
        </>
      ) : (
        <p>
          {t("detail.purged")}
          {purgedAt ? (
            <>
              {" "}
              (<DateText value={purgedAt} />)
            </>
          ) : null}
        </p>
      )}
    </section>
  );
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const labels = useReferralLabels();
  const { t } = labels;
  return (
    <section aria-labelledby="timeline-heading" className="referral-section">
      <h2 id="timeline-heading">{t("detail.timelineHeading")}</h2>
      <ol className="timeline">
        {events.map((event) => (
          <li key={event.id}>
            <p>
              <strong>
                {event.kind !== "status"
                  ? t(sendLabel(event))
                  : event.fromStatus
                    ? t("timeline.changed", {
                        from: labels.status(event.fromStatus),
                        to: labels.status(event.toStatus),
                      })
                    : t("timeline.created", { status: labels.status(event.toStatus) })}
              </strong>
              {event.kind !== "status" && event.code ? <> ({event.code})</> : null}
              {event.kind === "status" && event.code ? (
                <>
                  {" — "}
                  {event.toStatus === "declined"
                    ? labels.declineReason(event.code)
                    : labels.outcome(event.code)}
                </>
              ) : null}
            </p>
            <p className="hint">
              <DateTimeText value={event.at} /> · {labels.actor(event.actorKind)}
              {event.actorName ? <> · {event.actorName}</> : null}
            </p>
            {event.note ? <p className="preserve-lines">{event.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A send of the slip link on the timeline: the channel and how it went, never the address. */
function sendLabel(event: TimelineEvent): string {
  if (event.kind === "slip_email") return "timeline.emailQueued";
  return event.delivery === "failed" ? "timeline.smsFailed" : "timeline.smsSent";
}
