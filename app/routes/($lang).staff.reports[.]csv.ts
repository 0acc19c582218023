import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { serverT } from "~/i18n/i18n.server";
import { LOCALES } from "~/i18n/locales";
import { reportPeriodSchema, searchParamsObject } from "~/referrals/forms";
import { languageNamesFor, requestLocale } from "~/referrals/http.server";
import { getReferralReport, reportToCsv, type ReportSection } from "~/referrals/reports.server";
import { orRespond } from "~/http/responses.server";

/** `/staff/reports.csv?from=…&to=…`: the report's figures (never personal data) as CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const period = reportPeriodSchema.parse(searchParamsObject(new URL(request.url).searchParams));
  const report = await orRespond(() => getReferralReport(db(), { actor, ...period }), locale);
  const t = serverT(locale, "referrals");
  const languages = languageNamesFor(
    locale,
    report.byLanguage.map((item) => item.code),
  );
  const label = (section: ReportSection, code: string | null): string => {
    if (code === "section") return t(`csv.sections.${section}`);
    switch (section) {
      case "summary":
        return t(`csv.summary.${code}`);
      case "mode":
        return t(`mode.${code}`);
      case "status":
        return t(`status.${code}`);
      case "category":
        return t(`vocabulary:category.${code}`);
      case "county":
        return code ? t(`vocabulary:county.${code}`) : t("notRecorded");
      case "language":
        return code ? (languages[code] ?? code) : "";
      case "outcome":
        return t(`outcome.${code}`);
      case "declineReason":
        return t(`declineReason.${code}`);
      case "organization":
        return code ?? "";
    }
  };
  const csv = reportToCsv(report, {
    header: [
      t("csv.header.section"),
      t("csv.header.code"),
      t("csv.header.label"),
      t("csv.header.count"),
    ],
    label,
  });
  const filename = `puente-referrals-${report.period.from}-${report.period.to}.csv`;
  // A byte-order mark so spreadsheet programs read accents and non-Latin names correctly.
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": `text/csv; charset=utf-8`,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Language": LOCALES[locale].intl,
      "Cache-Control": "no-store",
    },
  });
}
