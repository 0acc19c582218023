import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/accounts/sessions.server";
import { db } from "~/db.server";
import { redirectWithFlash } from "~/flash.server";
import { useLocalePath } from "~/i18n/hooks";
import { localePath } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { transitionFormSchema } from "~/referrals/forms";
import { languageNamesFor, requestLocale } from "~/referrals/http.server";
import { getReferral, transitionReferral } from "~/referrals/referrals.server";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { useReferralLabels } from "~/referrals/ui/labels";
import { ReferralPage } from "~/referrals/ui/ReferralPage";
import { referralLinks } from "~/referrals/ui/styles";
import { privatePageHeaders } from "~/security/cache-control";

import { readForm } from "~/http/form.server";
import { attempt, orRespond } from "~/http/responses.server";

export const links = referralLinks;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "detail.title", "referrals");

/** Personal data: never stored by a browser or proxy cache. */
export const headers = privatePageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const referral = await orRespond(() =>
    getReferral(db(), { actor, referralId: params.id ?? "", locale }),
  );
  return { referral, languageNames: languageNamesFor(locale, [referral.preferredLanguage]) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await requestLocale(request, params.lang);
  const referralId = params.id ?? "";
  const submission = parseWithZod(await readForm(request), { schema: transitionFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const outcome = await attempt(() =>
    transitionReferral(db(), { actor, referralId, ...submission.value }),
  );
  if ("refusal" in outcome) {
    return data(
      { result: submission.reply({ formErrors: [outcome.refusal.messageKey] }) },
      { status: outcome.refusal.status },
    );
  }
  return redirectWithFlash(localePath(locale, `/portal/referrals/${referralId}`), {
    kind: "success",
    message: `referrals:flash.status.${submission.value.to}`,
  });
}

export default function PortalReferral() {
  const { referral, languageNames } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useReferralLabels();
  const href = useLocalePath();
  return (
    <>
      <p className="no-print">
        <Link to={href("/portal/referrals")}>{t("detail.backToInbox")}</Link>
      </p>
      <ReferralPage
        key={referral.status}
        referral={referral}
        languageNames={languageNames}
        detailPath={(id) => `/portal/referrals/${id}`}
        transitionResult={actionData?.result}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
