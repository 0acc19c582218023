import { Link } from "@remix-run/react";
import { useLocalePath } from "~/i18n/hooks";
import type { ReferralListItem } from "../dashboard.server";
import { DateText, DateTimeText } from "./Dates";
import { languageLabel, useReferralLabels } from "./labels";
import { StatusBadge } from "./StatusBadge";

/** Referrals as a table (no personal data: the list is about services and needs). */
export function ReferralTable({
  items,
  caption,
  detailPath,
  languageNames,
  showOrganization = true,
}: {
  items: ReferralListItem[];
  caption: string;
  detailPath: (id: string) => string;
  languageNames: Record<string, string>;
  showOrganization?: boolean;
}) {
  const labels = useReferralLabels();
  const { t } = labels;
  const href = useLocalePath();
  return (
    <div className="table-scroll">
      <table className="referral-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("list.made")}</th>
            <th scope="col">{showOrganization ? t("list.service") : t("list.serviceOnly")}</th>
            <th scope="col">{t("list.needs")}</th>
            <th scope="col">{t("list.language")}</th>
            <th scope="col">{t("list.county")}</th>
            <th scope="col">{t("list.urgency")}</th>
            <th scope="col">{t("list.status")}</th>
            <th scope="col">{t("list.followUp")}</th>
            <th scope="col">{t("list.erasesOn")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={item.overdue ? "is-overdue" : undefined}>
              <td>
                <Link to={href(detailPath(item.id))}>
                  <DateTimeText value={item.createdAt} />
                </Link>
              </td>
              <td>
                {item.serviceName}
                {showOrganization ? (
                  <>
                    <br />
                    <span className="hint">{item.organizationName}</span>
                  </>
                ) : null}
              </td>
              <td>{item.needs.map(labels.category).join(", ")}</td>
              <td>{languageLabel(languageNames, item.preferredLanguage)}</td>
              <td>{labels.county(item.county)}</td>
              <td>
                <UrgencyFlags item={item} />
              </td>
              <td>
                <StatusBadge status={item.status} />
                {item.mode === "logged" ? (
                  <>
                    <br />
                    <span className="hint">{labels.mode("logged")}</span>
                  </>
                ) : null}
              </td>
              <td>
                {item.followUpOn ? <DateText value={item.followUpOn} /> : "—"}
                {item.overdue ? (
                  <>
                    <br />
                    <strong className="overdue">{t("list.overdue")}</strong>
                  </>
                ) : null}
              </td>
              <td>{item.erasesOn ? <DateText value={item.erasesOn} /> : t("list.erased")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UrgencyFlags({
  item,
}: {
  item: { detained: boolean; hasCourtDate: boolean; hasDeadline: boolean };
}) {
  const { t } = useReferralLabels();
  const flags = [
    item.detained ? t("urgency.detained") : null,
    item.hasCourtDate ? t("urgency.courtDate") : null,
    item.hasDeadline ? t("urgency.deadline") : null,
  ].filter((flag): flag is string => !!flag);
  if (flags.length === 0) return <>—</>;
  return (
    <ul className="urgency-flags">
      {flags.map((flag) => (
        <li key={flag}>{flag}</li>
      ))}
    </ul>
  );
}
